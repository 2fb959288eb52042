import { autoscalerOwns } from '../engine/autoscaling';
import { declaredType, identity } from '../engine/equality';
import type { Finding } from '../model';
import { fromSecretMarker } from '../values/secret-marker';
import { displayValue, shownExpected, textValue, type Value } from '../values/value';
import type { ValueType } from '../values/types';
import { entrySource, expectedValue, expectedWithUnit, shownWithUnit, type Check } from './check-context';

/**
 * What an expected value is compared by. A fingerprint marker (what `drift adopt` writes for a secret)
 * expects that secret: compared by fingerprint under the same key, unknown under another key (a
 * rotation is not a change). Any other expected text is never compared with a secret or masked value.
 */
export function expectedIdentity(expected: string, actual: Value, type: ValueType | undefined): string | undefined {
  const secret = fromSecretMarker(expected);
  if (secret) return actual.kind === 'secret' && actual.keyId !== secret.keyId ? undefined : identity(secret, type);
  return actual.kind === 'secret' || actual.kind === 'masked' ? undefined : identity(textValue(expected), type);
}

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
        const actualId = identity(entry.value, type);
        const expectedId = expectedIdentity(expected, entry.value, type);
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
