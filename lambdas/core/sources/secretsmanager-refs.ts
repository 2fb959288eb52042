import type { Observation, Origin, SourceLabel } from '../model';
import type { Value } from '../values/value';
import type { SecretContent } from './secretsmanager';
import { namesSecret, parseSecretReference, type SecretIdentity } from './secretsmanager-arn';

/** A secret an environment snapshots, as references see it. */
export interface SnapshottedSecret {
  source: SourceLabel;
  identity: SecretIdentity;
  content: SecretContent;
  observations: readonly Observation[];
}

/** What a reference to a secret comes to: the value it takes and where from, or the JSON key it names in vain. */
export type SecretResolution = { value: Value; from: Origin } | { missing: { target: string; detail: string } } | undefined;

const wholeOrigin = (s: SnapshottedSecret): Origin => {
  const origin: Origin = { source: s.source, location: s.content.name };
  if (s.content.versionId !== undefined) origin.version = s.content.versionId;
  if (s.content.modifiedAt !== undefined) origin.modifiedAt = s.content.modifiedAt;
  return origin;
};

const keyOrigin = (s: SnapshottedSecret, key: string): Origin => {
  let hit: Observation | undefined;
  for (const o of s.observations) if (o.rawKey === key) hit = o;
  return hit?.origin ?? { ...wholeOrigin(s), location: `${s.content.name} ${key}` };
};

/**
 * Resolves an ECS `secrets.valueFrom` naming a Secrets Manager secret against one the environment
 * snapshots: undefined when it names another secret, or a version (stage or id) other than the one
 * read — it then resolves to nothing snapshotted; the whole secret without a JSON key; the key's
 * fingerprint with one (of the text ECS passes: a number, null, array or object as Go prints it);
 * `missing` for a JSON key the secret does not have. A JSON key holding an object in a recording
 * that kept no marker of its text is unresolved.
 */
export function resolveSecretReference(target: string, secret: SnapshottedSecret): SecretResolution {
  const ref = parseSecretReference(target);
  if (!ref || !namesSecret(ref, secret.identity)) return undefined;
  const { content } = secret;
  if (ref.stage !== undefined && !content.stages.includes(ref.stage)) return undefined;
  if (ref.versionId !== undefined && ref.versionId !== content.versionId) return undefined;
  if (ref.jsonKey === undefined) return { value: content.whole, from: wholeOrigin(secret) };
  // Read as one value: ECS cannot take a key of text that is not a JSON object; of one that is, drift kept no keys.
  if (content.single === 'json') return undefined;
  if (content.single === 'text') {
    return {
      missing: {
        target: `Secrets Manager secret ${content.name} key ${ref.jsonKey}`,
        detail: `the secret ${content.name}, which this environment snapshots, is not a JSON object: it has no key ${ref.jsonKey}`,
      },
    };
  }
  const passed = content.asEcs && Object.hasOwn(content.asEcs, ref.jsonKey) ? content.asEcs[ref.jsonKey] : undefined;
  if (passed) return { value: passed, from: keyOrigin(secret, ref.jsonKey) };
  if (content.leaves.includes(ref.jsonKey)) {
    let hit: Observation | undefined;
    for (const o of secret.observations) if (o.rawKey === ref.jsonKey) hit = o;
    if (hit) return { value: hit.value, from: hit.origin };
  }
  if (content.objects.includes(ref.jsonKey)) return undefined;
  return {
    missing: {
      target: `Secrets Manager secret ${content.name} key ${ref.jsonKey}`,
      detail: `the secret ${content.name}, which this environment snapshots, has no key ${ref.jsonKey}`,
    },
  };
}
