import { engineLevelClass } from './inline-reads';

/** An encoded write as classic-level's batch takes it. */
type Write = { type: 'put'; key: unknown; value: unknown } | { type: 'del'; key: unknown };

/** The part of classic-level's LevelDB class the engine's writes go through. */
interface LevelWrites {
  _put(key: unknown, value: unknown, options: unknown): Promise<void>;
  _del(key: unknown, options: unknown): Promise<void>;
  _batch(operations: Write[], options: unknown): Promise<void>;
  [PENDING]?: { writes: Write[]; waiting: Array<{ resolve: () => void; reject: (err: unknown) => void }> };
  [COALESCED]?: true;
}

const PENDING = Symbol('drift.pendingLevelWrites');
const COALESCED = Symbol.for('drift.coalescedLevelWrites');
/** What a flush passes as the batch's options: LevelDB's own batch, not one more to queue. */
const FLUSH = Object.freeze({});

/** Writes the pending writes as one batch, in the order they were made, and answers each. */
async function flush(db: LevelWrites): Promise<void> {
  const pending = db[PENDING]!;
  db[PENDING] = undefined;
  try {
    await db._batch(pending.writes, FLUSH);
  } catch (err) {
    for (const { reject } of pending.waiting) reject(err);
    return;
  }
  for (const { resolve } of pending.waiting) resolve();
}

/**
 * Makes the engine's LevelDB writes (puts, deletes and batches) made in the same turn of the event
 * loop go to LevelDB as one batch, in the order they were made; each still resolves only once its batch is
 * written, so dynalite's per-key lock still orders every read, check and write as before. A big
 * first run makes thousands of item writes, several at once (about 8 a batch), and each single
 * write's trip through libuv's thread pool cost the main thread more than the write. Idempotent.
 */
export function coalesceEngineWrites(): void {
  const proto = engineLevelClass().prototype as LevelWrites;
  if (proto[COALESCED]) return;
  const batch = proto._batch;
  const enqueue = function (this: LevelWrites, made: readonly Write[]): Promise<void> {
    let pending = this[PENDING];
    if (!pending) {
      pending = this[PENDING] = { writes: [], waiting: [] };
      // After this turn's other requests have reached their writes too (a microtask would batch one).
      setImmediate(() => void flush(this));
    }
    const { writes, waiting } = pending;
    for (const write of made) writes.push(write);
    return new Promise((resolve, reject) => waiting.push({ resolve, reject }));
  };
  proto._put = function (this: LevelWrites, key: unknown, value: unknown): Promise<void> {
    return enqueue.call(this, [{ type: 'put', key, value }]);
  };
  proto._del = function (this: LevelWrites, key: unknown): Promise<void> {
    return enqueue.call(this, [{ type: 'del', key }]);
  };
  proto._batch = function (this: LevelWrites, operations: Write[], options: unknown): Promise<void> {
    return options === FLUSH ? batch.call(this, operations, {}) : enqueue.call(this, operations);
  };
  proto[COALESCED] = true;
}
