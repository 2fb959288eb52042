import { PredictionStreak } from './prediction-streak';

/** What the first pass over a slot looked up, in order: later passes over the slot are predicted from it. */
interface Sequence<K, V> {
  keys: K[];
  values: V[];
  /** Each key's position, built when a key first turns up out of place. */
  positions?: Map<K, number>;
}

/**
 * A memo for a pass that repeats an earlier one in about the same order. The environments of an
 * estate mirror each other, so the same source of each environment reads the same keys in the same
 * order: comparing with what the first pass had at the same place is much cheaper than hashing into
 * a table of a hundred thousand entries. The answer is always `lookup`'s (a value is reused only
 * for an equal key).
 */
export class SequenceMemo<K, V> {
  /** The next position expected in the earlier pass. */
  private cursor = 0;
  private readonly streak = new PredictionStreak();

  /** With `earlier`, predicts from it; without, records this pass for the passes after it. */
  constructor(
    private readonly lookup: (key: K) => V,
    /** How many distinct keys `lookup` has been asked so far: a call that adds one met a new key. */
    private readonly known: () => number,
    private readonly earlier: Sequence<K, V> | undefined,
    private readonly recording: Sequence<K, V> | undefined,
  ) {}

  get(key: K): V {
    const e = this.earlier;
    if (e === undefined) {
      const value = this.lookup(key);
      const r = this.recording as Sequence<K, V>;
      r.keys.push(key);
      r.values.push(value);
      return value;
    }
    if (!this.streak.worthTrying()) return this.at(e, positionsOf(e).get(key), key);
    const i = this.cursor;
    if (e.keys[i] === key) return this.hit(e, i);
    if (e.keys[i + 1] === key) return this.hit(e, i + 1);
    if (e.positions === undefined) {
      // Until a key turns up out of place, a miss is most likely one no pass has read (this
      // environment's own): the lookup tells, and the thread stays where it was. Only a key out of
      // place costs the positions of the earlier pass.
      const before = this.known();
      const value = this.lookup(key);
      if (this.known() !== before) return value;
      this.streak.miss();
      const at = positionsOf(e).get(key);
      if (at !== undefined) this.cursor = at + 1;
      return value;
    }
    this.streak.miss();
    return this.at(e, e.positions.get(key), key);
  }

  private hit(e: Sequence<K, V>, i: number): V {
    this.streak.hit();
    this.cursor = i + 1;
    return e.values[i] as V;
  }

  /** The value at the key's position in the earlier pass (the thread follows from there), else the lookup's. */
  private at(e: Sequence<K, V>, position: number | undefined, key: K): V {
    if (position === undefined) return this.lookup(key);
    this.cursor = position + 1;
    return e.values[position] as V;
  }
}

/** Each key's position in a finished pass, built on first use. */
function positionsOf<K, V>(e: Sequence<K, V>): Map<K, number> {
  if (!e.positions) {
    e.positions = new Map();
    for (let p = 0; p < e.keys.length; p++) e.positions.set(e.keys[p] as K, p);
  }
  return e.positions;
}

/** One memo per pass over a slot, each predicted from the first pass over the same slot. */
export class SlotMemos<K, V> {
  private readonly first = new Map<string, Sequence<K, V>>();

  /** `known`: how many distinct keys `lookup` has been asked so far (a lookup that adds one met a new key). */
  constructor(
    private readonly lookup: (key: K) => V,
    private readonly known: () => number,
  ) {}

  /** A memo for a new pass over `slot` (a source's place in an environment, say). */
  open(slot: string): SequenceMemo<K, V> {
    const earlier = this.first.get(slot);
    // A first pass that read nothing (its source failed) predicts nothing: the next one records.
    if (earlier && earlier.keys.length > 0) return new SequenceMemo(this.lookup, this.known, earlier, undefined);
    const recording: Sequence<K, V> = { keys: [], values: [] };
    this.first.set(slot, recording);
    return new SequenceMemo(this.lookup, this.known, undefined, recording);
  }
}
