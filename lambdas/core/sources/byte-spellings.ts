import { Buffer } from 'node:buffer';
import { PredictionStreak } from '../prediction-streak';

const EMPTY = 0;
const FIRST_CAPACITY = 1 << 10;
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/**
 * Dotted key spellings (`module76.part5.option_24316`) numbered from the bytes a scanner reads: a key
 * is its parent's number and its own segment's bytes, so one met before is found with no string made,
 * no concatenation and no hashing of a string. The environments of an estate repeat each other's keys
 * in any order; a string made for each and looked up in a Map of a hundred thousand costs a fresh
 * hash, an allocation and several reads from anywhere in memory, this one hash of bytes still in the
 * cache, a read of the slot and one of the stored segment.
 *
 * Segments are UTF-8 bytes with no escapes: a scanner gives an escaped or non-ASCII segment as the
 * UTF-8 of its decoded text, so equal texts are equal bytes.
 */
export class ByteSpellings {
  /** Number + 1 of the spelling in each slot, EMPTY for none: open addressing, linear probing. */
  private slots = new Int32Array(FIRST_CAPACITY);
  private hashes = new Int32Array(FIRST_CAPACITY / 2);
  private parents = new Int32Array(FIRST_CAPACITY / 2);
  /** Where each spelling's segment starts in `segments`; it ends where the next one starts. */
  private starts = new Int32Array(FIRST_CAPACITY / 2 + 1);
  private segments: Buffer = Buffer.allocUnsafe(1 << 14);
  /** Each spelling's text, made once. */
  private readonly texts: string[] = [];
  /** The mapping each spelling was last met in (`opened`): a key given twice in one mapping. */
  private seenIn = new Int32Array(FIRST_CAPACITY / 2);
  private mappings = 0;
  /** The number `find` gave last. */
  private found = -1;
  private readonly streak = new PredictionStreak();
  /** The bytes of the segment `findAscii` was given. */
  private scratch = new Uint8Array(64);

  /** How many spellings are numbered. */
  get size(): number {
    return this.texts.length;
  }

  /**
   * The number of `parent`'s spelling, a dot and the segment `b[start, end)`; of the segment alone for
   * parent -1. A spelling met for the first time is numbered next.
   */
  find(parent: number, b: Uint8Array, start: number, end: number): number {
    // Where this key's file lists its keys as the file read before did (every environment's alike), it is the spelling
    // numbered after the one found last: one comparison, no hash and no read of a slot.
    // A guess that fails is a read from anywhere in memory: after a run of them, only now and then (PredictionStreak).
    const next = this.found + 1;
    if (next < this.texts.length && this.streak.worthTrying()) {
      if (this.parents[next] === parent && this.holds(next, b, start, end)) {
        this.streak.hit();
        return (this.found = next);
      }
      this.streak.miss();
    }
    let h = Math.imul(FNV_OFFSET ^ parent, FNV_PRIME);
    for (let p = start; p < end; p++) h = Math.imul(h ^ (b[p] as number), FNV_PRIME);
    const mask = this.slots.length - 1;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const held = this.slots[slot] as number;
      if (held === EMPTY) return (this.found = this.add(slot, h, parent, b, start, end));
      const id = held - 1;
      if (this.hashes[id] === h && this.parents[id] === parent && this.holds(id, b, start, end)) return (this.found = id);
    }
  }

  /** `find` of a segment of a text all ASCII, `text[start, end)`: a reader of text (a dotenv file) numbers its keys alike. */
  findAscii(parent: number, text: string, start: number, end: number): number {
    const length = end - start;
    if (this.scratch.length < length) this.scratch = new Uint8Array(2 * length);
    const scratch = this.scratch;
    for (let k = 0; k < length; k++) scratch[k] = text.charCodeAt(start + k);
    return this.find(parent, scratch, 0, length);
  }

  /** The spelling's text: its parent's, a dot, and its segment decoded. */
  text(id: number): string {
    return this.texts[id] as string;
  }

  /** Opens a mapping: `twice` then tells a key met again in it. */
  opened(): number {
    return ++this.mappings;
  }

  /** True when the key numbered `id` was met in `mapping` before; else notes it there. */
  twice(id: number, mapping: number): boolean {
    if (this.seenIn[id] === mapping) return true;
    this.seenIn[id] = mapping;
    return false;
  }

  private holds(id: number, b: Uint8Array, start: number, end: number): boolean {
    const from = this.starts[id] as number;
    const length = end - start;
    if ((this.starts[id + 1] as number) - from !== length) return false;
    const segments = this.segments;
    // From the end, where keys of one file differ (`setting_21302`, `setting_21303`).
    for (let k = length - 1; k >= 0; k--) if (segments[from + k] !== b[start + k]) return false;
    return true;
  }

  private add(slot: number, h: number, parent: number, b: Uint8Array, start: number, end: number): number {
    const id = this.texts.length;
    const from = this.starts[id] as number;
    const length = end - start;
    if (from + length > this.segments.length) this.segments = grownBytes(this.segments, from + length);
    this.segments.set(b.subarray(start, end), from);
    const segment = this.segments.toString('utf8', from, from + length);
    this.texts.push(parent < 0 ? segment : `${this.texts[parent] as string}.${segment}`);
    if (id + 1 >= this.hashes.length) this.grow();
    this.hashes[id] = h;
    this.parents[id] = parent;
    this.starts[id + 1] = from + length;
    this.slots[slot] = id + 1;
    // Half full at most: a probe rarely reads a second slot.
    if (2 * this.texts.length > this.slots.length) this.rehash();
    return id;
  }

  private grow(): void {
    const size = this.hashes.length * 2;
    this.hashes = grownInts(this.hashes, size);
    this.parents = grownInts(this.parents, size);
    this.starts = grownInts(this.starts, size + 1);
    this.seenIn = grownInts(this.seenIn, size);
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    for (let id = 0; id < this.texts.length; id++) {
      let slot = (this.hashes[id] as number) & mask;
      while (slots[slot] !== EMPTY) slot = (slot + 1) & mask;
      slots[slot] = id + 1;
    }
    this.slots = slots;
  }
}

function grownInts(from: Int32Array, size: number): Int32Array<ArrayBuffer> {
  const to = new Int32Array(size);
  to.set(from);
  return to;
}

function grownBytes(from: Buffer, atLeast: number): Buffer {
  const to = Buffer.allocUnsafe(Math.max(atLeast, from.length * 2));
  from.copy(to);
  return to;
}

/** Dotted keys numbered from their bytes (`table`), and the spelling of the text numbered `id` (KeyValueInterner.spelling's). */
export interface ByteKeys {
  readonly table: ByteSpellings;
  spelling(id: number): string;
}

/** Byte keys whose spellings are their table's texts: nothing shared. */
export function unsharedByteKeys(): ByteKeys {
  const table = new ByteSpellings();
  return { table, spelling: (id) => table.text(id) };
}
