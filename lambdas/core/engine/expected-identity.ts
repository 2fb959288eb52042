import { identity } from './equality';
import { visibleRest, writtenVisibleRest } from '../values/masked';
import { fromSecretMarker } from '../values/secret-marker';
import type { ValueType } from '../values/types';
import { textValue, writtenValue, type Value } from '../values/value';

// A reference as drift shows it: the target whole, however long (shown, a long one is cut).
const WRITTEN_REF = /^<ref:(.+)>$/s;

/** The reference an expected text writes as drift shows one (`<ref:/a/b>`), else undefined. */
export const writtenRef = (expected: string): Value | undefined => {
  const target = WRITTEN_REF.exec(expected)?.[1];
  return target === undefined ? undefined : { kind: 'ref', target };
};

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
  if (actual.kind === 'ref') {
    const ref = writtenRef(expected);
    return ref && identity(ref, type);
  }
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
  const shown = actual.kind === 'masked' && !fromSecretMarker(expected) ? textValue(visibleRest(actual.text)) : actual;
  return { actual: identity(shown, type), expected: expectedIdentity(expected, actual, type) };
}
