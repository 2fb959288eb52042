import type { Observation } from '../model';
import type { EffectiveConfig } from './effective-config';

/**
 * The values a layer's own source set its key to before the one that applies, under the same name, where they differ
 * from it (a .env file setting DB_TIMEOUT twice): the platform takes the later silently, so they are no layer nor
 * `shadowed`, yet each is a value someone meant once, which explain shows. Another spelling (db-timeout beside
 * DB_TIMEOUT) is another variable, still set: a layer of its own (see effectiveConfig).
 */
export function repeatedInSource(config: EffectiveConfig, layer: Observation): Observation[] {
  const source = config.sources.find((s) => s.source.index === layer.origin.source.index);
  if (!source) return [];
  const applied = JSON.stringify(layer.value);
  // The last of the key in its source is the one that applies (the layer, or what a reference of it resolved from).
  const set = source.observations.filter((o) => o.key === layer.key && o.rawKey === layer.rawKey);
  return set.slice(0, -1).filter((o) => JSON.stringify(o.value) !== applied);
}
