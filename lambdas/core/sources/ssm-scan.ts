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

type Scalar = string | number | boolean | null;
/** A parameter as scanned, before its check: every read field, and no other. */
type ParameterFields = Record<SsmReadField, Scalar | undefined>;

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
 * It reads strict JSON only. Anything it does not read itself (another shape, a nested value, a
 * second `"Parameters"`, a parameter that fails its check, invalid JSON) makes it return false: the
 * caller then discards what it was given and parses the whole text, so results and error messages
 * are exactly those of a whole parse.
 */
export function scanParameterPage(bytes: Uint8Array, use: (params: SsmParameterRead[]) => void): boolean {
  return readOrGiveUp(() => new PageReader(new JsonBytes(bytes), use).page());
}

/** A member name as it was spelt in the previous parameter, quotes included, and the field it names. */
interface Member {
  token: number[];
  /** Its index in SSM_READ_FIELDS, or NOT_READ. */
  field: number;
  /** The read field it names, spelt as SSM_READ_FIELDS spells it. */
  name: SsmReadField | undefined;
  /** One of SSM_CHECKED_FIELDS: a string or null, never read. */
  checked: boolean;
}

class PageReader {
  private batch: SsmParameterRead[] = [];
  /** The previous parameter's member names, in order: exports give every parameter the same ones. */
  private members: Member[] = [];
  /** Per repeating field: where its last value's content was, and its text. */
  private readonly lastStart: number[] = SSM_READ_FIELDS.map(() => 0);
  private readonly lastEnd: number[] = SSM_READ_FIELDS.map(() => -1);
  private readonly lastText: string[] = SSM_READ_FIELDS.map(() => '');

  constructor(
    private readonly json: JsonBytes,
    private readonly use: (params: SsmParameterRead[]) => void,
  ) {}

  page(): void {
    const { json } = this;
    let seen = false;
    json.expect(OPEN_BRACE);
    do {
      json.stringToken();
      const isParameters = json.escaped ? json.decoded() === 'Parameters' : json.tokenIs(PARAMETERS);
      json.expect(COLON);
      if (!isParameters) this.scalar(NOT_READ);
      else if (seen) notRead();
      else {
        seen = true;
        this.parameters();
      }
    } while (json.separator(CLOSE_BRACE));
    if (!seen || !json.atEnd()) notRead();
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
    };
    // An empty parameter fails its check: the whole parse says how.
    if (json.peek() === CLOSE_BRACE) notRead();
    let k = 0;
    do {
      const member = this.member(k++);
      json.expect(COLON);
      const value = this.scalar(member.field, member.checked);
      if (member.name !== undefined) setField(p, member.name, value);
    } while (json.separator(CLOSE_BRACE));
    // Checked in place, with its batch, before anyone reads it.
    this.batch.push(p as unknown as SsmParameterRead);
    if (this.batch.length === BATCH) this.flush();
  }

  private flush(): void {
    if (this.batch.length === 0) return;
    try {
      checkParameters(this.batch);
    } catch {
      notRead();
    }
    this.use(this.batch);
    this.batch = [];
  }

  /**
   * The `k`th member name of a parameter: when it is spelt as the previous parameter's was, it is
   * compared as bytes and not read again; else it is read, and remembered for the next parameter.
   */
  private member(k: number): Member {
    const { json } = this;
    const known = this.members[k];
    if (known && json.literal(known.token)) return known;
    json.stringToken();
    const name = json.escaped ? json.decoded() : undefined;
    const field = name === undefined ? this.field() : SSM_READ_FIELDS.indexOf(name as SsmReadField);
    const member: Member = {
      token: Array.from(json.b.subarray(json.start - 1, json.end + 1)),
      field,
      name: SSM_READ_FIELDS[field],
      checked: name === undefined ? CHECKED_BYTES.some((f) => json.tokenIs(f)) : (SSM_CHECKED_FIELDS as readonly string[]).includes(name),
    };
    this.members[k] = member;
    return member;
  }

  /** Which read field the last token names, or NOT_READ. */
  private field(): number {
    for (let f = 0; f < FIELD_BYTES.length; f++) if (this.json.tokenIs(FIELD_BYTES[f] as number[])) return f;
    return NOT_READ;
  }

  /** A string, number, true, false or null; decoded only for a read field. A checked field must be a string or null. */
  private scalar(field: number, checked = false): Scalar | undefined {
    const { json } = this;
    if (json.peek() === QUOTE) {
      if (field !== NOT_READ && REPEATS[field] && this.repeats(field)) return this.lastText[field] as string;
      json.stringToken();
      return field === NOT_READ ? undefined : this.text(field);
    }
    if (checked) return json.word('null') ? null : notRead();
    if (json.atNumber()) return json.number(field === NOT_READ);
    if (json.word('true')) return true;
    if (json.word('false')) return false;
    if (json.word('null')) return null;
    return notRead();
  }

  /**
   * True, stepping over it, when the string token next (at its quote) has exactly the content of
   * the field's last value, which was read and checked: it needs no reading again.
   */
  private repeats(field: number): boolean {
    const { json } = this;
    const { b, i } = json;
    const lastStart = this.lastStart[field] as number;
    const length = (this.lastEnd[field] as number) - lastStart;
    if (length < 0 || b[i + 1 + length] !== QUOTE) return false;
    for (let k = 0; k < length; k++) if (b[lastStart + k] !== b[i + 1 + k]) return false;
    json.i = i + length + 2;
    return true;
  }

  /** The text of the last token, remembered for a repeating field. */
  private text(field: number): string {
    const { json } = this;
    if (json.escaped || !REPEATS[field]) return json.decoded();
    const { start, end } = json;
    const text = json.decoded();
    this.lastStart[field] = start;
    this.lastEnd[field] = end;
    this.lastText[field] = text;
    return text;
  }
}
