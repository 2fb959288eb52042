/** A finding's fields that name its subject: never cut, however short the strings of the rest become. */
export const FINDING_SUBJECT: ReadonlySet<string> = new Set(['id', 'kind', 'severity', 'estate', 'environment', 'group', 'key', 'rule']);

// The start of a `<secret:1a2b3c4d>` marker left open at the end of a cut: it goes whole or not at all.
const OPEN_MARKER = /<(?:s(?:e(?:c(?:r(?:e(?:t(?::[0-9a-f]*)?)?)?)?)?)?)?$/;

/** `text` cut to at most `max` UTF-16 units, never inside a surrogate pair or a secret fingerprint marker. */
export function cutEnd(text: string, max: number): string {
  if (text.length <= max) return text;
  const end = /[\uD800-\uDBFF]/.test(text.charAt(max - 1)) ? max - 1 : max;
  const kept = text.slice(0, end);
  return kept.replace(OPEN_MARKER, '');
}

/** Cuts a string to `max` UTF-16 units (never half a surrogate pair or marker), saying how long it was. */
function cutString(s: string, max: number): string {
  if (s.length <= max) return s;
  return `${cutEnd(s, max)}… (cut from ${s.length} characters)`;
}

const cutStrings = (v: unknown, max: number): unknown => {
  if (typeof v === 'string') return cutString(v, max);
  if (Array.isArray(v)) return v.map((x) => cutStrings(x, max));
  if (v !== null && typeof v === 'object' && !(v instanceof Uint8Array)) {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, cutStrings(x, max)]));
  }
  return v;
};

/** A finding with the strings of everything but its subject cut to `max`: what a person reads, not what identifies it. */
export const cutFinding = (finding: unknown, max: number): unknown =>
  finding !== null && typeof finding === 'object' && !Array.isArray(finding)
    ? Object.fromEntries(Object.entries(finding).map(([k, x]) => [k, FINDING_SUBJECT.has(k) ? x : cutStrings(x, max)]))
    : cutStrings(finding, max);
