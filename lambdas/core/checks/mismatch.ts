import { autoscalerOwns } from '../engine/autoscaling';
import { declaredType } from '../engine/equality';
import { comparedIdentities } from '../engine/expected-identity';
import type { Finding } from '../model';
import { displayValue, shownExpected } from '../values/value';
import { entrySource, expectedValue, expectedWithUnit, shownWithUnit, type Check } from './check-context';

/** `mismatch`: a value differs from the baseline's expected value for that environment. */
export const mismatchCheck: Check = {
  id: 'mismatch',
  run(ctx) {
    const out: Finding[] = [];
    for (const [key, spec] of ctx.estate.baseline.keys) {
      for (const config of ctx.configs) {
        const expected = expectedValue(spec, config.environment);
        const entry = config.entries.get(key);
        if (expected === undefined || !entry || autoscalerOwns(config, key)) continue;
        const type = declaredType(key, spec);
        const { actual: actualId, expected: expectedId } = comparedIdentities(expected, entry.value, type);
        if (actualId === undefined || expectedId === undefined || actualId === expectedId) continue;
        const actual = displayValue(entry.value);
        const shown = shownExpected(expected);
        out.push(
          ctx.make({
            kind: 'mismatch',
            severity: spec.severity,
            environment: config.environment,
            key,
            subject: key,
            expected: shown,
            actual,
            source: entrySource(config, entry),
            owner: spec.owner,
            message: `${key} is ${shownWithUnit(entry.value, type)} in ${config.environment}; the baseline expects ${shown === expected ? expectedWithUnit(expected, type) : shown}`,
          }),
        );
      }
    }
    return out;
  },
};
