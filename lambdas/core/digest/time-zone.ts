import { lazily } from '../lazily';

// The canonical IANA names, listed once per process: looking a name up here costs a few
// milliseconds, where the first `Intl.DateTimeFormat` with a time zone loads the locale data (15–30 ms).
// ECMA-402 requires "UTC" of every implementation, but ICU does not list it.
const canonical = lazily((): ReadonlySet<string> => new Set([...Intl.supportedValuesOf('timeZone'), 'UTC']));

/** True when `Intl.DateTimeFormat` accepts `tz` as a time zone (Europe/Berlin, UTC, an alias such as US/Eastern). */
export function isTimeZone(tz: string): boolean {
  return canonical().has(tz) || acceptedByDateTimeFormat(tz);
}

/** The reference: what the fast path must agree with, and what decides the names it does not list (aliases, case). */
export function acceptedByDateTimeFormat(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
