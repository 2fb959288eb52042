import { SSM_PARAMETER_ARN_SHAPE } from '../aws-identifier-shapes';
import type { Observation } from '../model';
import { parseValueFrom } from '../sources/ecs-env';
import { layersOf, type EffectiveConfig } from './effective-config';

/** The SSM parameter a typed name names, as ECS reads a `valueFrom` (an ARN as the parameter's name); undefined for a key's spelling. */
export function typedParameter(typed: string): string | undefined {
  if (!typed.startsWith('/') && !SSM_PARAMETER_ARN_SHAPE.test(typed)) return undefined;
  const ref = parseValueFrom(typed);
  return ref.kind === 'ssm-parameter' ? ref.target : undefined;
}

/** Whether an observation takes its value from SSM parameter `parameter` through a reference (an ECS secret's `valueFrom`). */
export const references = (o: Observation, parameter: string): boolean => o.ref?.kind === 'ssm-parameter' && o.ref.target === parameter;

/**
 * The key whose value the environment takes from SSM parameter `parameter` through a reference: the
 * variable the task reads it as, `DB_PASSWORD` for `/eu/api/db_password`. Undefined when no layer of
 * any key references that parameter.
 */
export function keyReferencing(config: EffectiveConfig, parameter: string): string | undefined {
  for (const key of config.entries.keys()) if (layersOf(config, key).some((o) => references(o, parameter))) return key;
  return undefined;
}
