import {
  bytesOf,
  CLOSE_BRACE,
  CLOSE_BRACKET,
  COLON,
  JsonBytes,
  notRead,
  OPEN_BRACE,
  OPEN_BRACKET,
  QUOTE,
  readOrGiveUp,
} from './json-bytes';
import type { ByteKeys } from './byte-spellings';
import { checkParameters, SSM_CHECKED_FIELDS, SSM_READ_FIELDS, type SsmParameterRead, type SsmReadField } from './ssm-export';

/** Parameters are checked and handed on this many at a time, so they die young. */
const BATCH = 1024;

/** Any field but SSM_READ_FIELDS is stepped over unread. */
const NOT_READ = -1;
const CHECKED_BYTES = SSM_CHECKED_FIELDS.map(bytesOf);
/** Fields whose values usually repeat from one parameter to the next: the previous text is reused. */
const REPEATING: readonly SsmReadField[] = ['Type', 'LastModifiedDate', 'LastModifiedUser'];
const REPEATS = SSM_READ_FIELDS.map((f) => REPEATING.includes(f));
const FIELD_BYTES = SSM_READ_FIELDS.map(bytesOf);
const PARAMETERS = bytesOf('Parameters');
const NEXT_TOKEN = bytesOf('NextToken');

type Scalar = string | number | boolean | null;
/** A parameter as scanned, before its check: every read field, and no other, and its name's number (SsmParameterRead.spelt). */
type ParameterFields = Record<SsmReadField, Scalar | undefined> & { spelt: number | undefined };

/** Where the scanner numbers a name's part under a source's path (`/prod/app/`, as bytes) from its bytes. */
export interface ScannedNames {
  keys: ByteKeys;
  folder: Uint8Array;
}

/** A field by its name, as a named store: a computed property name would make every store a lookup. */
function setField(p: ParameterFields, field: SsmReadField, value: Scalar | undefined): void {
  switch (field) {
    case 'Name':
      p.Name = value;
      return;
    case 'Type':
      p.Type = value;
      return;
    case 'Value':
      p.Value = value;
      return;
    case 'Version':
      p.Version = value;
      return;
    case 'LastModifiedDate':
      p.LastModifiedDate = value;
      return;
    case 'LastModifiedUser':
      p.LastModifiedUser = value;
      return;
    default:
      // A read field this switch does not store does not compile.
      return field satisfies never;
  }
}

/**
 * A `get-parameters-by-path` page (`{"Parameters": [...]}`, JSON) read from its UTF-8 bytes without
 * building it. A 10 MB export parsed whole is a large string and 400,000 objects and strings alive
 * at once, most of them (ARNs, data types) never used: this steps through the bytes, decodes only
 * the fields `ssmObservations` reads (SSM_READ_FIELDS), reuses the text of a type or date that
 * repeats the previous parameter's, and hands the checked parameters on in batches, in order.
 *
 * A parameter that fails its check is left out of its batch and said in `page.errors`, as
 * checkParameters says it for a whole parse (its place counts every parameter before it); `use` is
 * told how many the batch held. It reads strict JSON only. Anything it does not read itself
 * (another shape, a nested value, a second `"Parameters"`, invalid JSON) makes it return false: the
 * caller then discards what it was given and parses the whole text, so results and error messages
 * are exactly those of a whole parse.
 */
export function scanParameterPage(
  bytes: Uint8Array,
  use: (params: SsmParameterRead[], held: number) => void,
  page: { nextToken?: boolean; errors?: string[] } = {},
  names?: ScannedNames,
): boolean {
  return readOrGiveUp(() => {
    page.nextToken = new PageReader(new JsonBytes(bytes), use, (page.errors ??= []), names).page();
  });
}

/** A member as the previous parameter spelt it, and the field it names. */
interface Member {
  /** The bytes from the end of the previous value (or the opening brace) to the start of its value. */
  token: number[];
  /** Its index in SSM_READ_FIELDS, or NOT_READ. */
  field: number;
  /** The read field it names, spelt as SSM_READ_FIELDS spells it. */
  name: SsmReadField | undefined;
  /** One of SSM_CHECKED_FIELDS: a string or null, never read. */
  checked: boolean;
  /** Whether its value is compared with the previous parameter's before it is read: a type, a date, an unread field. */
  repeats: boolean;
  /** Where its last remembered value's content was (none while `lastEnd` is -1), and its text. */
  lastStart: number;
  lastEnd: number;
  lastText: string | undefined;
}

class PageReader {
  private batch: SsmParameterRead[] = [];
  /** The previous parameter's members, in order: exports give every parameter the same ones. */
  private members: Member[] = [];
  /** How many parameters earlier batches held: a bad one is placed among all of the page's. */
  private flushed = 0;

  constructor(
    private readonly json: JsonBytes,
    private readonly use: (params: SsmParameterRead[], held: number) => void,
    private readonly errors: string[],
    private readonly names: ScannedNames | undefined,
  ) {}

  /** Reads the page; true when it has a non-empty NextToken (see pageHasNextToken). */
  page(): boolean {
    const { json } = this;
    let seen = false;
    let nextToken = false;
    json.expect(OPEN_BRACE);
    do {
      json.stringToken();
      const isParameters = json.escaped ? json.decoded() === 'Parameters' : json.tokenIs(PARAMETERS);
      const isNextToken = json.escaped ? json.decoded() === 'NextToken' : json.tokenIs(NEXT_TOKEN);
      json.expect(COLON);
      if (isNextToken && json.peek() === QUOTE) {
        json.stringToken();
        nextToken = json.end > json.start;
      } else if (!isParameters) this.unread();
      else if (seen) notRead();
      else {
        seen = true;
        this.parameters();
      }
    } while (json.separator(CLOSE_BRACE));
    if (!seen || !json.atEnd()) notRead();
    return nextToken;
  }

  private parameters(): void {
    const { json } = this;
    json.expect(OPEN_BRACKET);
    if (json.peek() === CLOSE_BRACKET) json.i++;
    else {
      do this.parameter();
      while (json.separator(CLOSE_BRACKET));
    }
    this.flush();
  }

  private parameter(): void {
    const { json } = this;
    json.expect(OPEN_BRACE);
    // One shape for every parameter; an absent field is undefined, as in the parsed object.
    const p: ParameterFields = {
      Name: undefined,
      Type: undefined,
      Value: undefined,
      Version: undefined,
      LastModifiedDate: undefined,
      LastModifiedUser: undefined,
      spelt: undefined,
    };
    // An empty parameter fails its check: the whole parse says how.
    if (json.peek() === CLOSE_BRACE) notRead();
    for (let k = 0, member = this.member(k); member !== undefined; member = this.member(++k)) {
      const value = this.scalar(member);
      if (member.name === undefined) continue;
      setField(p, member.name, value);
      if (member.name === 'Name' && typeof value === 'string') p.spelt = this.spelt();
    }
    // Checked in place, with its batch, before anyone reads it.
    this.batch.push(p as unknown as SsmParameterRead);
    if (this.batch.length === BATCH) this.flush();
  }

  private flush(): void {
    const held = this.batch.length;
    if (held === 0) return;
    this.use(checkParameters(this.batch, this.errors, 'Parameters', this.flushed), held);
    this.flushed += held;
    this.batch = [];
  }

  /**
   * Steps to the value of a parameter's `k`th member, or over its closing brace (undefined). What
   * lies between the previous value and this one (blanks, the comma, the quoted name, the colon) is
   * compared as bytes with what lay there in the previous parameter: exports print every parameter
   * alike, so a member costs one comparison and no tokenizing. Else it is read, and remembered.
   */
  private member(k: number): Member | undefined {
    const { json } = this;
    const known = this.members[k];
    if (known !== undefined && json.literal(known.token)) return known;
    const from = json.i;
    if (k > 0 && !json.separator(CLOSE_BRACE)) return undefined;
    json.stringToken();
    const name = json.escaped ? json.decoded() : undefined;
    const field = name === undefined ? this.field() : SSM_READ_FIELDS.indexOf(name as SsmReadField);
    const checked =
      name === undefined ? CHECKED_BYTES.some((f) => json.tokenIs(f)) : (SSM_CHECKED_FIELDS as readonly string[]).includes(name);
    json.expect(COLON);
    json.peek();
    const member: Member = {
      token: Array.from(json.b.subarray(from, json.i)),
      field,
      name: SSM_READ_FIELDS[field],
      checked,
      repeats: field === NOT_READ || checked || (REPEATS[field] as boolean),
      lastStart: 0,
      lastEnd: -1,
      lastText: undefined,
    };
    this.members[k] = member;
    return member;
  }

  /** The number of the name just read under the source's folder, from its bytes; undefined for one that is not plainly there. */
  private spelt(): number | undefined {
    const { names, json } = this;
    if (names === undefined || json.escaped || !json.ascii) return undefined;
    const { b, start, end } = json;
    const { folder } = names;
    if (end - start < folder.length) return undefined;
    for (let k = 0; k < folder.length; k++) if (b[start + k] !== folder[k]) return undefined;
    return names.keys.table.find(-1, b, start + folder.length, end);
  }

  /** Which read field the last token names, or NOT_READ. */
  private field(): number {
    for (let f = 0; f < FIELD_BYTES.length; f++) if (this.json.tokenIs(FIELD_BYTES[f] as number[])) return f;
    return NOT_READ;
  }

  /** A member's value: a string, number, true, false or null; decoded only for a read field. A checked field must be a string or null. */
  private scalar(member: Member): Scalar | undefined {
    const { json } = this;
    const { field, repeats } = member;
    if (json.peek() === QUOTE) {
      if (repeats && this.repeats(member)) return member.lastText;
      json.stringHere();
      const text = field === NOT_READ ? undefined : json.decoded();
      if (repeats) remember(member, json, text);
      return text;
    }
    if (member.checked) return json.word('null') ? null : notRead();
    return this.other(field === NOT_READ);
  }

  /** A number, true, false or null. */
  private other(skip: boolean): Scalar | undefined {
    const { json } = this;
    if (json.atNumber()) return json.number(skip);
    if (json.word('true')) return true;
    if (json.word('false')) return false;
    if (json.word('null')) return null;
    return notRead();
  }

  /** Steps over a scalar that is not a parameter's. */
  private unread(): void {
    const { json } = this;
    if (json.peek() === QUOTE) json.stringToken();
    else this.other(true);
  }

  /**
   * True, stepping over it, when the string token next (at its quote) has exactly the content of
   * the member's last value, which was read and checked: it needs no reading again. Compared from
   * its end, where texts that differ (names, ARNs) usually differ.
   */
  private repeats(member: Member): boolean {
    const { json } = this;
    const { b, i } = json;
    const { lastStart } = member;
    const length = member.lastEnd - lastStart;
    if (length < 0 || b[i + 1 + length] !== QUOTE) return false;
    for (let d = length - 1; d >= 0; d--) if (b[lastStart + d] !== b[i + 1 + d]) return false;
    json.i = i + length + 2;
    return true;
  }
}

/** Remembers the last string token as the member's last value, with its text: unescaped only, where its bytes are its text. */
function remember(member: Member, json: JsonBytes, text: string | undefined): void {
  member.lastStart = json.start;
  member.lastEnd = json.escaped ? -1 : json.end;
  member.lastText = text;
}
