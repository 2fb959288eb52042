import type { Fingerprinter } from '../fingerprint';
import type { EnvironmentSnapshot, Observation, SourceSnapshot } from '../model';
import type { Value } from '../values/value';

const SSM_ARN = /^arn:aws[\w-]*:ssm:[^:]*:[^:]*:parameter(\/.*)$/;

/** Parameter names an SSM reference could mean: `/a/b`, and `a` for a top-level `a`. */
export function parameterNames(target: string): string[] {
  const arn = SSM_ARN.exec(target);
  const name = arn ? (arn[1] as string) : target;
  return name.startsWith('/') ? [name, name.slice(1)] : [name, `/${name}`];
}

/**
 * A value made secret after it was read: a text is fingerprinted as a SecureString's would be; a
 * masked or large one, whose full text is gone, by what stands for it (the same on every read).
 */
function asSecret(v: Value, fp: Fingerprinter): Value {
  switch (v.kind) {
    case 'text':
    case 'masked':
      return { kind: 'secret', fingerprint: fp.fingerprint(v.text), keyId: fp.keyId };
    case 'large':
      return { kind: 'secret', fingerprint: fp.fingerprint(`sha256:${v.digest}`), keyId: fp.keyId };
    default:
      return v;
  }
}

/**
 * The snapshot with every SSM parameter that a reference (an ECS `secrets` entry) names made
 * secret: what a secret reference resolves to is a secret whatever the parameter's type, a plain
 * String too, and the parameter's own key must not show what the reference hides.
 */
export function secretReferencedParameters(snapshot: EnvironmentSnapshot, fp: Fingerprinter): EnvironmentSnapshot {
  const named = new Set<string>();
  for (const s of snapshot.sources) {
    for (const o of s.observations) if (o.ref?.kind === 'ssm-parameter') for (const n of parameterNames(o.ref.target)) named.add(n);
  }
  if (named.size === 0) return snapshot;
  const sources = snapshot.sources.map((s): SourceSnapshot => {
    if (s.source.type !== 'ssm') return s;
    let observations: Observation[] | undefined;
    s.observations.forEach((o, i) => {
      if (!named.has(o.origin.location)) return;
      const value = asSecret(o.value, fp);
      // Observations are shared (the interner, a stored snapshot): replaced, never changed.
      if (value !== o.value) (observations ??= s.observations.slice())[i] = { ...o, value };
    });
    return observations ? { ...s, observations } : s;
  });
  return { ...snapshot, sources };
}
