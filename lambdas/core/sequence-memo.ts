import { PredictionStreak } from './prediction-streak';

/** What the first pass over a slot looked up, in order: later passes over the slot are predicted from it. */
interface Sequence<K, V> {
  keys: K[];
  values: V[];
  /** Each key's position, built on the first prediction that fails. */
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
    const at = this.find(e, key);
    if (at < 0) return this.lookup(key);
    this.cursor = at + 1;
    return e.values[at] as V;
  }

  /**
   * The key's position in the earlier pass: where the thread leads, else where it is (found once,
   * then followed), or only where it is while predictions keep failing (PredictionStreak).
   */
  private find(e: Sequence<K, V>, key: K): number {
    if (!this.streak.worthTrying()) return positionsOf(e).get(key) ?? -1;
    const i = this.cursor;
    if (e.keys[i] === key) {
      this.streak.hit();
      return i;
    }
    if (e.keys[i + 1] === key) {
      this.streak.hit();
      return i + 1;
    }
    this.streak.miss();
    return positionsOf(e).get(key) ?? -1;
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

  constructor(private readonly lookup: (key: K) => V) {}

  /** A memo for a new pass over `slot` (a source's place in an environment, say). */
  open(slot: string): SequenceMemo<K, V> {
    const earlier = this.first.get(slot);
    // A first pass that read nothing (its source failed) predicts nothing: the next one records.
    if (earlier && earlier.keys.length > 0) return new SequenceMemo(this.lookup, earlier, undefined);
    const recording: Sequence<K, V> = { keys: [], values: [] };
    this.first.set(slot, recording);
    return new SequenceMemo(this.lookup, undefined, recording);
  }
}
