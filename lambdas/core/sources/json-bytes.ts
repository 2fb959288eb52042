import { Buffer } from 'node:buffer';
import { DriftError } from '../errors';
export const QUOTE = 0x22;
export const COMMA = 0x2c;
export const COLON = 0x3a;
export const OPEN_BRACE = 0x7b;
export const CLOSE_BRACE = 0x7d;
export const OPEN_BRACKET = 0x5b;
export const CLOSE_BRACKET = 0x5d;
const BACKSLASH = 0x5c;
const MINUS = 0x2d;

/** What a byte is inside a string, so the scan of a string is one table read a byte. */
const PLAIN = 0;
const QUOTE_BYTE = 1;
const BACKSLASH_BYTE = 2;
const NON_ASCII = 3;
const CONTROL = 4;
const BYTE_KIND = Uint8Array.from({ length: 256 }, (_, c) =>
  c < 0x20 ? CONTROL : c === QUOTE ? QUOTE_BYTE : c === BACKSLASH ? BACKSLASH_BYTE : c >= 0x80 ? NON_ASCII : PLAIN,
);

/** The bytes of an ASCII name, to compare tokens with. */
export function bytesOf(ascii: string): number[] {
  return Array.from(ascii, (c) => c.charCodeAt(0));
}

/**
 * Thrown by a reader for anything it does not read itself: the caller gives up and parses the
 * whole text, whose result and error messages are then the ones the user sees.
 */
export class NotRead extends DriftError {
  override readonly name = 'NotRead';
  readonly userFacing = false;
}
export const notRead = (): never => {
  throw new NotRead();
};

/** Runs a reader; false when it gave up (NotRead), anything else it throws goes on. */
export function readOrGiveUp(read: () => void): boolean {
  try {
    read();
    return true;
  } catch (err) {
    if (err instanceof NotRead) return false;
    throw err;
  }
}

/** Buffer's own one-byte decoder, without `toString`'s argument handling (a call per token adds up). */
type Bytes = Buffer & { latin1Slice(start: number, end: number): string };

/**
 * A strict JSON tokenizer over UTF-8 bytes, for readers that step through big files and decode only
 * what they use: a file parsed whole is one large string and every object and string in it alive at
 * once. What is not strict JSON is NotRead. Texts it decodes are flat copies, so they keep nothing of
 * the file alive; escapes are decoded, and checked, by JSON itself.
 */
export class JsonBytes {
  readonly b: Bytes;
  i: number;
  /** The last string token: its content is [start, end). */
  start = 0;
  end = 0;
  escaped = false;
  ascii = true;
  private readonly decoder = new TextDecoder();

  constructor(bytes: Uint8Array) {
    this.b = (Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)) as Bytes;
    // A byte-order mark is dropped, as the decoder of a whole parse drops it.
    this.i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  }

  /** Steps over a string token. A raw control character inside a string is not JSON. */
  stringToken(): void {
    if (this.peek() !== QUOTE) notRead();
    this.stringHere();
  }

  /** Steps over the string token whose quote is next, with no blank before it. */
  stringHere(): void {
    const b = this.b;
    let escaped = false;
    let ascii = true;
    let j = this.i + 1;
    for (;;) {
      let kind: number | undefined;
      while ((kind = BYTE_KIND[b[j] as number]) === PLAIN) j++;
      if (kind === QUOTE_BYTE) break;
      if (kind === BACKSLASH_BYTE) {
        escaped = true;
        j = this.escape(j);
      } else if (kind === NON_ASCII) {
        ascii = false;
        j++;
      } else notRead(); // a raw control character, or the end of the file
    }
    this.start = this.i + 1;
    this.end = j;
    this.escaped = escaped;
    this.ascii = ascii;
    this.i = j + 1;
  }

  /** Steps over the escape at `j` (a backslash), checked even in a string that is never decoded. */
  private escape(j: number): number {
    const c = this.b[j + 1];
    if (c === 0x75) {
      for (let k = 2; k < 6; k++) if (!isHexDigit(this.b[j + k])) notRead();
      return j + 6;
    }
    // " \ / b f n r t
    if (c === QUOTE || c === BACKSLASH || c === 0x2f || c === 0x62 || c === 0x66 || c === 0x6e || c === 0x72 || c === 0x74) return j + 2;
    return notRead();
  }

  /** The text of the last string token. */
  decoded(): string {
    const { b, start, end } = this;
    if (!this.escaped) return this.ascii ? b.latin1Slice(start, end) : this.decoder.decode(b.subarray(start, end));
    return JSON.parse(this.decoder.decode(b.subarray(start - 1, end + 1))) as string;
  }

  /** True when the last string token is exactly `name` (unescaped). */
  tokenIs(name: readonly number[]): boolean {
    const { b, start } = this;
    if (this.escaped || this.end - start !== name.length) return false;
    for (let k = 0; k < name.length; k++) if (b[start + k] !== name[k]) return false;
    return true;
  }

  /** Steps over `token` (bytes, blanks and quotes included) if it is next, as it stands; false, stepping over nothing, if not. */
  literal(token: readonly number[]): boolean {
    const { b, i } = this;
    for (let k = 0; k < token.length; k++) if (b[i + k] !== token[k]) return false;
    this.i = i + token.length;
    return true;
  }

  /** True when the next token starts a number. */
  atNumber(): boolean {
    const c = this.peek();
    return c === MINUS || isDigit(c);
  }

  /**
   * Steps over a number token, returning its value as JSON.parse reads it, or undefined with
   * `skip`. Integers are summed as they go: a version is read without a string.
   */
  number(skip = false): number | undefined {
    const b = this.b;
    const start = this.i;
    let j = start;
    const negative = b[j] === MINUS;
    if (negative) j++;
    let n = 0;
    if (b[j] === 0x30) j++;
    else if (isDigit(b[j])) while (isDigit(b[j])) n = n * 10 + ((b[j++] as number) - 0x30);
    else notRead();
    let integer = j - start <= 15;
    if (b[j] === 0x2e) {
      integer = false;
      j++;
      if (!isDigit(b[j])) notRead();
      while (isDigit(b[j])) j++;
    }
    if (b[j] === 0x65 || b[j] === 0x45) {
      integer = false;
      j++;
      if (b[j] === 0x2b || b[j] === MINUS) j++;
      if (!isDigit(b[j])) notRead();
      while (isDigit(b[j])) j++;
    }
    this.i = j;
    if (skip) return undefined;
    if (integer) return negative ? -n : n;
    return Number(b.latin1Slice(start, j));
  }

  /** Steps over `true`, `false` or `null` if it is next. */
  word(w: 'true' | 'false' | 'null'): boolean {
    this.blanks();
    for (let k = 0; k < w.length; k++) if (this.b[this.i + k] !== w.charCodeAt(k)) return false;
    this.i += w.length;
    return true;
  }

  /** After a member: true for a comma (another follows), false for `close`. */
  separator(close: number): boolean {
    const c = this.peek();
    this.i++;
    if (c === COMMA) return true;
    if (c === close) return false;
    return notRead();
  }

  expect(c: number): void {
    if (this.peek() !== c) notRead();
    this.i++;
  }

  /** The next byte that is not a blank; blanks are stepped over. */
  peek(): number | undefined {
    this.blanks();
    return this.b[this.i];
  }

  /** Steps over the blanks; true if nothing follows them. */
  atEnd(): boolean {
    this.blanks();
    return this.i === this.b.length;
  }

  /**
   * Steps over any value, nested ones included, returning where it began: for a value read whole
   * by JSON.parse, which then checks it. Iterative, so nesting cannot overflow the stack.
   */
  skipValue(): number {
    this.blanks();
    const from = this.i;
    let depth = 0;
    do {
      const c = this.peek();
      if (c === QUOTE) this.stringToken();
      else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
        depth++;
        this.i++;
      } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
        if (depth === 0) notRead();
        depth--;
        this.i++;
      } else if (c === COMMA || c === COLON) {
        if (depth === 0) notRead();
        this.i++;
      } else if (this.atNumber()) this.number(true);
      else if (!this.word('true') && !this.word('false') && !this.word('null')) notRead();
    } while (depth > 0);
    return from;
  }

  /** The text of [from, to) of the file. */
  text(from: number, to: number): string {
    return this.decoder.decode(this.b.subarray(from, to));
  }

  private blanks(): void {
    const b = this.b;
    let c = b[this.i];
    while (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) c = b[++this.i];
  }
}

const isDigit = (c: number | undefined): boolean => c !== undefined && c >= 0x30 && c <= 0x39;
const isHexDigit = (c: number | undefined): boolean =>
  isDigit(c) || (c !== undefined && ((c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66)));
