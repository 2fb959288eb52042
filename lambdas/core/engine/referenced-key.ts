import { parseValueFrom } from '../sources/ecs-env';
import { layersOf, type EffectiveConfig } from './effective-config';

/**
 * The key whose value the environment takes from the SSM parameter `typed` names (a name or an ARN)
 * through a reference, an ECS secret's `valueFrom`: the variable the task reads it as, `DB_PASSWORD`
 * for `/eu/api/db_password`. Undefined when no layer of any key references that parameter.
 */
export function keyReferencing(config: EffectiveConfig, typed: string): string | undefined {
  const wanted = parseValueFrom(typed);
  if (wanted.kind !== 'ssm-parameter') return undefined;
  for (const key of config.entries.keys())
    if (layersOf(config, key).some((o) => o.ref?.kind === 'ssm-parameter' && o.ref.target === wanted.target)) return key;
  return undefined;
}
