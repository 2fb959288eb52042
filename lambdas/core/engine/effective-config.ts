import { isRuntimeKey, looksSecret } from '../keys';
import type { DanglingRef, EnvironmentSnapshot, Observation, Origin, SourceSnapshot } from '../model';
import { ConfigRow, KeyCursor, KeySpace } from './key-space';
import { environmentResolver } from '../source-kinds/references';
import { withValue } from '../sources/observations';
import { resolvePlaceholders } from './placeholders';

/**
 * What an environment actually runs: the winning observation per key. Big estates hold a million
 * keys, so a key set by one source costs no more than its observation.
 */
export interface EffectiveConfig {
  environment: string;
  /** The winner per key; a resolved reference carries the value it resolves to. */
  entries: ConfigRow;
  /**
   * Lower-precedence observations of keys that several sources set, lowest first, and the other
   * spellings of a key that one source sets under several (`DB_HOST` and `db.host`).
   */
  overridden: Map<string, Observation[]>;
  /** Where resolved references took their value from (an ECS secret's SSM parameter or secret). */
  resolvedFrom: Map<string, Origin>;
  sources: SourceSnapshot[];
  /** Sources that failed: the environment is judged only on the values it has. */
  failed: SourceSnapshot[];
  dangling: DanglingRef[];
}

/** Every source that sets the key, lowest precedence first; the last one wins. */
export function layersOf(config: EffectiveConfig, key: string): Observation[] {
  const winner = config.entries.get(key);
  if (!winner) return [];
  return [...(config.overridden.get(key) ?? []), winner];
}

/** Where the effective value of a key comes from. */
/**
 * Whether an environment's lack of `key` says nothing of it (parity and diff judge it unknown, not unset): a runtime key
 * its sources cannot observe there (a recorded task definition says nothing of autoscaling), any key where a source failed.
 */
export const absenceUnknown = (config: EffectiveConfig, key: string): boolean => isRuntimeKey(key) || config.failed.length > 0;

export const originOf = (config: EffectiveConfig, entry: Observation): Origin => config.resolvedFrom.get(entry.key) ?? entry.origin;

/** A source that failed and outranks the one `entry` comes from: it may set the key otherwise, so what runs is not known. */
export const failedOver = (config: EffectiveConfig, entry: Observation): SourceSnapshot | undefined =>
  config.failed.find((s) => s.source.index > entry.origin.source.index);

/**
 * Merges an environment's sources by precedence (later wins) and resolves references, then placeholders. The
 * environments of one audit share `space`, so they can be compared key by key without hashing. `isSecretKey`: the
 * estate's policy on secret names, for a value a placeholder takes from another key.
 */
export function effectiveConfig(
  snapshot: EnvironmentSnapshot,
  space = new KeySpace(),
  isSecretKey: (key: string) => boolean = looksSecret,
): EffectiveConfig {
  const ordered = [...snapshot.sources].sort((a, b) => a.source.index - b.source.index);
  // Each kind's resolver is built on its first reference only: most environments have none.
  const resolve = environmentResolver(ordered);

  const entries = new ConfigRow(space);
  const ids = new KeyCursor(space);
  const overridden = new Map<string, Observation[]>();
  const resolvedFrom = new Map<string, Origin>();
  const dangling: DanglingRef[] = [];
  let placeheld: string[] | undefined;
  for (const s of ordered) {
    for (const d of s.dangling) dangling.push(d);
    const index = s.source.index;
    for (let obs of s.observations) {
      if (obs.ref) {
        const r = resolve(obs.ref);
        if (r && 'missing' in r) dangling.push({ key: obs.key, ...r.missing, origin: obs.origin });
        if (r && 'value' in r) {
          obs = withValue(obs, r.value);
          resolvedFrom.set(obs.key, r.from);
        } else resolvedFrom.delete(obs.key);
      } else if (resolvedFrom.size) resolvedFrom.delete(obs.key);
      if (obs.placeholder !== undefined) (placeheld ??= []).push(obs.key);
      const previous = entries.put(ids.id(obs.key, obs.keyId), obs);
      if (previous === undefined) continue;
      const hidden = overridden.get(obs.key);
      if (previous.origin.source.index !== index) {
        if (hidden) hidden.push(previous);
        else overridden.set(obs.key, [previous]);
      } else if (previous.rawKey !== obs.rawKey) {
        // Inside one source the platform decides silently which of a repeated name applies, but two
        // spellings (DB_HOST and db.host) are two variables the process has: the one not taken is a
        // layer too, and an earlier one of this spelling, replaced by this one, is no longer one.
        const layers = (hidden ?? []).filter((l) => l.origin.source.index !== index || l.rawKey !== obs.rawKey);
        layers.push(previous);
        overridden.set(obs.key, layers);
      }
    }
  }
  if (placeheld) resolvePlaceholders(placeheld, { entries, overridden, resolvedFrom, dangling, isSecretKey });
  return {
    environment: snapshot.environment,
    entries,
    overridden,
    resolvedFrom,
    sources: ordered,
    failed: ordered.filter((s) => s.errors.length > 0),
    dangling,
  };
}
