import type { Estate, SourceSpec } from '../core/estate/model';
import { observationsWithoutStalePlainValues } from '../core/lifecycle/stale-plain-values';
import { baselineSecretPolicy } from '../core/sources/context';
import { DamagedSnapshotError, type AuditStore, type StoredSnapshot } from '../ports/audit-store';
import { declaredSourceKeys, type SourceKeys } from './source-key';

/** What a stored snapshot is read for: the estate's name, and its baseline as it is now (what it makes secret). */
export type StoredFor = Pick<Estate, 'name' | 'baseline'>;

/**
 * A source's stored snapshot, or undefined when there is none or it cannot be read back (damaged):
 * a run then judges the source as if first seen, and its save replaces the damaged one. Any other
 * failure (the store unreachable, throttled) still throws. Read under the estate as it is now: the
 * plain value of a key secret since it was stored is withheld (see observationsWithoutStalePlainValues).
 */
export async function previousSnapshot(
  store: AuditStore,
  estate: StoredFor,
  environment: string,
  keys: SourceKeys,
): Promise<StoredSnapshot | undefined> {
  try {
    // Under its identity; else where an earlier version kept it, under its label (see SourceKeys).
    let stored = await store.loadSnapshot(estate.name, environment, keys.key);
    if (!stored && keys.legacy !== undefined) stored = await store.loadSnapshot(estate.name, environment, keys.legacy);
    if (!stored) return undefined;
    const observations = observationsWithoutStalePlainValues(stored.observations, baselineSecretPolicy(estate.baseline));
    return observations === stored.observations ? stored : { ...stored, observations };
  } catch (err) {
    if (err instanceof DamagedSnapshotError) return undefined;
    throw err;
  }
}

/** The stored snapshot of a source as the estate declares it (its identity names it in the store), as previousSnapshot reads it. */
export const declaredSourceSnapshot = (
  store: AuditStore,
  estate: StoredFor,
  environment: string,
  spec: SourceSpec,
): Promise<StoredSnapshot | undefined> => previousSnapshot(store, estate, environment, declaredSourceKeys(spec));

/**
 * The hash of a source's stored snapshot and the key it is under: its identity's, else (none there)
 * its label's, where an earlier version kept it; undefined when neither holds one.
 */
export async function storedSnapshotHash(
  store: AuditStore,
  estate: string,
  environment: string,
  keys: SourceKeys,
): Promise<{ hash: string; key: string } | undefined> {
  const hash = await store.snapshotHash(estate, environment, keys.key);
  if (hash !== undefined) return { hash, key: keys.key };
  const legacy = keys.legacy === undefined ? undefined : await store.snapshotHash(estate, environment, keys.legacy);
  return legacy === undefined ? undefined : { hash: legacy, key: keys.legacy! };
}
