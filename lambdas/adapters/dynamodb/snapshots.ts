import { DamagedSnapshotError, SnapshotMovedError, type StoredSnapshot } from '../../ports/audit-store';
import { chunkPk, chunkSk, epochMs, snapshotKey, snapshotPk } from './keys';
import { decodeObservations, encodeObservationsAsync } from './observation-codec';
import { domainOf, type Item, type StoreTable } from './store-table';

/** How long a superseded snapshot stays readable (for a late look at what changed) before TTL removes it. */
export const SUPERSEDED_TTL_DAYS = 30;

const DAY_SECONDS = 86_400;
const MAX_ATTEMPTS = 5;

/** The pointer item: a source's current snapshot, and where its chunks are. */
interface SnapshotPointer extends Omit<StoredSnapshot, 'observations'> {
  observedMs: number;
  /** The partition holding this save's chunks. */
  chunkPk: string;
  chunks: number;
  bytes: number;
  count: number;
}

const pointerOf = (item: Item | undefined): SnapshotPointer | undefined => (item ? domainOf<SnapshotPointer>(item) : undefined);

/** The stored hash of a source's current snapshot. */
export async function snapshotHash(table: StoreTable, estate: string, environment: string, sourceKey: string): Promise<string | undefined> {
  return pointerOf(await table.get(snapshotKey(estate, environment, sourceKey)))?.hash;
}

/** Every source's current snapshot hash, keyed `environment` NUL `sourceKey`: one query of the pointers. */
export async function snapshotHashes(table: StoreTable, estate: string): Promise<Map<string, string>> {
  const hashes = new Map<string, string>();
  for await (const item of table.query({ pk: snapshotPk(estate) })) {
    hashes.set(`${String(item.environment)}\u0000${String(item.sourceKey)}`, String(item.hash));
  }
  return hashes;
}

/** When every source's current snapshot was observed (ISO), keyed `environment` NUL `sourceKey`: one query of the pointers. */
export async function snapshotTimes(table: StoreTable, estate: string): Promise<Map<string, string>> {
  const times = new Map<string, string>();
  for await (const item of table.query({ pk: snapshotPk(estate) })) {
    times.set(`${String(item.environment)}\u0000${String(item.sourceKey)}`, String(item.observedAt));
  }
  return times;
}

/** A source's current snapshot, observations decoded. */
export async function loadSnapshot(
  table: StoreTable,
  estate: string,
  environment: string,
  sourceKey: string,
): Promise<StoredSnapshot | undefined> {
  const pointer = pointerOf(await table.get(snapshotKey(estate, environment, sourceKey)));
  if (!pointer) return undefined;
  const blobs: Uint8Array[] = [];
  for await (const chunk of table.query({ pk: pointer.chunkPk })) {
    if (chunk.sk !== chunkSk(blobs.length)) break;
    blobs.push(chunk.data as Uint8Array);
  }
  const where = `the stored snapshot of ${environment} ${pointer.label} (${pointer.hash})`;
  const context = { environment, sourceKey, hash: pointer.hash };
  if (blobs.length !== pointer.chunks) {
    throw new DamagedSnapshotError(`${where} has ${blobs.length} of its ${pointer.chunks} chunks: the store is damaged`, { context });
  }
  let observations: StoredSnapshot['observations'];
  try {
    observations = decodeObservations(blobs);
  } catch (cause) {
    throw new DamagedSnapshotError(`${where} cannot be read back: ${(cause as Error).message}`, { cause, context });
  }
  const { environment: env, sourceKey: key, label, hash, runId, observedAt, keyId, gone } = pointer;
  return { environment: env, sourceKey: key, label, hash, runId, observedAt, keyId, observations, ...(gone ? { gone } : {}) };
}

/**
 * Writes the chunks, then moves the pointer with a compare-and-set on the chunks it read, then gives
 * the superseded chunks a TTL. An unchanged hash writes nothing; a snapshot observed before the
 * stored one never replaces it (its own chunks get the TTL instead).
 */
export async function saveSnapshot(table: StoreTable, estate: string, snapshot: StoredSnapshot, now: Date, base?: string): Promise<void> {
  const key = snapshotKey(estate, snapshot.environment, snapshot.sourceKey);
  let current = pointerOf(await table.get(key));
  const observedMs = epochMs(snapshot.observedAt);
  if (current?.hash === snapshot.hash) return;
  // Before the later-wins rule: a read stood on a snapshot is done again on the one that replaced it.
  mustStandOn(current, base, snapshot);
  if (current && current.observedMs > observedMs) return;

  const blobs = await encodeObservationsAsync(snapshot.observations);
  const { observations, ...meta } = snapshot;
  const mine: SnapshotPointer = {
    ...meta,
    observedMs,
    chunkPk: chunkPk(estate, snapshot.environment, snapshot.sourceKey, snapshot.hash, snapshot.runId),
    chunks: blobs.length,
    bytes: blobs.reduce((n, b) => n + b.length, 0),
    count: observations.length,
  };
  // The chunks are this save's own partition: nothing else writes there, so they need no condition.
  await table.batchPut(blobs.map((data, i) => ({ pk: mine.chunkPk, sk: chunkSk(i), itemType: 'snapshot-chunk', data })));

  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const moved = await table.put(
      { ...key, itemType: 'snapshot', ...mine },
      current
        ? { expression: '#chunks = :previous', names: { '#chunks': 'chunkPk' }, values: { ':previous': current.chunkPk } }
        : { expression: 'attribute_not_exists(pk)' },
    );
    if (moved) {
      if (current) await expireChunks(table, current, now);
      return;
    }
    // Another run moved the pointer between our read and our write: decide again against what it wrote.
    current = pointerOf(await table.get(key));
    if (current?.chunkPk === mine.chunkPk) return;
    const same = current?.hash === snapshot.hash;
    const baseMoved = base !== undefined && current?.hash !== base;
    if (same || baseMoved || (current && current.observedMs > observedMs)) {
      await expireChunks(table, mine, now);
      if (!same) mustStandOn(current, base, snapshot);
      return;
    }
  }
  throw new Error(`the snapshot pointer of ${snapshot.environment} ${snapshot.label} kept moving: gave up after ${MAX_ATTEMPTS} attempts`);
}

/** A save that stands on a stored snapshot (`base`) goes only over that one. */
function mustStandOn(current: SnapshotPointer | undefined, base: string | undefined, snapshot: StoredSnapshot): void {
  if (base !== undefined && current?.hash !== base)
    throw new SnapshotMovedError(`the stored snapshot of ${snapshot.environment} ${snapshot.label} moved while this run audited it`);
}

/** Gives a superseded save's chunks a TTL (only chunks that still exist: an update never creates one). */
async function expireChunks(table: StoreTable, pointer: SnapshotPointer, now: Date): Promise<void> {
  const expiresAt = Math.floor(now.getTime() / 1000) + SUPERSEDED_TTL_DAYS * DAY_SECONDS;
  for (let i = 0; i < pointer.chunks; i++) {
    await table.update(
      { pk: pointer.chunkPk, sk: chunkSk(i) },
      { expression: 'SET #exp = :exp', names: { '#exp': 'expiresAt' }, values: { ':exp': expiresAt } },
      { expression: 'attribute_exists(pk)' },
    );
  }
}
