import type { Fingerprinter } from '../fingerprint';
import type { EnvironmentSnapshot, Observation, SourceSnapshot } from '../model';
import { answeredName, referencedNames } from '../source-kinds/references';
import { withValue } from '../sources/observations';
import { secretValue, type Value } from '../values/value';

/**
 * A value made secret after it was read: a text is fingerprinted as a SecureString's would be; a
 * masked or large one, whose full text is gone, by what stands for it (the same on every read).
 */
export function asSecret(v: Value, fp: Fingerprinter): Value {
  switch (v.kind) {
    case 'text':
    case 'masked':
      return secretValue(v.text, fp);
    case 'large':
      return { kind: 'secret', fingerprint: fp.fingerprint(`sha256:${v.digest}`), keyId: fp.keyId };
    default:
      return v;
  }
}

/**
 * The source with the observations `chosen` picks made secret; the same object when none changes.
 * Observations are shared (the interner, a stored snapshot): replaced, never changed.
 */
function secretWhere(s: SourceSnapshot, fp: Fingerprinter, chosen: (o: Observation) => boolean): SourceSnapshot {
  let observations: Observation[] | undefined;
  s.observations.forEach((o, i) => {
    if (!chosen(o)) return;
    const value = asSecret(o.value, fp);
    if (value !== o.value) (observations ??= s.observations.slice())[i] = withValue(o, value);
  });
  return observations ? { ...s, observations } : s;
}

/**
 * The snapshot with every value that a reference (an ECS `secrets` entry) names made secret, in
 * the sources of the kind that answers it: what a secret reference resolves to is a secret whatever
 * the source says (an SSM String too), and the value's own key must not show what the reference hides.
 */
export function secretReferencedParameters(snapshot: EnvironmentSnapshot, fp: Fingerprinter): EnvironmentSnapshot {
  const named = referencedNames(snapshot.sources);
  if (named.size === 0) return snapshot;
  const sources = snapshot.sources.map((s): SourceSnapshot => {
    const names = named.get(s.source.type);
    if (!names || names.size === 0) return s;
    return secretWhere(s, fp, (o) => {
      const name = answeredName(s.source.type, o);
      return name !== undefined && names.has(name);
    });
  });
  return { ...snapshot, sources };
}

/**
 * True when the source holds `o` as a secret, read or not: a fingerprint, a value it cannot read that
 * is a secret (a SecureString recorded without decryption), an ECS `secrets` reference no source here
 * resolves. A value unknown for another reason (a dotenv variable taken from the shell, a String
 * parameter exported without its value) is no secret: it would hide the key's values everywhere.
 */
const heldSecret = (o: Observation): boolean =>
  o.value.kind === 'secret' || (o.value.kind === 'opaque' && o.value.secret === true) || o.ref !== undefined;

/** The keys a source of `snapshots` holds as a secret (read or not, or a secret reference found dangling). */
export function keysHeldSecret(snapshots: readonly EnvironmentSnapshot[]): Set<string> {
  const keys = new Set<string>();
  for (const snapshot of snapshots)
    for (const s of snapshot.sources) {
      for (const o of s.observations) if (heldSecret(o)) keys.add(o.key);
      for (const d of s.dangling) if (d.secret) keys.add(d.key);
    }
  return keys;
}

/**
 * The snapshots with every value of a key that is a secret in one of them made secret in all: a key
 * a SecureString or a Kubernetes Secret holds in one source or environment (readable or not, or
 * missing: a secretKeyRef to a Secret not found) may be written in plain text in another, and shown
 * beside its fingerprint that text gives the secret away. Keys secret by
 * name (`isSecretKey`) are fingerprinted everywhere already and need no second look.
 */
export function secretWhereverSecret(
  snapshots: readonly EnvironmentSnapshot[],
  fp: Fingerprinter,
  isSecretKey: (key: string) => boolean,
  /** keysHeldSecret of `snapshots` and of wherever else they are learnt (environments a command does not show): one pass over the observations, which a caller may have made. */
  held: ReadonlySet<string> = keysHeldSecret(snapshots),
): EnvironmentSnapshot[] {
  const secretKeys = new Set<string>();
  for (const key of held) if (!isSecretKey(key)) secretKeys.add(key);
  if (secretKeys.size === 0) return [...snapshots];
  return snapshots.map((snapshot) => {
    const sources = snapshot.sources.map((s) => secretWhere(s, fp, (o) => secretKeys.has(o.key)));
    return sources.some((s, i) => s !== snapshot.sources[i]) ? { ...snapshot, sources } : snapshot;
  });
}
