import { isRuntimeKey } from '../keys';
import { judgedByCode } from '../code/code-reads';
import type { KeySpec } from '../estate/model';
import type { Finding } from '../model';
import { declaredType } from '../engine/equality';
import { expectedValue, expectedWithUnit, type Check } from './check-context';

/** Whether the key must be set in the environment: `required`, else where a value is expected (`required: false` holds even then). */
export const requiredIn = (spec: KeySpec, environment: string): boolean => spec.required ?? expectedValue(spec, environment) !== undefined;

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
        if (!requiredIn(spec, config.environment)) continue;
        const expected = expectedValue(spec, config.environment);
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
