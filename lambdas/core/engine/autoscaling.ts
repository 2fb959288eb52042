import { parseBool } from '../values/types';
import type { EffectiveConfig } from './effective-config';

/**
 * Where an autoscaler is on, the current replica count is the autoscaler's, not the team's: it is
 * not compared (its bounds, `runtime.autoscaling.min` and `.max`, are).
 */
export function autoscalerOwns(config: EffectiveConfig, key: string): boolean {
  if (key !== 'runtime.replicas') return false;
  const enabled = config.entries.get('runtime.autoscaling.enabled')?.value;
  return enabled?.kind === 'text' && parseBool(enabled.text) === true;
}
