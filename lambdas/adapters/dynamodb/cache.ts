import { gunzipSync, gzipSync } from 'node:zlib';
import { part } from './keys';
import type { StoreTable } from './store-table';

const cacheKey = (kind: string, key: string) => ({ pk: `C#${part(kind)}`, sk: part(key) });

/** An immutable object kept across runs (an ECS task definition revision by ARN); gzip'd JSON. */
export async function getCached(table: StoreTable, kind: string, key: string): Promise<unknown | undefined> {
  const item = await table.get(cacheKey(kind, key));
  const body = item?.body;
  return body instanceof Uint8Array ? JSON.parse(gunzipSync(body).toString('utf8')) : undefined;
}

/** Stores an immutable object once: a second put of the same key writes nothing new. */
export async function putCached(table: StoreTable, kind: string, key: string, value: unknown): Promise<void> {
  const body = gzipSync(Buffer.from(JSON.stringify(value), 'utf8'));
  await table.put({ ...cacheKey(kind, key), body }, { expression: 'attribute_not_exists(pk)' });
}
