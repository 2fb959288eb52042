import { checkParameters, type SsmParameter } from './ssm-export';

/** Parameters are checked and handed on this many at a time, so they die young. */
const BATCH = 1024;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const MINUS = 0x2d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

/** The fields `ssmObservations` reads; any other field is stepped over unread. */
const FIELDS = ['Name', 'Type', 'Value', 'Version', 'LastModifiedDate', 'LastModifiedUser'] as const;
type Field = (typeof FIELDS)[number];
const NOT_READ = -1;
/** Checked as checkParameter checks it (a string or null), but never read. */
const ARN = bytesOf('ARN');
/** Fields whose values usually repeat from one parameter to the next: the previous text is reused. */
const REPEATS = FIELDS.map((f) => f === 'Type' || f === 'LastModifiedDate' || f === 'LastModifiedUser');
const FIELD_BYTES = FIELDS.map(bytesOf);
const PARAMETERS = bytesOf('Parameters');

function bytesOf(ascii: string): number[] {
  return Array.from(ascii, (c) => c.charCodeAt(0));
}

/** What a byte is inside a string, so the scan of a string is one table read a byte. */
const PLAIN = 0;
const QUOTE_BYTE = 1;
const BACKSLASH_BYTE = 2;
const NON_ASCII = 3;
const CONTROL = 4;
const BYTE_KIND = Uint8Array.from({ length: 256 }, (_, c) =>
  c < 0x20 ? CONTROL : c === QUOTE ? QUOTE_BYTE : c === BACKSLASH ? BACKSLASH_BYTE : c >= 0x80 ? NON_ASCII : PLAIN,
);

/** Thrown inside the scanner for anything it does not read itself; never leaves this file. */
class Unusual extends Error {}
const unusual = (): never => {
  throw new Unusual();
};

type Scalar = string | number | boolean | null;

/**
 * A `get-parameters-by-path` page (`{"Parameters": [...]}`, JSON) read from its UTF-8 bytes without
 * building it. A 10 MB export parsed whole is a large string and 400,000 objects and strings alive
 * at once, most of them (ARNs, data types) never used: this steps through the bytes, decodes only
 * the fields `ssmObservations` reads, reuses the text of a type or date that repeats the previous
 * parameter's, and hands the checked parameters on in batches, in order.
 *
 * It reads strict JSON only. Anything it does not read itself (another shape, a nested value, a
 * second `"Parameters"`, a parameter that fails its check, invalid JSON) makes it return false: the
 * caller then discards what it was given and parses the whole text, so results and error messages
 * are exactly those of a whole parse.
 */
export function scanParameterPage(bytes: Uint8Array, use: (params: SsmParameter[]) => void): boolean {
  try {
    new PageScanner(bytes, use).page();
    return true;
  } catch (err) {
    if (err instanceof Unusual) return false;
    throw err;
  }
}

/** Buffer's own one-byte decoder, without `toString`'s argument handling (a call per field adds up). */
type Bytes = Buffer & { latin1Slice(start: number, end: number): string };

class PageScanner {
  private readonly b: Bytes;
  private i: number;
  private readonly decoder = new TextDecoder();
  private batch: SsmParameter[] = [];
  /** The last string token: its content is [start, end). */
  private start = 0;
  private end = 0;
  private escaped = false;
  private ascii = true;
  /** Per repeating field: where its last value's content was, and its text. */
  private readonly lastStart: number[] = FIELDS.map(() => 0);
  private readonly lastEnd: number[] = FIELDS.map(() => -1);
  private readonly lastText: string[] = FIELDS.map(() => '');

  constructor(
    bytes: Uint8Array,
    private readonly use: (params: SsmParameter[]) => void,
  ) {
    this.b = (Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)) as Bytes;
    this.i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  }

  page(): void {
    let seen = false;
    this.expect(OPEN_BRACE);
    do {
      this.stringToken();
      const isParameters = this.escaped ? this.decoded() === 'Parameters' : this.tokenIs(PARAMETERS);
      this.expect(COLON);
      if (!isParameters) this.scalar(NOT_READ);
      else if (seen) unusual();
      else {
        seen = true;
        this.parameters();
      }
    } while (this.separator(CLOSE_BRACE));
    this.blanks();
    if (!seen || this.i !== this.b.length) unusual();
  }

  private parameters(): void {
    this.expect(OPEN_BRACKET);
    if (this.peek() === CLOSE_BRACKET) this.i++;
    else {
      do this.parameter();
      while (this.separator(CLOSE_BRACKET));
    }
    this.flush();
  }

  private parameter(): void {
    this.expect(OPEN_BRACE);
    // One shape for every parameter; an absent field is undefined, as in the parsed object.
    const p: Record<Field, Scalar | undefined> = {
      Name: undefined,
      Type: undefined,
      Value: undefined,
      Version: undefined,
      LastModifiedDate: undefined,
      LastModifiedUser: undefined,
    };
    // An empty parameter fails its check: the whole parse says how.
    if (this.peek() === CLOSE_BRACE) unusual();
    do {
      this.stringToken();
      const name = this.escaped ? this.decoded() : undefined;
      const field = name === undefined ? this.field() : FIELDS.indexOf(name as Field);
      const arn = name === undefined ? this.tokenIs(ARN) : name === 'ARN';
      this.expect(COLON);
      const value = this.scalar(field, arn);
      if (field !== NOT_READ) p[FIELDS[field] as Field] = value;
    } while (this.separator(CLOSE_BRACE));
    this.batch.push(p as unknown as SsmParameter);
    if (this.batch.length === BATCH) this.flush();
  }

  private flush(): void {
    if (this.batch.length === 0) return;
    try {
      checkParameters(this.batch);
    } catch {
      unusual();
    }
    this.use(this.batch);
    this.batch = [];
  }

  /** Which read field the last token names, or NOT_READ. */
  private field(): number {
    for (let f = 0; f < FIELD_BYTES.length; f++) if (this.tokenIs(FIELD_BYTES[f] as number[])) return f;
    return NOT_READ;
  }

  private tokenIs(name: readonly number[]): boolean {
    const { b, start } = this;
    if (this.end - start !== name.length) return false;
    for (let k = 0; k < name.length; k++) if (b[start + k] !== name[k]) return false;
    return true;
  }

  /** A string, number, true, false or null; decoded only for a read field. An ARN must be a string or null. */
  private scalar(field: number, arn = false): Scalar | undefined {
    const c = this.peek();
    if (c === QUOTE) {
      this.stringToken();
      return field === NOT_READ ? undefined : this.text(field);
    }
    if (arn) return this.word('null') ? null : unusual();
    if (c === MINUS || isDigit(c)) return this.number(field === NOT_READ);
    if (this.word('true')) return true;
    if (this.word('false')) return false;
    if (this.word('null')) return null;
    return unusual();
  }

  /** The text of the last token; for a repeating field, the previous text when the bytes repeat it. */
  private text(field: number): string {
    if (this.escaped || !REPEATS[field]) return this.decoded();
    const { b, start, end } = this;
    const lastStart = this.lastStart[field] as number;
    const length = end - start;
    if ((this.lastEnd[field] as number) - lastStart === length) {
      let k = 0;
      while (k < length && b[lastStart + k] === b[start + k]) k++;
      if (k === length) return this.lastText[field] as string;
    }
    const text = this.decoded();
    this.lastStart[field] = start;
    this.lastEnd[field] = end;
    this.lastText[field] = text;
    return text;
  }

  /** The text of the last string token: a flat copy, so it keeps nothing of the file alive. */
  private decoded(): string {
    const { b, start, end } = this;
    if (!this.escaped) return this.ascii ? b.latin1Slice(start, end) : this.decoder.decode(b.subarray(start, end));
    // Escapes are decoded, and checked, by JSON itself.
    try {
      return JSON.parse(this.decoder.decode(b.subarray(start - 1, end + 1))) as string;
    } catch {
      return unusual();
    }
  }

  /** Steps over a string token. A raw control character inside a string is not JSON. */
  private stringToken(): void {
    this.blanks();
    const b = this.b;
    if (b[this.i] !== QUOTE) unusual();
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
      } else return unusual(); // a raw control character, or the end of the file
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
      for (let k = 2; k < 6; k++) if (!isHexDigit(this.b[j + k])) unusual();
      return j + 6;
    }
    // " \ / b f n r t
    if (c === QUOTE || c === BACKSLASH || c === 0x2f || c === 0x62 || c === 0x66 || c === 0x6e || c === 0x72 || c === 0x74) return j + 2;
    return unusual();
  }

  /** A JSON number; its value as JSON.parse reads it. */
  private number(skip: boolean): number | undefined {
    const b = this.b;
    const start = this.i;
    let j = start;
    const negative = b[j] === MINUS;
    if (negative) j++;
    // Digits are summed as they go: a version is a small integer, read without a string.
    let n = 0;
    if (b[j] === 0x30) j++;
    else if (isDigit(b[j])) while (isDigit(b[j])) n = n * 10 + ((b[j++] as number) - 0x30);
    else unusual();
    let integer = j - start <= 15;
    if (b[j] === 0x2e) {
      integer = false;
      j++;
      if (!isDigit(b[j])) unusual();
      while (isDigit(b[j])) j++;
    }
    if (b[j] === 0x65 || b[j] === 0x45) {
      integer = false;
      j++;
      if (b[j] === 0x2b || b[j] === MINUS) j++;
      if (!isDigit(b[j])) unusual();
      while (isDigit(b[j])) j++;
    }
    this.i = j;
    if (skip) return undefined;
    if (integer) return negative ? -n : n;
    return Number(b.latin1Slice(start, j));
  }

  private word(w: 'true' | 'false' | 'null'): boolean {
    for (let k = 0; k < w.length; k++) if (this.b[this.i + k] !== w.charCodeAt(k)) return false;
    this.i += w.length;
    return true;
  }

  /** After a member: true for a comma (another follows), false for `close`. */
  private separator(close: number): boolean {
    const c = this.peek();
    this.i++;
    if (c === COMMA) return true;
    if (c === close) return false;
    return unusual();
  }

  private expect(c: number): void {
    if (this.peek() !== c) unusual();
    this.i++;
  }

  /** The next byte that is not a blank; blanks are stepped over. */
  private peek(): number | undefined {
    this.blanks();
    return this.b[this.i];
  }

  private blanks(): void {
    const b = this.b;
    let c = b[this.i];
    while (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) c = b[++this.i];
  }
}

const isDigit = (c: number | undefined): boolean => c !== undefined && c >= 0x30 && c <= 0x39;
const isHexDigit = (c: number | undefined): boolean => isDigit(c) || (c !== undefined && ((c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66)));
