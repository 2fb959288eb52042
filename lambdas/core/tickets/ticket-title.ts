import { scopeName } from '../finding-scope';
import { kindOf } from '../kinds';
import type { Finding } from '../model';
import { oneLine } from '../one-line';

const TITLE_MAX = 200;

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
