import { nodeCrypto } from '../on-demand/node-crypto';
import type { Observation, Origin } from '../model';
import { holdsSecretContent } from '../values/content-secrets';
import { maskedShape } from '../values/masked';
import { byText } from '../text-order';
import type { Value } from '../values/value';

const valueText = (v: Value): string => {
  switch (v.kind) {
    case 'text':
      return `t:${v.text}`;
    case 'large':
      return `l:${v.digest}`;
    case 'secret':
      // Blank is part of what a source holds: a snapshot stored without it (by an earlier drift) is stored again once.
      return v.blank ? `s:${v.keyId}:${v.fingerprint}:blank` : `s:${v.keyId}:${v.fingerprint}`;
    case 'masked':
      return `m:${v.keyId}:${v.text}`;
    case 'opaque':
      return `o:${v.reason}`;
    case 'ref':
      return `r:${v.target}`;
  }
};

/** Content hash of a source's observations: a source whose hash did not change is not stored again. */
export function observationsHash(observations: readonly Observation[]): string {
  const h = nodeCrypto().createHash('sha256');
  // Hashed a few thousand observations at a time: the digest is that of the whole text, and a
  // call per observation would cost more than the hashing.
  let text = '';
  for (const o of observations) {
    const { location, version, modifiedAt, modifiedBy } = o.origin;
    text += `${o.key}\u0000${valueText(o.value)}\u0000${location}\u0000${version ?? ''}\u0000${modifiedAt ?? ''}\u0000${modifiedBy ?? ''}\u0001`;
    if (text.length > 65536) {
      h.update(text);
      text = '';
    }
  }
  h.update(text);
  return h.digest('hex').slice(0, 32);
}

/** The hash a source's snapshot is stored under: its observations', and the places it found gone (StoredSnapshot.gone), if any. */
export function storedHash(observations: readonly Observation[], gone: Readonly<Record<string, string>> | undefined): string {
  const places = Object.entries(gone ?? {}).sort(([a], [b]) => byText(a, b));
  if (!places.length) return observationsHash(observations);
  const text = places.map(([place, at]) => `${place}\u0000${at}`).join('\u0001');
  return nodeCrypto()
    .createHash('sha256')
    .update(`${observationsHash(observations)}\u0002${text}`)
    .digest('hex')
    .slice(0, 32);
}

/** One value that differs between two snapshots of a source. */
export interface ValueChange {
  key: string;
  before: Value | null;
  after: Value | null;
  /** Where the new value comes from (or the old one, for a key that went away). */
  origin: Origin;
}

/**
 * Compares by value only. Secrets compare by fingerprint when made with the same key: after a key
 * rotation the fingerprints differ though the secret may not, so that is not reported as a change.
 */
function sameValue(a: Value, b: Value): boolean {
  if (a.kind === 'secret' && b.kind === 'secret') return a.keyId !== b.keyId || a.fingerprint === b.fingerprint;
  // Under another key only the parts that are not fingerprints can be compared.
  if (a.kind === 'masked' && b.kind === 'masked' && a.keyId !== b.keyId) return maskedShape(a.text) === maskedShape(b.text);
  return valueText(a) === valueText(b);
}

// A snapshot stored before values were judged by their content may hold a credential in plain text,
// and one stored before a key became secret (declared `secret: true`, named by an ECS secret) its
// plain value: never shown again.
const stored = (key: string, v: Value, now?: Value): Value => {
  if (v.kind === 'text' && holdsSecretContent(v.text, key))
    return { kind: 'opaque', reason: 'stored in plain text by an earlier drift; its content is secret', secret: true };
  if (now?.kind === 'secret' && (v.kind === 'text' || v.kind === 'large' || v.kind === 'masked'))
    return { kind: 'opaque', reason: 'stored in plain text before the key became secret', secret: true };
  return v;
};

/** What changed from one snapshot of a source to the next: new, changed and removed keys. */
export function changedValues(before: readonly Observation[], after: readonly Observation[]): ValueChange[] {
  // Inside one source a later observation of a key wins, as the platform applies it.
  const old = new Map<string, Observation>();
  for (const o of before) old.set(o.key, o);
  const now = new Map<string, Observation>();
  for (const o of after) now.set(o.key, o);
  const changes: ValueChange[] = [];
  const present = now;
  for (const o of now.values()) {
    const was = old.get(o.key);
    if (!was) changes.push({ key: o.key, before: null, after: o.value, origin: o.origin });
    else if (!sameValue(was.value, o.value))
      changes.push({ key: o.key, before: stored(o.key, was.value, o.value), after: o.value, origin: o.origin });
  }
  for (const [key, was] of old)
    if (!present.has(key)) changes.push({ key, before: stored(key, was.value), after: null, origin: was.origin });
  return changes;
}
