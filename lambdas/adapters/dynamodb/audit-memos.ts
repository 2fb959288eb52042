import type { AuditMemo } from '../../ports/audit-memo';
import { auditMemoKey } from './keys';
import { CHUNK_BYTES, deflateStored, inflateStored } from './observation-codec';
import type { StoreTable } from './store-table';

/** The estate's audit memo, or undefined (none, or one this drift cannot read). */
export async function getAuditMemo(table: StoreTable, estate: string): Promise<AuditMemo | undefined> {
  const item = await table.get(auditMemoKey(estate));
  if (!(item?.body instanceof Uint8Array)) return undefined;
  try {
    return JSON.parse(inflateStored(item.body).toString('utf8')) as AuditMemo;
  } catch {
    // A body that does not decompress or parse is a memo this drift cannot read: the run takes the full path and replaces it.
    return undefined;
  }
}

/**
 * Replaces the estate's memo with one compressed item (its plain fields beside it, for the console);
 * a memo that would not fit one item, or none, removes the old one, so no run can reuse it.
 */
export async function putAuditMemo(table: StoreTable, estate: string, memo: AuditMemo | undefined): Promise<boolean> {
  const key = auditMemoKey(estate);
  const body = memo && deflateStored(JSON.stringify(memo));
  if (!memo || !body || body.length > CHUNK_BYTES) {
    await table.delete(key);
    return false;
  }
  const { inputs, runId, at, holdsUntil } = memo;
  return table.put({ ...key, itemType: 'audit-memo', inputs, runId, at, holdsUntil, body });
}
