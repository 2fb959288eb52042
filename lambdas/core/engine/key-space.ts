import type { Observation } from '../model';
import { PredictionStreak } from '../prediction-streak';

/**
 * The keys of one audit, numbered in the order they are first seen. Every environment's effective
 * configuration is a row over them, so environments are compared column by column, by position,
 * with no hashing: a million observations are a hundred thousand columns of ten cells. Keys arrive
 * as the interner's shared strings, whose hash V8 keeps, so numbering one is a single cheap lookup.
 */
export class KeySpace {
  private readonly ids = new Map<string, number>();
  /** The key of each id. */
  private readonly names: string[] = [];
  /** One more than the id of each hint given to idByHint; 0 where none was. */
  private byHint: Int32Array = new Int32Array(0);

  /** The id of `key`, numbering it if it is new. */
  id(key: string): number {
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.names.length;
      this.ids.set(key, id);
      this.names.push(key);
    }
    return id;
  }

  /**
   * The id of `key`, found by `hint` (Observation.keyId, the interner's number of the key) where an earlier call was
   * given the same hint: an array read and a comparison of the key with the one at that id, which is the same string
   * when the interner shared it. A hint that names another key (another run's interner) is looked up, and then kept.
   */
  idByHint(key: string, hint: number): number {
    const byHint = this.byHint;
    if (hint < byHint.length) {
      const id = (byHint[hint] as number) - 1;
      if (id >= 0 && this.names[id] === key) return id;
    }
    const id = this.id(key);
    if (hint >= this.byHint.length) this.byHint = grown(this.byHint, hint);
    this.byHint[hint] = id + 1;
    return id;
  }

  /** The id of `key`, if any row has it. */
  find(key: string): number | undefined {
    return this.ids.get(key);
  }

  /** The key numbered `id`. */
  keyAt(id: number): string {
    return this.names[id] as string;
  }

  get size(): number {
    return this.names.length;
  }
}

/** `array` copied into one long enough to hold index `at`, with room to grow. */
function grown(array: Int32Array, at: number): Int32Array {
  const bigger = new Int32Array(Math.max(at + 1, array.length * 2, 1024));
  bigger.set(array);
  return bigger;
}

/**
 * Numbers one environment's keys in the order it reads them, as `space.id` does. Environments mirror
 * each other, so the next key is usually the one numbered after the last: comparing it with that
 * key (the interner's shared string: one pointer comparison) costs less than hashing into a table of
 * a hundred thousand keys, whose entries are all over memory. A miss is the table's lookup and the
 * thread follows from there (but for a key new to the space); where misses run on (an estate
 * shuffled per environment) it stops predicting, and only looks a key up now and then to try again.
 */
export class KeyCursor {
  private next = 0;
  private readonly streak = new PredictionStreak();

  constructor(private readonly space: KeySpace) {}

  /** `space.id(key)`. With `hint` (Observation.keyId) no prediction is needed: the hint finds the key in any order. */
  id(key: string, hint?: number): number {
    const { space } = this;
    if (hint !== undefined) return space.idByHint(key, hint);
    if (!this.streak.worthTrying()) return space.id(key);
    const at = this.next;
    if (at < space.size && space.keyAt(at) === key) {
      this.streak.hit();
      this.next = at + 1;
      return at;
    }
    const size = space.size;
    const id = space.id(key);
    // A key no environment had before (one only this one sets) is numbered last: the thread stays
    // where it pointed, and the next key is likely the one it predicted.
    if (id === size) return id;
    // A miss, or a retry after a run of lookups alone: the next key is predicted from this one.
    this.streak.miss();
    this.next = id + 1;
    return id;
  }
}

/** The key space `rows` share: rows are compared by position, so only rows of one space are. */
export function sharedSpace(rows: readonly ConfigRow[]): KeySpace {
  const space = (rows[0] as ConfigRow).space;
  if (rows.some((r) => r.space !== space)) throw new Error('configurations of different key spaces are not compared');
  return space;
}

/**
 * One environment's winners over a key space, read as a map from key to observation. It iterates in
 * the key space's order (the order keys were first seen in the audit), not the row's own.
 */
export class ConfigRow implements ReadonlyMap<string, Observation> {
  /** The winner per key id; undefined where the environment does not set the key. */
  private readonly byId: Array<Observation | undefined>;
  private count = 0;

  constructor(readonly space: KeySpace) {
    // Sized for the keys known so far, as environments mirror each other: it seldom grows.
    this.byId = new Array<Observation | undefined>(space.size).fill(undefined);
  }

  /** The winner of the key numbered `id`; undefined where the environment does not set it. */
  at(id: number): Observation | undefined {
    return id < this.byId.length ? this.byId[id] : undefined;
  }

  /** Sets the winner of a key by its id; returns what it replaces. */
  put(id: number, obs: Observation): Observation | undefined {
    const byId = this.byId;
    // Kept without holes and read only within its length: both keep V8 on its fast path.
    while (byId.length <= id) byId.push(undefined);
    const previous = byId[id];
    if (previous === undefined) this.count++;
    byId[id] = obs;
    return previous;
  }

  get size(): number {
    return this.count;
  }

  get(key: string): Observation | undefined {
    const id = this.space.find(key);
    return id === undefined ? undefined : this.at(id);
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  *entries(): MapIterator<[string, Observation]> {
    const { byId } = this;
    for (let id = 0; id < byId.length; id++) {
      const obs = byId[id];
      if (obs !== undefined) yield [this.space.keyAt(id), obs];
    }
  }

  *keys(): MapIterator<string> {
    const { byId } = this;
    for (let id = 0; id < byId.length; id++) if (byId[id] !== undefined) yield this.space.keyAt(id);
  }

  *values(): MapIterator<Observation> {
    const { byId } = this;
    for (let id = 0; id < byId.length; id++) {
      const obs = byId[id];
      if (obs !== undefined) yield obs;
    }
  }

  [Symbol.iterator](): MapIterator<[string, Observation]> {
    return this.entries();
  }

  forEach(fn: (value: Observation, key: string, map: ReadonlyMap<string, Observation>) => void): void {
    for (const [key, obs] of this.entries()) fn(obs, key, this);
  }
}
