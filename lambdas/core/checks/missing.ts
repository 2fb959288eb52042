import { isRuntimeKey } from '../keys';
import { judgedByCode } from '../code/code-reads';
import type { Finding } from '../model';
import { declaredType } from '../engine/equality';
import { expectedValue, expectedWithUnit, type Check } from './check-context';

/** `missing`: a required key, or one with an expected value, is absent in an environment. */
export const missingCheck: Check = {
  id: 'missing',
  run(ctx) {
    const out: Finding[] = [];
    for (const [key, spec] of ctx.estate.baseline.keys) {
      // A runtime key no source reports is unknown, not absent.
      // A key the code reads is `unset` where absent: the finding that says what the code will do.
      if (isRuntimeKey(key) || spec.retired || judgedByCode(ctx.code, key)) continue;
      for (const config of ctx.configs) {
        // A failed source may hold the key: judge the environment only on what it has.
        if (config.failed.length > 0 || config.entries.has(key)) continue;
        const expected = expectedValue(spec, config.environment);
        // `required: false` holds even with an expected value: judged only where the key is set.
        if (!(spec.required ?? expected !== undefined)) continue;
        out.push(
          ctx.make({
            kind: 'missing',
            severity: spec.severity,
            environment: config.environment,
            key,
            subject: key,
            expected,
            owner: spec.owner,
            message:
              expected === undefined
                ? `${key} is required but not set in ${config.environment}`
                : `${key} is not set in ${config.environment}; the baseline expects ${expectedWithUnit(expected, declaredType(key, spec))}`,
          }),
        );
      }
    }
    return out;
  },
};
