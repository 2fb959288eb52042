import type { Observation } from '../model';
import { SlotMemos, type SequenceMemo } from '../sequence-memo';

/**
 * The keys of one audit, numbered in the order they are first seen. Every environment's effective
 * configuration is a row over them, so environments are compared column by column, by position,
 * with no hashing: a million observations are a hundred thousand columns of ten cells.
 */
export class KeySpace {
  private readonly ids = new Map<string, number>();
  /** The key of each id. */
  readonly keys: string[] = [];
  private readonly memos = new SlotMemos<string, number>((key) => this.id(key));

  /** The id of `key`, numbering it if it is new. */
  id(key: string): number {
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.keys.length;
      this.ids.set(key, id);
      this.keys.push(key);
    }
    return id;
  }

  /** The id of `key`, if any row has it. */
  find(key: string): number | undefined {
    return this.ids.get(key);
  }

  get size(): number {
    return this.keys.length;
  }

  /** Ids for the keys of one source (`slot`: its place in an environment), predicted from the first environment's same source. */
  reader(slot: string): SequenceMemo<string, number> {
    return this.memos.open(slot);
  }
}

/**
 * One environment's winners over a key space, read as a map from key to observation. It iterates in
 * the key space's order (the order keys were first seen in the audit), not the row's own.
 */
export class ConfigRow implements ReadonlyMap<string, Observation> {
  /** The winner per key id; undefined where the environment does not set the key. */
  readonly byId: Array<Observation | undefined>;
  private count = 0;

  constructor(readonly space: KeySpace) {
    // Sized for the keys known so far, as environments mirror each other: it seldom grows.
    this.byId = new Array<Observation | undefined>(space.size).fill(undefined);
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
    return id === undefined || id >= this.byId.length ? undefined : this.byId[id];
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  *entries(): MapIterator<[string, Observation]> {
    const { byId } = this;
    for (let id = 0; id < byId.length; id++) {
      const obs = byId[id];
      if (obs !== undefined) yield [this.space.keys[id] as string, obs];
    }
  }

  *keys(): MapIterator<string> {
    for (const [key] of this.entries()) yield key;
  }

  *values(): MapIterator<Observation> {
    for (const [, obs] of this.entries()) yield obs;
  }

  [Symbol.iterator](): MapIterator<[string, Observation]> {
    return this.entries();
  }

  forEach(fn: (value: Observation, key: string, map: ReadonlyMap<string, Observation>) => void): void {
    for (const [key, obs] of this.entries()) fn(obs, key, this);
  }
}
