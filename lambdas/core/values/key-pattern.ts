/** Text outside the Basic Multilingual Plane: where matching with and without the `u` flag differs. */
const SURROGATE = /[\uD800-\uDFFF]/;
/** What only the `u` flag reads: property classes and code point escapes. */
const UNICODE_ONLY = /\\[pP]\{|\\u\{/;
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

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
  return (text) => (bounded !== undefined && !SURROGATE.test(text) ? bounded : unicode).test(text);
}
