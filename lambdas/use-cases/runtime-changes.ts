import type { LastChange } from '../core/checks/check-context';
import type { Estate } from '../core/estate/model';
import { changedValues, observationsHash } from '../core/lifecycle/snapshot-diff';
import type { EnvironmentSnapshot } from '../core/model';
import type { AuditStore } from '../ports/audit-store';
import { mapLimited } from './map-limited';
import { previousSnapshot, storedSnapshotHash } from './previous-snapshot';
import { sourceKeysOf } from './source-key';

const READS_AT_ONCE = 8;

/** The keys the running tasks and pods of an environment read when they started. */
const readKeys = (env: EnvironmentSnapshot): Set<string> =>
  new Set(env.sources.flatMap((s) => (s.runtime && !s.errors.length ? s.runtime.units.flatMap((u) => u.reads) : [])));

/**
 * When each key a running task or pod read last changed, as the store remembers it: the run that
 * first saw its new value (its history), or this run (`now`) when the stored snapshot still holds the
 * old one. Only the keys runtime units read are looked up: most estates ask nothing.
 */
export async function readLastChanges(store: AuditStore, estate: Estate, snapshots: EnvironmentSnapshot[], now: Date): Promise<LastChange> {
  const times = new Map<string, string>();
  const note = (environment: string, key: string, at: string): void => {
    const id = `${environment}\u0000${key}`;
    const was = times.get(id);
    if (was === undefined || at > was) times.set(id, at);
  };
  const asks = snapshots.flatMap((env) => {
    const keys = readKeys(env);
    const history = [...keys].map((key) => async () => {
      for (const c of await store.history(estate.name, env.environment, key)) note(env.environment, key, c.at);
    });
    const seenNow = env.sources
      .filter((s) => !s.errors.length && s.observations.some((o) => keys.has(o.key)))
      .map((s) => async () => {
        const at = sourceKeysOf(estate, env.environment, s.source);
        const stored = await storedSnapshotHash(store, estate.name, env.environment, at);
        if (stored === undefined || stored.hash === observationsHash(s.observations)) return;
        const previous = await previousSnapshot(store, estate, env.environment, { key: stored.key });
        for (const c of previous ? changedValues(previous.observations, s.observations) : []) {
          if (keys.has(c.key)) note(env.environment, c.key, now.toISOString());
        }
      });
    return [...history, ...seenNow];
  });
  await mapLimited(asks, READS_AT_ONCE, (ask) => ask());
  return (environment, key) => times.get(`${environment}\u0000${key}`);
}
