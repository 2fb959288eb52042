import { identity } from './equality';
import { visibleRest, writtenVisibleRest } from '../values/masked';
import { fromSecretMarker } from '../values/secret-marker';
import type { ValueType } from '../values/types';
import { displayValue, textValue, writtenValue, type Value } from '../values/value';

const WRITTEN_REF = /^<ref:.+>$/;

/**
 * What an expected value is compared by. A fingerprint marker (what `drift adopt` writes for a secret)
 * expects that secret: compared by fingerprint under the same key, unknown under another key (a
 * rotation is not a change). Any other expected text is never compared with a secret; against a
 * masked value (a URL with its password hidden) it is compared with what that value shows without
 * its hidden parts (see comparedIdentities).
 */
export function expectedIdentity(expected: string, actual: Value, type: ValueType | undefined): string | undefined {
  const secret = fromSecretMarker(expected);
  if (secret) return actual.kind === 'secret' && actual.keyId !== secret.keyId ? undefined : identity(secret, type);
  // A reference to nothing snapshotted leads to a value drift cannot read: only the reference written as drift shows it judges it.
  if (actual.kind === 'ref') return WRITTEN_REF.test(expected) ? identity(textValue(expected), 'string') : undefined;
  if (actual.kind === 'masked') return identity(textValue(writtenVisibleRest(expected)), type);
  return actual.kind === 'secret' ? undefined : identity(writtenValue(expected), type);
}

/**
 * The running value's and the expected value's identities, as the mismatch check compares them. A
 * masked value's password is never judged against a written text (the baseline cannot hold it):
 * the rest of the URL is, so a host, port or database that moved is a mismatch.
 */
export function comparedIdentities(
  expected: string,
  actual: Value,
  type: ValueType | undefined,
): { actual: string | undefined; expected: string | undefined } {
  if (actual.kind === 'ref')
    return { actual: identity(textValue(displayValue(actual)), 'string'), expected: expectedIdentity(expected, actual, type) };
  const shown = actual.kind === 'masked' && !fromSecretMarker(expected) ? textValue(visibleRest(actual.text)) : actual;
  return { actual: identity(shown, type), expected: expectedIdentity(expected, actual, type) };
}
