import { bytesOf, CLOSE_BRACE, CLOSE_BRACKET, COLON, JsonBytes, notRead, OPEN_BRACE, OPEN_BRACKET, QUOTE, readOrGiveUp } from './json-bytes';
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

class PageReader {
  private batch: SsmParameter[] = [];
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
    const p: Record<Field, Scalar | undefined> = {
      Name: undefined,
      Type: undefined,
      Value: undefined,
      Version: undefined,
      LastModifiedDate: undefined,
      LastModifiedUser: undefined,
    };
    // An empty parameter fails its check: the whole parse says how.
    if (json.peek() === CLOSE_BRACE) notRead();
    do {
      json.stringToken();
      const name = json.escaped ? json.decoded() : undefined;
      const field = name === undefined ? this.field() : FIELDS.indexOf(name as Field);
      const arn = name === undefined ? json.tokenIs(ARN) : name === 'ARN';
      json.expect(COLON);
      const value = this.scalar(field, arn);
      if (field !== NOT_READ) p[FIELDS[field] as Field] = value;
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

  /** Which read field the last token names, or NOT_READ. */
  private field(): number {
    for (let f = 0; f < FIELD_BYTES.length; f++) if (this.json.tokenIs(FIELD_BYTES[f] as number[])) return f;
    return NOT_READ;
  }

  /** A string, number, true, false or null; decoded only for a read field. An ARN must be a string or null. */
  private scalar(field: number, arn = false): Scalar | undefined {
    const { json } = this;
    if (json.peek() === QUOTE) {
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

  /** The text of the last token; for a repeating field, the previous text when the bytes repeat it. */
  private text(field: number): string {
    const { json } = this;
    if (json.escaped || !REPEATS[field]) return json.decoded();
    const { b, start, end } = json;
    const lastStart = this.lastStart[field] as number;
    const length = end - start;
    if ((this.lastEnd[field] as number) - lastStart === length) {
      let k = 0;
      while (k < length && b[lastStart + k] === b[start + k]) k++;
      if (k === length) return this.lastText[field] as string;
    }
    const text = json.decoded();
    this.lastStart[field] = start;
    this.lastEnd[field] = end;
    this.lastText[field] = text;
    return text;
  }
}
