import { isRuntimeKey } from '../keys';
import { judgedByCode } from '../code/code-reads';
import type { KeySpec } from '../estate/model';
import type { FindingDraft } from '../engine/finding-factory';
import type { Finding, Observation } from '../model';
import { declaredType } from '../engine/equality';
import { failedOver, type EffectiveConfig } from '../engine/effective-config';
import { displayValue, isBlank, type Value } from '../values/value';
import { entrySource, expectedValue, expectedWithUnit, shownWithUnit, type Check } from './check-context';

/** Whether the key must be set in the environment: `required`, else where a value is expected (`required: false` holds even then). */
export const requiredIn = (spec: KeySpec, environment: string): boolean => spec.required ?? expectedValue(spec, environment) !== undefined;

/**
 * Whether a value is blank where its key is required (`URL=`, a Kubernetes env entry without a value, JSON null,
 * a secret that was blank when read): to the application that reads it, it is not set, and `missing` alone says
 * so (its type is not judged too: one cause, one finding). Where the baseline expects a value, `mismatch` already says so.
 */
const blankWhereRequired = (key: string, spec: KeySpec, environment: string, value: Value): boolean =>
  isBlank(value) && !isRuntimeKey(key) && !spec.retired && requiredIn(spec, environment) && expectedValue(spec, environment) === undefined;

/**
 * Whether `missing` reports `entry`'s blank value in `config` (blankWhereRequired, and no failed source outranks it: such a
 * blank is no proof of what runs). Where it does, no other check judges the blank: one cause, one finding.
 */
export const blankReportedMissing = (key: string, spec: KeySpec, config: EffectiveConfig, entry: Observation): boolean =>
  blankWhereRequired(key, spec, config.environment, entry.value) && !failedOver(config, entry);

/** `missing`: a required key, or one with an expected value, is absent (or blank) in an environment. */
export const missingCheck: Check = {
  id: 'missing',
  run(ctx) {
    const out: Finding[] = [];
    for (const [key, spec] of ctx.estate.baseline.keys) {
      // A runtime key no source reports is unknown, not absent.
      if (isRuntimeKey(key) || spec.retired) continue;
      // A key the code reads is `unset` where absent: the finding that says what the code will do.
      const absenceJudgedByCode = judgedByCode(ctx.code, key);
      for (const config of ctx.configs) {
        if (!requiredIn(spec, config.environment)) continue;
        const expected = expectedValue(spec, config.environment);
        const entry = config.entries.get(key);
        // Its fields in the order the findings have always printed them in.
        const missing = (fields: Partial<FindingDraft>, message: string): number =>
          out.push(
            ctx.make({
              kind: 'missing',
              severity: spec.severity,
              environment: config.environment,
              key,
              subject: key,
              ...fields,
              owner: spec.owner,
              message,
            }),
          );
        // A blank read from a layer a failed source outranks is no proof of what runs: judged on what it has, as an absence.
        if (entry && blankReportedMissing(key, spec, config, entry)) {
          // A secret is shown by its fingerprint, which says nothing of what it is set to.
          const shown = entry.value.kind === 'secret' ? 'a blank secret' : shownWithUnit(entry.value, declaredType(key, spec));
          missing(
            { actual: displayValue(entry.value), source: entrySource(config, entry) },
            `${key} is required but set to ${shown} in ${config.environment}`,
          );
          continue;
        }
        // A failed source may hold the key: judge the environment only on what it has.
        if (config.failed.length > 0 || entry || absenceJudgedByCode) continue;
        missing(
          { expected },
          expected === undefined
            ? `${key} is required but not set in ${config.environment}`
            : `${key} is not set in ${config.environment}; the baseline expects ${expectedWithUnit(expected, declaredType(key, spec))}`,
        );
      }
    }
    return out;
  },
};
