import type { Estate } from '../core/estate/model';
import type { EnvironmentSnapshot } from '../core/model';
import { standOnStored } from '../core/sources/partial-read';
import type { AuditStore } from '../ports/audit-store';
import { previousSnapshot, type StoredFor } from './previous-snapshot';
import { sourceKeysOf } from './source-key';

/**
 * The environment's targeted reads stood on the store's current snapshots (see standOnStored), so
 * a run that overlapped this one and stored first keeps what it read. A stored snapshot made with
 * another fingerprint key cannot stand in: that read stays as its collector merged it.
 */
export async function standPartialReads(
  store: AuditStore,
  estate: StoredFor & Pick<Estate, 'environments'>,
  snapshot: EnvironmentSnapshot,
  keyId: string,
): Promise<EnvironmentSnapshot> {
  if (!snapshot.sources.some((s) => s.partial)) return snapshot;
  const sources = [];
  for (const s of snapshot.sources) {
    const stored = s.partial
      ? await previousSnapshot(store, estate, snapshot.environment, sourceKeysOf(estate, snapshot.environment, s.source))
      : undefined;
    sources.push(stored && stored.keyId === keyId ? standOnStored(s, stored) : s);
  }
  return { ...snapshot, sources };
}
