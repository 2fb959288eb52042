import type { SourceSpec } from '../core/estate/model';
import { sourceLabel } from '../core/estate/source-label';
import { DamagedSnapshotError, type AuditStore, type StoredSnapshot } from '../ports/audit-store';
import { sourceKey } from './source-key';

/**
 * A source's stored snapshot, or undefined when there is none or it cannot be read back (damaged):
 * a run then judges the source as if first seen, and its save replaces the damaged one. Any other
 * failure (the store unreachable, throttled) still throws.
 */
export async function previousSnapshot(
  store: AuditStore,
  estate: string,
  environment: string,
  sourceKey: string,
): Promise<StoredSnapshot | undefined> {
  try {
    return await store.loadSnapshot(estate, environment, sourceKey);
  } catch (err) {
    if (err instanceof DamagedSnapshotError) return undefined;
    throw err;
  }
}

/** The stored snapshot of a source as the estate declares it (its label names it in the store), as previousSnapshot reads it. */
export const declaredSourceSnapshot = (
  store: AuditStore,
  estate: string,
  environment: string,
  spec: SourceSpec,
): Promise<StoredSnapshot | undefined> => previousSnapshot(store, estate, environment, sourceKey(sourceLabel(spec).label));
