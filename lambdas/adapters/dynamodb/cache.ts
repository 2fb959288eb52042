import { gunzipSync, gzipSync } from 'node:zlib';
import { CACHE_PK_PREFIX, part } from './keys';
import type { StoreTable } from './store-table';

const cacheKey = (kind: string, key: string) => ({ pk: `${CACHE_PK_PREFIX}${part(kind)}`, sk: part(key) });

/** How long a cached object is kept: a revision still in use is described again (once) after this. */
export const CACHE_TTL_DAYS = 30;
const DAY_SECONDS = 86_400;

/** An immutable object kept across runs (an ECS task definition revision by ARN); gzip'd JSON. */
export async function getCached(table: StoreTable, kind: string, key: string): Promise<unknown | undefined> {
  const item = await table.get(cacheKey(kind, key));
  const body = item?.body;
  if (!(body instanceof Uint8Array)) return undefined;
  try {
    return JSON.parse(gunzipSync(body).toString('utf8'));
  } catch {
    // An entry that does not decompress or parse is a miss: the object is described again, not the run failed for it.
    return undefined;
  }
}

/** Stores an immutable object once, for CACHE_TTL_DAYS: a second put of the same key writes nothing new. */
export async function putCached(table: StoreTable, kind: string, key: string, value: unknown, now = new Date()): Promise<void> {
  const body = gzipSync(Buffer.from(JSON.stringify(value), 'utf8'));
  const expiresAt = Math.floor(now.getTime() / 1000) + CACHE_TTL_DAYS * DAY_SECONDS;
  await table.put({ ...cacheKey(kind, key), body, expiresAt }, { expression: 'attribute_not_exists(pk)' });
}
