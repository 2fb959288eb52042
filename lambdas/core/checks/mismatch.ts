import { autoscalerOwns } from '../engine/autoscaling';
import { declaredType, identity } from '../engine/equality';
import type { Finding } from '../model';
import { displayValue, textValue } from '../values/value';
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
        if (
          expected === undefined ||
          !entry ||
          entry.value.kind === 'secret' ||
          entry.value.kind === 'masked' ||
          autoscalerOwns(config, key)
        )
          continue;
        const type = declaredType(key, spec);
        const actualId = identity(entry.value, type);
        if (actualId === undefined || actualId === identity(textValue(expected), type)) continue;
        const actual = displayValue(entry.value);
        out.push(
          ctx.make({
            kind: 'mismatch',
            severity: spec.severity,
            environment: config.environment,
            key,
            subject: key,
            expected,
            actual,
            source: entrySource(config, entry),
            owner: spec.owner,
            message: `${key} is ${shownWithUnit(entry.value, type)} in ${config.environment}; the baseline expects ${expectedWithUnit(expected, type)}`,
          }),
        );
      }
    }
    return out;
  },
};
