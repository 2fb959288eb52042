import type { AuditedEstate } from '../../ports/audited-estates';
import type { EstateRef } from '../../ports/estate-source';
import { part } from './keys';
import type { StoreTable } from './store-table';

/** The installation's own partition of the estates its runs audited (not an estate's: it lists them all). */
export const AUDITED_ESTATES_PK = 'INSTALLATION#ESTATES';

const auditedKey = (name: string) => ({ pk: AUDITED_ESTATES_PK, sk: part(name) });

const sameRef = (a: unknown, b: EstateRef): boolean => JSON.stringify(a) === JSON.stringify(b);

/** A stored ref back as written: key and version ids only (an item written by hand may hold anything). */
function refOf(raw: unknown): EstateRef | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const r = raw as { key?: unknown; versionId?: unknown; baseline?: { key?: unknown; versionId?: unknown } };
  if (typeof r.key !== 'string') return undefined;
  const b = r.baseline;
  return {
    key: r.key,
    ...(typeof r.versionId === 'string' ? { versionId: r.versionId } : {}),
    ...(b && typeof b.key === 'string'
      ? { baseline: { key: b.key, ...(typeof b.versionId === 'string' ? { versionId: b.versionId } : {}) } }
      : {}),
  };
}

/** Every audited estate whose removal is not settled: one Query of the installation's partition. */
export async function listAudited(table: StoreTable): Promise<AuditedEstate[]> {
  const found: AuditedEstate[] = [];
  for await (const item of table.query({ pk: AUDITED_ESTATES_PK })) {
    const ref = refOf(item.ref);
    if (item.removedAt !== undefined || typeof item.name !== 'string' || !ref) continue;
    found.push({ name: item.name, ref, runId: String(item.runId ?? ''), at: String(item.at ?? '') });
  }
  return found;
}

/** Remembers the estate's pinned files; an unchanged entry is not written again (a run with no change writes almost nothing). */
export async function markAudited(table: StoreTable, entry: AuditedEstate): Promise<void> {
  const stored = await table.get(auditedKey(entry.name));
  if (stored && stored.removedAt === undefined && sameRef(stored.ref, entry.ref)) return;
  await table.put({ ...auditedKey(entry.name), itemType: 'audited-estate', ...entry });
}

/** Marks the removal settled, if the entry is still the one its run wrote (a run that audited the estate since wins). */
export async function settleRemoved(table: StoreTable, name: string, runId: string, at: string): Promise<void> {
  await table.update(
    auditedKey(name),
    { expression: 'SET #removed = :at', names: { '#removed': 'removedAt' }, values: { ':at': at } },
    {
      expression: 'attribute_exists(pk) AND attribute_not_exists(#removed) AND #run = :run',
      names: { '#removed': 'removedAt', '#run': 'runId' },
      values: { ':run': runId },
    },
  );
}
