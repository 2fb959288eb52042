import { blockScalar } from './yaml-block-scalar';
import { flowMapping, flowSequence } from './yaml-flow';
import { keyName, quotedScalar, resolvePlain, skipSpaces, type PlainResolver, type QuoteEnd } from './yaml-scalars';

const SPACE = 32;
const HASH = 35;
const COLON = 58;
const DASH = 45;
const MAX_KEY_LENGTH = 1000;
// Deeper nesting is left to the package (and this reader's recursion stays far from the stack's end).
const MAX_DEPTH = 100;
// The characters that cannot start a plain scalar here: flow indicators, comments, anchors, aliases,
// tags, block scalars, quotes, directives and the reserved ones (`-` alone is a sequence entry).
const MERGE_KEY = '<<';
const NOT_PLAIN: ReadonlySet<number> = new Set(',[]{}#&*!|>\'"%@`?:'.split('').map((c) => c.charCodeAt(0)));

/** What a mapping streamed to a LeafStream gives in place of the object it would build. */
export const STREAMED: unique symbol = Symbol('streamed');

/**
 * Receives the values under the keys of a root mapping read without building it (`leaves`): each
 * value that is not itself a block mapping (a scalar, a sequence, a flow mapping), with its dotted
 * key and how many keys deep it is; false to give up.
 */
export interface LeafStream {
  value(key: string, depth: number, value: unknown): boolean;
}

/** Keys JavaScript orders before all others in an object (array indices): a streamed mapping, read in document order, gives up on them. */
const ARRAY_INDEX = /^(?:0|[1-9]\d{0,9})$/;
const isArrayIndex = (key: string): boolean => {
  const c = key.charCodeAt(0);
  return c >= 0x30 && c <= 0x39 && ARRAY_INDEX.test(key) && Number(key) < 4294967295;
};

// Where the scanner stands; plain numbers, as methods move it between checks.
const CONTENT = 0 as number;
const SEPARATOR = 1 as number;
const END = 2 as number;

/**
 * Block YAML (mappings, sequences, one-line scalars, one-line flow sequences and mappings of scalars, literal and folded block scalars,
 * comments, `---`) read line by line into the values the `yaml` package's toJS gives. Each method
 * returns undefined where the text leaves that subset, and the caller then gives up.
 */
export class BlockScanner {
  private lineStart = 0;
  private lineEnd = 0;
  private at = 0;
  private kind = END;
  /** Where the value of the key just read starts (after its `:`). */
  private afterKey = 0;
  private depth = 0;
  private readonly quote: QuoteEnd = { after: 0 };
  /** While `leaves` reads: where values go, how many mappings from the root are streamed, and each one's dotted key. */
  private stream: LeafStream | undefined;
  private streamed = 0;
  private readonly dotted: string[] = [];

  constructor(
    private readonly text: string,
    private readonly resolve: PlainResolver = resolvePlain,
  ) {}

  /**
   * Reads a text of at most one document whose root is a mapping, handing `stream` the values under
   * its keys (nested block mappings are followed, never built) in document order: the leaves a
   * walk of the built document would find, as long as no key is an array index. False when the text
   * is outside the subset, has more than one document or a root that is not a mapping; `stream` may
   * have been given values by then.
   */
  leaves(stream: LeafStream): boolean {
    this.stream = stream;
    const docs = this.documents();
    if (docs === undefined || docs.length > 1) return false;
    return docs.length === 0 || docs[0] === STREAMED || docs[0] === null;
  }

  /** The documents of the text, or undefined when any line is outside the subset. */
  documents(): unknown[] | undefined {
    const docs: unknown[] = [];
    if (!this.seek(0)) return undefined;
    if (this.kind === CONTENT) {
      const doc = this.root();
      if (doc === undefined) return undefined;
      docs.push(doc);
    }
    while (this.kind === SEPARATOR) {
      if (!this.seek(this.lineEnd + 1)) return undefined;
      const doc = this.kind === CONTENT ? this.root() : null;
      if (doc === undefined) return undefined;
      docs.push(doc);
    }
    return docs;
  }

  private root(): unknown {
    const doc = this.node();
    return this.kind === CONTENT ? undefined : doc;
  }

  /** Moves to the first line from `from` that has content or is `---`; false on a line outside the subset. */
  private seek(from: number): boolean {
    const { text } = this;
    let start = from;
    while (start < text.length) {
      let end = text.indexOf('\n', start);
      if (end < 0) end = text.length;
      const p = skipSpaces(text, start, end);
      if (p < end && text.charCodeAt(p) !== HASH) {
        this.lineStart = start;
        this.lineEnd = end;
        this.at = p;
        this.kind = CONTENT;
        return p > start || !/^(?:---|\.\.\.|%)/.test(text.slice(p, p + 3)) || this.separator();
      }
      start = end + 1;
    }
    this.lineStart = this.lineEnd = this.at = text.length;
    this.kind = END;
    return true;
  }

  /** Whether the current line, which starts with `---`, `...` or `%`, is a plain `---` separator. */
  private separator(): boolean {
    this.kind = SEPARATOR;
    return /^---(?: +(?:#.*)?)?$/.test(this.text.slice(this.lineStart, this.lineEnd));
  }

  private dashAt(p: number): boolean {
    return this.text.charCodeAt(p) === DASH && (p + 1 === this.lineEnd || this.text.charCodeAt(p + 1) === SPACE);
  }

  /** The collection starting at the current line's content. */
  private node(): unknown {
    if (this.depth === MAX_DEPTH) return undefined;
    this.depth++;
    const column = this.at - this.lineStart;
    const node = this.dashAt(this.at) ? this.sequence(column) : this.mapping(column);
    this.depth--;
    return node;
  }

  private mapping(column: number): unknown {
    // Under the root, only mappings reached through mappings are streamed: a sequence's items are built.
    if (this.stream !== undefined && this.streamed === this.depth - 1) return this.streamedMapping(column, this.stream);
    const map: Record<string, unknown> = {};
    for (;;) {
      const key = this.key(this.at);
      if (key === undefined || key === '__proto__' || key === '<<' || Object.prototype.hasOwnProperty.call(map, key)) return undefined;
      const value = this.value(this.afterKey, column, true);
      if (value === undefined) return undefined;
      map[key] = value;
      if (this.kind !== CONTENT) return map;
      const indent = this.at - this.lineStart;
      if (indent !== column) return indent < column ? map : undefined;
    }
  }

  /** A mapping read as `mapping` reads it, its values handed to `stream` under their dotted keys instead of kept. */
  private streamedMapping(column: number, stream: LeafStream): unknown {
    const keys = new Set<string>();
    const level = this.streamed++;
    const under = level === 0 ? '' : `${this.dotted[level - 1] as string}.`;
    for (;;) {
      const key = this.key(this.at);
      if (key === undefined || key === '__proto__' || key === '<<' || keys.has(key) || isArrayIndex(key)) return undefined;
      keys.add(key);
      const dotted = under + key;
      this.dotted[level] = dotted;
      const value = this.value(this.afterKey, column, true);
      if (value === undefined || (value !== STREAMED && !stream.value(dotted, level + 1, value))) return undefined;
      if (this.kind !== CONTENT || this.at - this.lineStart < column) break;
      if (this.at - this.lineStart !== column) return undefined;
    }
    this.streamed--;
    return STREAMED;
  }

  private sequence(column: number): unknown {
    const { text } = this;
    const seq: unknown[] = [];
    for (;;) {
      const p = skipSpaces(text, this.at + 1, this.lineEnd);
      let item: unknown;
      if (p < this.lineEnd && (this.dashAt(p) || this.key(p) !== undefined)) {
        this.at = p;
        item = this.node();
      } else item = this.value(p, column, false);
      if (item === undefined) return undefined;
      seq.push(item);
      if (this.kind !== CONTENT) return seq;
      const indent = this.at - this.lineStart;
      if (indent > column) return undefined;
      if (indent < column || !this.dashAt(this.at)) return seq;
    }
  }

  /** The key at `p` (plain or quoted, then `:`), its value's start put in afterKey; undefined when there is none. */
  private key(p: number): string | undefined {
    const { text, lineEnd } = this;
    const c = text.charCodeAt(p);
    if (c === 34 || c === 39) {
      const quoted = quotedScalar(text, p, lineEnd, this.quote);
      if (quoted === undefined) return undefined;
      const q = skipSpaces(text, this.quote.after, lineEnd);
      if (!this.colonAt(q) || q - p > MAX_KEY_LENGTH) return undefined;
      this.afterKey = q + 1;
      return quoted;
    }
    if (NOT_PLAIN.has(c) || (c === DASH && this.dashAt(p))) return undefined;
    for (let q = p + 1, last = q; q < lineEnd && q - p <= MAX_KEY_LENGTH; q++) {
      const ch = text.charCodeAt(q);
      if (ch === SPACE) {
        if (text.charCodeAt(q + 1) === HASH) return undefined;
        continue;
      }
      if (this.colonAt(q)) {
        this.afterKey = q + 1;
        const name = text.slice(p, last);
        // `<<` merges a mapping into this one (MERGE_KEYS): the package reads it.
        return name === MERGE_KEY ? undefined : keyName(this.resolve(name));
      }
      last = q + 1;
    }
    return undefined;
  }

  private colonAt(q: number): boolean {
    return this.text.charCodeAt(q) === COLON && (q + 1 === this.lineEnd || this.text.charCodeAt(q + 1) === SPACE);
  }

  /** The value from `p` on (after a key's `:` or a sequence's `-`) of a node at `column`; moves to the next line. */
  private value(from: number, column: number, inMapping: boolean): unknown {
    const { text, lineEnd } = this;
    const p = skipSpaces(text, from, lineEnd);
    if (p === lineEnd || text.charCodeAt(p) === HASH) {
      if (!this.seek(lineEnd + 1)) return undefined;
      if (this.kind !== CONTENT) return null;
      const indent = this.at - this.lineStart;
      if (indent > column || (inMapping && indent === column && this.dashAt(this.at))) return this.node();
      return null;
    }
    const c = text[p];
    if (c === '|' || c === '>') {
      const block = blockScalar(text, p, column);
      return block && this.seek(block.next) ? block.value : undefined;
    }
    let value: unknown;
    let end: number;
    if (c === '"' || c === "'") {
      const quoted = quotedScalar(text, p, lineEnd, this.quote);
      if (quoted === undefined) return undefined;
      value = quoted;
      end = this.quote.after;
    } else if (c === '{') {
      const map = flowMapping(text, p, lineEnd, this.quote, this.resolve);
      if (map === undefined) return undefined;
      value = map;
      end = this.quote.after;
    } else if (c === '[') {
      const seq = flowSequence(text, p, lineEnd, this.quote, this.resolve);
      if (seq === undefined) return undefined;
      value = seq;
      end = this.quote.after;
    } else {
      const plain = this.plain(p);
      if (plain < 0) return undefined;
      value = this.resolve(text.slice(p, plain));
      end = plain;
    }
    const q = skipSpaces(text, end, lineEnd);
    if (q < lineEnd && !(q > end && text.charCodeAt(q) === HASH)) return undefined;
    return this.seek(lineEnd + 1) ? value : undefined;
  }

  /** The end of the one-line plain scalar at `p` (before spaces and a comment), or -1 where it is not one. */
  private plain(p: number): number {
    const { text, lineEnd } = this;
    const c = text.charCodeAt(p);
    if (NOT_PLAIN.has(c) || (c === DASH && this.dashAt(p))) return -1;
    let last = p + 1;
    for (let q = p + 1; q < lineEnd; q++) {
      const ch = text.charCodeAt(q);
      if (ch === SPACE) {
        if (text.charCodeAt(q + 1) === HASH) break;
        continue;
      }
      if (this.colonAt(q)) return -1;
      last = q + 1;
    }
    return last;
  }
}
