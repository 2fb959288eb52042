import { brotliCompressSync, constants } from 'node:zlib';
import type { AuditMemo } from '../../ports/audit-memo';
import { auditMemoKey, snapshotPk } from './keys';
import { CHUNK_BYTES, inflateStored } from './observation-codec';
import type { StoreTable } from './store-table';

const BROTLI_FAST = { params: { [constants.BROTLI_PARAM_QUALITY]: 1 } };

/** The estate's audit memo, or undefined (none, or one this drift cannot read). */
export async function getAuditMemo(table: StoreTable, estate: string): Promise<AuditMemo | undefined> {
  const item = await table.get(auditMemoKey(estate));
  if (!(item?.body instanceof Uint8Array)) return undefined;
  return JSON.parse(inflateStored(item.body).toString('utf8')) as AuditMemo;
}

/**
 * Replaces the estate's memo with one compressed item (its plain fields beside it, for the console);
 * a memo that would not fit one item, or none, removes the old one, so no run can reuse it.
 */
export async function putAuditMemo(table: StoreTable, estate: string, memo: AuditMemo | undefined): Promise<boolean> {
  const key = auditMemoKey(estate);
  const body = memo && brotliCompressSync(JSON.stringify(memo), BROTLI_FAST);
  if (!memo || !body || body.length > CHUNK_BYTES) {
    await table.delete(key);
    return false;
  }
  const { inputs, runId, at, holdsUntil } = memo;
  return table.put({ ...key, itemType: 'audit-memo', inputs, runId, at, holdsUntil, body });
}

/** Every source's current snapshot hash, keyed `environment` NUL `sourceKey`: one query of the pointers. */
export async function snapshotHashes(table: StoreTable, estate: string): Promise<Map<string, string>> {
  const hashes = new Map<string, string>();
  for await (const item of table.query({ pk: snapshotPk(estate) })) {
    hashes.set(`${String(item.environment)}\u0000${String(item.sourceKey)}`, String(item.hash));
  }
  return hashes;
}
