import { segmentBytes, unsharedByteKeys, type ByteKeys } from './byte-spellings';
import { exactInteger } from './exact-integer';
import { CLOSE_BRACE, COLON, JsonBytes, notRead, OPEN_BRACE, OPEN_BRACKET, QUOTE, readOrGiveUp } from './json-bytes';
import { scalarText } from './flatten';

/** A number's text as JSON.parse gives it, but an integer past 2^53 exactly as written (see exactInteger). */
function exactNumberText(n: number, token: () => string): string {
  if (Number.isSafeInteger(n) || !Number.isInteger(n)) return String(n);
  const written = token();
  return /^-?[0-9]+$/.test(written) ? (exactInteger(written, n) as string) : String(n);
}

/** The parent number of a top-level key. */
const NO_PARENT = -1;

/** Keys JavaScript orders before all others in an object (array indices): a whole parse orders them. */
const ARRAY_INDEX = /^(?:0|[1-9]\d{0,9})$/;
// Most keys start with a letter: the pattern runs only for one that starts with a digit.
const isArrayIndex = (key: string): boolean => {
  const c = key.charCodeAt(0);
  return c >= 0x30 && c <= 0x39 && ARRAY_INDEX.test(key) && Number(key) < 4294967295;
};

/**
 * The leaves of a JSON configuration file read from its UTF-8 bytes, each as its dotted key and its
 * text, exactly as `eachLeaf` gives them from the parsed document (but an integer past 2^53 as written): no document is built, and only
 * keys and values are decoded.
 *
 * It gives up (false, with `visit` perhaps called already: the caller discards what it was given
 * and parses the whole text) on anything that a whole parse would read differently or reject: not
 * a mapping at the top, invalid JSON, nesting deeper than `maxDepth`, a key given twice in one
 * mapping (JSON keeps the last, in the place of the first) or an array-index key (JavaScript puts
 * those first).
 */
export function scanLeaves(
  bytes: Uint8Array,
  visit: (key: string, value: string, array?: readonly unknown[]) => void,
  maxDepth = 64,
  /** Where keys are numbered from their bytes: the run's (KeyValueInterner.byteKeys), so a key read before costs no string. */
  keys: ByteKeys = unsharedByteKeys(),
): boolean {
  return readOrGiveUp(() => {
    const json = new JsonBytes(bytes);
    const reader = new LeafReader(json, visit, maxDepth, keys);
    json.expect(OPEN_BRACE);
    reader.mapping(NO_PARENT, 0);
    if (!json.atEnd()) notRead();
  });
}

class LeafReader {
  constructor(
    private readonly json: JsonBytes,
    private readonly visit: (key: string, value: string, array?: readonly unknown[]) => void,
    private readonly maxDepth: number,
    private readonly keys: ByteKeys,
  ) {}

  /** The members of a mapping whose `{` was read, under the key numbered `parent` (`depth` keys deep). */
  mapping(parent: number, depth: number): void {
    const { json } = this;
    const { table } = this.keys;
    if (json.peek() === CLOSE_BRACE) {
      json.i++;
      return;
    }
    const mapping = table.opened();
    do {
      json.stringToken();
      const id = this.member(parent);
      if (table.twice(id, mapping)) notRead();
      json.expect(COLON);
      this.value(id, depth + 1);
    } while (json.separator(CLOSE_BRACE));
  }

  /** The number of the dotted key whose last segment was just read, under `parent`. */
  private member(parent: number): number {
    const { json } = this;
    const { table } = this.keys;
    const { b, start, end } = json;
    if (!json.escaped && json.ascii) {
      const c = b[start] as number;
      if (c >= 0x30 && c <= 0x39 && isArrayIndex(json.decoded())) notRead();
      return table.find(parent, b, start, end);
    }
    // Equal texts must be equal bytes: an escaped or non-ASCII key is numbered by its decoded text's (segmentBytes).
    const text = json.decoded();
    if (isArrayIndex(text)) notRead();
    const bytes = segmentBytes(text);
    return table.find(parent, bytes, 0, bytes.length, text);
  }

  private value(id: number, depth: number): void {
    const { json } = this;
    if (depth > this.maxDepth) notRead();
    const c = json.peek();
    if (c === OPEN_BRACE) {
      json.i++;
      this.mapping(id, depth);
      return;
    }
    const key = this.keys.spelling(id);
    if (c === QUOTE) {
      json.stringToken();
      this.visit(key, json.decoded());
    } else if (c === OPEN_BRACKET) {
      const { array, text } = this.array(depth);
      this.visit(key, text, array);
    } else if (json.atNumber()) {
      const from = json.i;
      this.visit(
        key,
        exactNumberText(json.number() as number, () => json.text(from, json.i)),
      );
    } else if (json.word('true')) this.visit(key, 'true');
    else if (json.word('false')) this.visit(key, 'false');
    else if (json.word('null')) this.visit(key, '');
    else notRead();
  }

  /** An array and its text as a whole parse gives them: the array is parsed, and printed, whole. */
  private array(depth: number): { array: unknown[]; text: string } {
    const { json } = this;
    const from = json.skipValue();
    try {
      const array = JSON.parse(json.text(from, json.i)) as unknown[];
      return { array, text: scalarText(array, depth, this.maxDepth) };
    } catch {
      return notRead();
    }
  }
}
