import { scopeName } from '../finding-scope';
import { kindOf } from '../kinds';
import type { Finding } from '../model';

const TITLE_MAX = 200;

/** One line (no control characters or line breaks), at most `max` code points, ending with `…` when cut. */
export function oneLine(text: string, max: number): string {
  const line = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\s]+/g, ' ').trim();
  const chars = Array.from(line);
  return chars.length <= max ? line : `${chars.slice(0, max - 1).join('')}…`;
}

/**
 * The title a person would write: the scope first, then what is wrong —
 * `production-us: db.timeout is 60s, baseline 10s`, `us-vs-eu: payment.timeout differs: production-us 60s, production-eu 30s`.
 */
export function ticketTitle(f: Finding): string {
  const scope = scopeName(f);
  // A value that differs from the baseline's, in one environment (what `drift adopt`/`revert` settle).
  if (
    kindOf(f.kind).syncable &&
    typeof f.environment === 'string' &&
    f.key &&
    typeof f.actual === 'string' &&
    typeof f.expected === 'string'
  ) {
    return oneLine(`${scope}: ${f.key} is ${f.actual}, baseline ${f.expected}`, TITLE_MAX);
  }
  // The message names its scope (" in production-us", " across us-vs-eu"); the title says it once, up front.
  const message = scope ? f.message.replace(` in ${scope}`, '').replace(` across ${scope}`, '') : f.message;
  return oneLine(scope ? `${scope}: ${message}` : message, TITLE_MAX);
}
