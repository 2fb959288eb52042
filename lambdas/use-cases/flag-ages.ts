import type { EffectiveConfig } from '../core/engine/effective-config';
import type { Estate } from '../core/estate/model';
import { flagCandidates, readsWholeEstate, sharedFlagValue } from '../core/flags/flag-keys';
import { decodeFlagSeen, encodeFlagSeen, flagMarkerName, nextFlagSeen, type FlagSeen, type FlagsSeen } from '../core/flags/flags-seen';
import type { EnvironmentSnapshot } from '../core/model';
import type { AuditStore } from '../ports/audit-store';
import { mapLimited } from './map-limited';

/** Marker writes in flight at once: each is one item. */
const AT_ONCE = 8;

/**
 * What the store remembers of the flags the snapshots may hold, for the audit to age them. A flag
 * is the same everywhere only if the first environment sets it, so that one's keys are the
 * candidates; a run that does not read every environment judges no flag and reads nothing.
 */
export async function readFlagsSeen(store: AuditStore, estate: Estate, snapshots: readonly EnvironmentSnapshot[]): Promise<FlagsSeen> {
  const first = snapshots.find((s) => s.environment === estate.environments[0]?.name);
  if (!first || snapshots.length !== estate.environments.length) return new Map();
  const keys = flagCandidates(
    estate,
    first.sources.flatMap((s) => s.observations.map((o) => o.key)),
  );
  if (!keys.size) return new Map();
  // One query for every flag marker, not a read per candidate (an estate can have thousands of `*.enabled` keys).
  const stored = await store.listMarkers(estate.name, flagMarkerName(''));
  const seen = new Map<string, FlagSeen>();
  for (const key of keys) {
    const flag = decodeFlagSeen(stored.get(flagMarkerName(key)));
    if (flag) seen.set(key, flag);
  }
  return seen;
}

/**
 * Remembers, after a run that read every environment in full, the first time each flag was seen with
 * one value everywhere (or that it no longer is): one marker write per flag whose state changed.
 */
export async function rememberFlags(
  store: AuditStore,
  estate: Estate,
  configs: readonly EffectiveConfig[],
  seen: FlagsSeen,
  now: Date,
): Promise<void> {
  if (!readsWholeEstate(estate, configs)) return;
  const keys = new Set([...flagCandidates(estate, configs[0]!.entries.keys()), ...seen.keys()]);
  const at = now.toISOString();
  const writes = [...keys].flatMap((key) => {
    const next = nextFlagSeen(seen.get(key), sharedFlagValue(key, estate.baseline.keys.get(key), configs), at);
    return next ? [{ key, next }] : [];
  });
  await mapLimited(writes, AT_ONCE, ({ key, next }) => store.putMarker(estate.name, flagMarkerName(key), encodeFlagSeen(next)));
}
