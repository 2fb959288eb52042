import { exactInteger } from './exact-integer';
import { CLOSE_BRACE, COLON, JsonBytes, notRead, OPEN_BRACE, OPEN_BRACKET, QUOTE, readOrGiveUp } from './json-bytes';
import { scalarText } from './flatten';

/** A number's text as JSON.parse gives it, but an integer past 2^53 exactly as written (see exactInteger). */
function exactNumberText(n: number, token: () => string): string {
  if (Number.isSafeInteger(n) || !Number.isInteger(n)) return String(n);
  const written = token();
  return /^-?[0-9]+$/.test(written) ? (exactInteger(written, n) as string) : String(n);
}

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
): boolean {
  return readOrGiveUp(() => {
    const json = new JsonBytes(bytes);
    const reader = new LeafReader(json, visit, maxDepth);
    json.expect(OPEN_BRACE);
    reader.mapping(undefined, 0);
    if (!json.atEnd()) notRead();
  });
}

class LeafReader {
  constructor(
    private readonly json: JsonBytes,
    private readonly visit: (key: string, value: string, array?: readonly unknown[]) => void,
    private readonly maxDepth: number,
  ) {}

  /** The members of a mapping whose `{` was read, under `prefix` (`depth` keys deep). */
  mapping(prefix: string | undefined, depth: number): void {
    const { json } = this;
    if (json.peek() === CLOSE_BRACE) {
      json.i++;
      return;
    }
    const keys = new Set<string>();
    do {
      json.stringToken();
      const key = json.decoded();
      if (keys.has(key) || isArrayIndex(key)) notRead();
      keys.add(key);
      json.expect(COLON);
      this.value(prefix === undefined ? key : `${prefix}.${key}`, depth + 1);
    } while (json.separator(CLOSE_BRACE));
  }

  private value(key: string, depth: number): void {
    const { json } = this;
    if (depth > this.maxDepth) notRead();
    const c = json.peek();
    if (c === OPEN_BRACE) {
      json.i++;
      this.mapping(key, depth);
    } else if (c === QUOTE) {
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
