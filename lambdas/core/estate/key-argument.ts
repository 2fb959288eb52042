import { SSM_PARAMETER_ARN_SHAPE } from '../aws-identifier-shapes';
import type { EffectiveConfig } from '../engine/effective-config';
import { keyReferencing, typedParameter } from '../engine/referenced-key';
import { canonicalKey } from '../keys';
import { sourceKindOf } from '../source-kinds/registry';
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
  const parameter = typedParameter(typed);
  return (parameter !== undefined ? keyReferencing(config, parameter) : undefined) ?? key;
}
