import { cutEnd } from './values/text-cut';

/** A finding's fields that name its subject: never cut, however short the strings of the rest become. */
export const FINDING_SUBJECT: ReadonlySet<string> = new Set(['id', 'kind', 'severity', 'estate', 'environment', 'group', 'key', 'rule']);

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

/**
 * A finding with the strings of everything but its subject cut to `max`: what a person reads, not what
 * identifies it. `subjectMax` cuts the subject too (a key a source wrote at hundreds of KB): its `id`
 * still identifies it.
 */
export const cutFinding = (finding: unknown, max: number, subjectMax = Infinity): unknown =>
  finding !== null && typeof finding === 'object' && !Array.isArray(finding)
    ? Object.fromEntries(
        Object.entries(finding).map(([k, x]) => [
          k,
          !FINDING_SUBJECT.has(k) ? cutStrings(x, max) : k === 'id' ? x : cutStrings(x, subjectMax),
        ]),
      )
    : cutStrings(finding, max);
