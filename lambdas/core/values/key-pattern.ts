/** Text outside the Basic Multilingual Plane: where matching with and without the `u` flag differs. */
const SURROGATE = /[\uD800-\uDFFF]/;
/** What only the `u` flag reads: property classes and code point escapes. */
const UNICODE_ONLY = /\\[pP]\{|\\u\{/;
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
/** A character outside the Basic Multilingual Plane, or a lone surrogate: one character under the `u` flag. */
const ASTRAL = /[\uD800-\uDBFF][\uDC00-\uDFFF]|[\uD800-\uDFFF]/g;
/**
 * A private-use character, in one code unit. To a printable-ASCII pattern that names no character by
 * `\u` escape it is what any astral character is under `u`: matched by `.`, `[^…]`, `\W`, `\S`, `\D`
 * and nothing else, and no word character.
 */
const STAND_IN = '\uE000';
const U_ESCAPE = /\\u/;

/**
 * The pattern on V8's linear-time engine (the `l` flag): where the process allows it (the drivers
 * do, see adapters/linear-regexp.ts) and the engine can run it (no backreference, no lookaround).
 */
function linear(pattern: string): RegExp | undefined {
  try {
    return new RegExp(pattern, 'l');
  } catch {
    return undefined;
  }
}

/**
 * A key's `pattern:` as values are matched against it. It is written for the `u` flag (the estate
 * is refused otherwise), and matched on the linear-time engine, which takes no `u`, wherever that
 * gives the same verdict: a printable-ASCII pattern with no `\p{…}` or `\u{…}`, on a text with no
 * surrogate pair. Nested repetition (`^([a-z0-9]+-?)+$`) on a value that almost matches would
 * otherwise backtrack for hours.
 */
export function keyPattern(pattern: string): (text: string) => boolean {
  const unicode = new RegExp(pattern, 'u');
  const bounded = PRINTABLE_ASCII.test(pattern) && !UNICODE_ONLY.test(pattern) ? linear(pattern) : undefined;
  if (bounded === undefined) return (text) => unicode.test(text);
  // Else one emoji in a value would put it back on the backtracking engine.
  const standIn = !U_ESCAPE.test(pattern);
  return (text) => {
    if (!SURROGATE.test(text)) return bounded.test(text);
    return standIn ? bounded.test(text.replace(ASTRAL, STAND_IN)) : unicode.test(text);
  };
}
