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
import { checkParameters, type SsmParameter } from './ssm-export';

/** Parameters are checked and handed on this many at a time, so they die young. */
const BATCH = 1024;

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

type Scalar = string | number | boolean | null;
type ParameterFields = Record<Field, Scalar | undefined>;

/** A field by its index, as a named store: a computed property name would make every store a lookup. */
function setField(p: ParameterFields, field: number, value: Scalar | undefined): void {
  switch (field) {
    case 0:
      p.Name = value;
      return;
    case 1:
      p.Type = value;
      return;
    case 2:
      p.Value = value;
      return;
    case 3:
      p.Version = value;
      return;
    case 4:
      p.LastModifiedDate = value;
      return;
    case 5:
      p.LastModifiedUser = value;
      return;
  }
}

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
  return readOrGiveUp(() => new PageReader(new JsonBytes(bytes), use).page());
}

/** A member name as it was spelt in the previous parameter, quotes included, and the field it names. */
interface Member {
  token: number[];
  field: number;
  arn: boolean;
}

class PageReader {
  private batch: SsmParameter[] = [];
  /** The previous parameter's member names, in order: exports give every parameter the same ones. */
  private members: Member[] = [];
  /** Per repeating field: where its last value's content was, and its text. */
  private readonly lastStart: number[] = FIELDS.map(() => 0);
  private readonly lastEnd: number[] = FIELDS.map(() => -1);
  private readonly lastText: string[] = FIELDS.map(() => '');

  constructor(
    private readonly json: JsonBytes,
    private readonly use: (params: SsmParameter[]) => void,
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
      const value = this.scalar(member.field, member.arn);
      if (member.field !== NOT_READ) setField(p, member.field, value);
    } while (json.separator(CLOSE_BRACE));
    this.batch.push(p as unknown as SsmParameter);
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
    const member: Member = {
      token: Array.from(json.b.subarray(json.start - 1, json.end + 1)),
      field: name === undefined ? this.field() : FIELDS.indexOf(name as Field),
      arn: name === undefined ? json.tokenIs(ARN) : name === 'ARN',
    };
    this.members[k] = member;
    return member;
  }

  /** Which read field the last token names, or NOT_READ. */
  private field(): number {
    for (let f = 0; f < FIELD_BYTES.length; f++) if (this.json.tokenIs(FIELD_BYTES[f] as number[])) return f;
    return NOT_READ;
  }

  /** A string, number, true, false or null; decoded only for a read field. An ARN must be a string or null. */
  private scalar(field: number, arn = false): Scalar | undefined {
    const { json } = this;
    if (json.peek() === QUOTE) {
      if (field !== NOT_READ && REPEATS[field] && this.repeats(field)) return this.lastText[field] as string;
      json.stringToken();
      return field === NOT_READ ? undefined : this.text(field);
    }
    if (arn) return json.word('null') ? null : notRead();
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
