/** Text outside the Basic Multilingual Plane: where matching with and without the `u` flag differs. */
const SURROGATE = /[\uD800-\uDFFF]/;
/** What only the `u` flag reads: property classes and code point escapes. */
const UNICODE_ONLY = /\\[pP]\{|\\u\{/;
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/**
 * A key's `pattern:` as values are matched against it. It is written for the `u` flag (the estate
 * is refused otherwise), and matched without it wherever that means the same: a printable-ASCII
 * pattern with no `\p{…}` or `\u{…}`, on a text with no surrogate pair. Only then can V8 fall back
 * to its linear-time engine when a match backtracks too long (the drivers turn that on, see
 * adapters/regexp-backtracking.ts): nested repetition (`^([a-z0-9]+-?)+$`) on a value that almost
 * matches would otherwise run for hours.
 */
export function keyPattern(pattern: string): (text: string) => boolean {
  const unicode = new RegExp(pattern, 'u');
  const bounded = PRINTABLE_ASCII.test(pattern) && !UNICODE_ONLY.test(pattern) ? new RegExp(pattern) : undefined;
  return (text) => (bounded !== undefined && !SURROGATE.test(text) ? bounded : unicode).test(text);
}
