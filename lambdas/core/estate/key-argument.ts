import { SSM_PARAMETER_ARN_SHAPE } from '../aws-identifier-shapes';
import { layersOf, type EffectiveConfig } from '../engine/effective-config';
import { keyReferencing, typedParameter } from '../engine/referenced-key';
import { canonicalKey } from '../keys';
import { sourceKindOf } from '../source-kinds/registry';
import { namesSecret, parseSecretReference, sameSecretId, type SecretReference } from '../sources/secretsmanager-arn';
import type { Observation } from '../model';
import type { Estate } from './model';

/**
 * The canonical key a person means by what they typed: any spelling (`DB_TIMEOUT`, `dbTimeout`,
 * `db.timeout`), or a full name under the prefix of one of the environment's sources (an SSM
 * parameter name or ARN under its path, `/production-us/checkout/db/timeout`), which loses the
 * prefix as that source's keys do. `hidden` spells a credential in the name as the snapshots spell
 * it (hiddenText), so a key whose name is one is found by how it was written.
 */
export function keyFromArgument(estate: Estate, environment: string, typed: string, hidden: (name: string) => string = (n) => n): string {
  const name = hidden(SSM_PARAMETER_ARN_SHAPE.exec(typed)?.[3] ?? typed);
  if (name.startsWith('/')) {
    const env = estate.environments.find((e) => e.name === environment);
    const prefixes = (env?.sources ?? [])
      .flatMap((s) => {
        const prefix = sourceKindOf(s).namePrefix?.(s);
        return prefix ? [prefix] : [];
      })
      .sort((a, b) => b.length - a.length);
    const prefix = prefixes.find((p) => name.startsWith(p));
    if (prefix) return canonicalKey(name.slice(prefix.length));
  }
  return canonicalKey(name);
}

/**
 * keyFromArgument in an environment drift has read: where the environment has no such key and what was
 * typed is an SSM parameter's name or ARN, the key the environment reads that parameter as through a
 * reference (an ECS secret), though no `ssm` source of it reads that path: the name an on-call engineer
 * copies from the console or CloudTrail finds the variable the task has.
 */
export function keyInEnvironment(
  estate: Estate,
  config: EffectiveConfig,
  typed: string,
  hidden: (name: string) => string = (n) => n,
): string {
  const key = keyFromArgument(estate, config.environment, typed, hidden);
  if (config.entries.get(key) || estate.baseline.keys.has(key)) return key;
  const secret = parseSecretReference(typed);
  if (secret) return keyOfSecret(estate, config, secret) ?? key;
  const parameter = typedParameter(typed);
  return (parameter !== undefined ? keyReferencing(config, parameter) : undefined) ?? key;
}

/** Whether an ECS `valueFrom` names what `typed` does: the same secret (up to its random suffix), JSON key and version. */
function sameReference(valueFrom: string, typed: SecretReference): boolean {
  const ref = parseSecretReference(valueFrom);
  return (
    ref !== undefined &&
    ref.partition === typed.partition &&
    ref.region === typed.region &&
    ref.account === typed.account &&
    sameSecretId(ref.id, typed.id) &&
    ref.jsonKey === typed.jsonKey &&
    ref.stage === typed.stage &&
    ref.versionId === typed.versionId
  );
}

/**
 * The key a Secrets Manager ARN (with ECS's JSON key, as a task definition or the console gives it) names in an
 * environment: the JSON key of a `secretsmanager` source reading that secret, as an SSM name under a source's path is
 * that source's key; else the variable an ECS secret takes it as (`APP_DB_PASSWORD` for `…:secret:prod/api-AbCdEf:DB_PASSWORD::`).
 */
function keyOfSecret(estate: Estate, config: EffectiveConfig, typed: SecretReference): string | undefined {
  const env = estate.environments.find((e) => e.name === config.environment);
  const { jsonKey } = typed;
  const current = typed.stage === undefined && typed.versionId === undefined;
  const readsTyped = (o: Observation): boolean => {
    const spec = env?.sources[o.origin.source.index];
    const read = env && spec ? sourceKindOf(spec).secretRead?.(spec) : undefined;
    return read !== undefined && namesSecret(typed, { secretId: read.secretId, region: read.region ?? env?.region, account: env?.account });
  };
  if (current && jsonKey !== undefined) {
    const key = canonicalKey(jsonKey);
    if (layersOf(config, key).some((o) => o.rawKey === jsonKey && readsTyped(o))) return key;
  }
  // A secret read as one value: its observation's location is the secret's name alone (a name holds no space).
  if (current && jsonKey === undefined) {
    for (const key of config.entries.keys())
      if (layersOf(config, key).some((o) => !o.origin.location.includes(' ') && readsTyped(o))) return key;
  }
  for (const key of config.entries.keys()) {
    if (layersOf(config, key).some((o) => o.ref?.kind === 'secretsmanager' && sameReference(o.ref.target, typed))) return key;
  }
  return undefined;
}
