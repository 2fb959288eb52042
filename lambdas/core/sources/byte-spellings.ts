import { Buffer } from 'node:buffer';
import { PredictionStreak } from '../prediction-streak';

const EMPTY = 0;
const FIRST_CAPACITY = 1 << 10;
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
/** How many numbers an entry holds (ByteSpellings.entries). */
const ENTRY = 3;

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
  /**
   * Open addressing, linear probing: each slot two numbers, the number + 1 of the spelling there (EMPTY for none) and
   * its hash, so a probe reads one place in memory before the spelling's own.
   */
  private slots = new Int32Array(2 * FIRST_CAPACITY);
  /** Three numbers a spelling, read together: its parent's number, where its segment starts in `segments` and ends. */
  private entries = new Int32Array(ENTRY * (FIRST_CAPACITY / 2));
  private segments: Buffer = Buffer.allocUnsafe(1 << 14);
  private used = 0;
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
   * parent -1. A spelling met for the first time is numbered next, its segment's text decoded from the bytes, or
   * `text` where they are not its UTF-8 (see segmentBytes).
   */
  find(parent: number, b: Uint8Array, start: number, end: number, text?: string): number {
    // Where this key's file lists its keys as the file read before did (every environment's alike), it is the spelling
    // numbered after the one found last: one comparison, no hash and no read of a slot.
    // A guess that fails is a read from anywhere in memory: after a run of them, only now and then (PredictionStreak).
    const next = this.found + 1;
    if (next < this.texts.length && this.streak.worthTrying()) {
      if (this.holds(next, parent, b, start, end)) {
        this.streak.hit();
        return (this.found = next);
      }
      this.streak.miss();
    }
    let h = Math.imul(FNV_OFFSET ^ parent, FNV_PRIME);
    for (let p = start; p < end; p++) h = Math.imul(h ^ (b[p] as number), FNV_PRIME);
    const slots = this.slots;
    const mask = (slots.length >> 1) - 1;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const held = slots[2 * slot] as number;
      if (held === EMPTY) return (this.found = this.add(2 * slot, h, parent, b, start, end, text));
      if (slots[2 * slot + 1] === h && this.holds(held - 1, parent, b, start, end)) return (this.found = held - 1);
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

  /** Whether spelling `id` is `parent`'s with the segment `b[start, end)`. */
  private holds(id: number, parent: number, b: Uint8Array, start: number, end: number): boolean {
    const entries = this.entries;
    const at = ENTRY * id;
    if (entries[at] !== parent) return false;
    const from = entries[at + 1] as number;
    const length = end - start;
    if ((entries[at + 2] as number) - from !== length) return false;
    const segments = this.segments;
    // From the end, where keys of one file differ (`setting_21302`, `setting_21303`).
    for (let k = length - 1; k >= 0; k--) if (segments[from + k] !== b[start + k]) return false;
    return true;
  }

  private add(at: number, h: number, parent: number, b: Uint8Array, start: number, end: number, text: string | undefined): number {
    const id = this.texts.length;
    const from = this.used;
    const to = from + end - start;
    if (to > this.segments.length) this.segments = grownBytes(this.segments, to);
    this.segments.set(b.subarray(start, end), from);
    this.used = to;
    const segment = text ?? this.segments.toString('utf8', from, to);
    this.texts.push(parent < 0 ? segment : `${this.texts[parent] as string}.${segment}`);
    if (ENTRY * (id + 1) > this.entries.length) this.grow();
    const entries = this.entries;
    entries[ENTRY * id] = parent;
    entries[ENTRY * id + 1] = from;
    entries[ENTRY * id + 2] = to;
    this.slots[at] = id + 1;
    this.slots[at + 1] = h;
    // Half full at most: a probe rarely reads a second slot.
    if (4 * this.texts.length > this.slots.length) this.rehash();
    return id;
  }

  private grow(): void {
    this.entries = grownInts(this.entries, 2 * this.entries.length);
    this.seenIn = grownInts(this.seenIn, 2 * this.seenIn.length);
  }

  private rehash(): void {
    const old = this.slots;
    const slots = new Int32Array(2 * old.length);
    const mask = (slots.length >> 1) - 1;
    for (let at = 0; at < old.length; at += 2) {
      if (old[at] === EMPTY) continue;
      let slot = (old[at + 1] as number) & mask;
      while (slots[2 * slot] !== EMPTY) slot = (slot + 1) & mask;
      slots[2 * slot] = old[at] as number;
      slots[2 * slot + 1] = old[at + 1] as number;
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

const NOT_UTF8 = Buffer.from([0xff]);
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * The bytes a decoded segment is numbered by: its UTF-8, equal for equal texts. A text with a lone surrogate (JSON's
 * `"\ud800"`) has none, so it is its UTF-16 after a byte UTF-8 never starts with; give `find` the text itself then.
 */
export function segmentBytes(text: string): Buffer {
  return LONE_SURROGATE.test(text) ? Buffer.concat([NOT_UTF8, Buffer.from(text, 'utf16le')]) : Buffer.from(text, 'utf8');
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
