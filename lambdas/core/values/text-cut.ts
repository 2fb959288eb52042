/** True for the first half of a surrogate pair (an emoji and every other character past U+FFFF). */
const isHighSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;

/** Where a cut at `end` keeps whole characters: one unit sooner when it would leave half a surrogate pair. */
export const wholeCharsEnd = (text: string, end: number): number => (end > 0 && isHighSurrogate(text.charCodeAt(end - 1)) ? end - 1 : end);

// The start of a `<secret:1a2b3c4d>` marker left open at the end of a cut: it goes whole or not at all.
const OPEN_MARKER = /<(?:s(?:e(?:c(?:r(?:e(?:t(?::[0-9a-f]*)?)?)?)?)?)?)?$/;

/** `text` cut to at most `max` UTF-16 units, never inside a surrogate pair or a secret fingerprint marker. */
export function cutEnd(text: string, max: number): string {
  if (text.length <= max) return text;
  return text.slice(0, wholeCharsEnd(text, max)).replace(OPEN_MARKER, '');
}
