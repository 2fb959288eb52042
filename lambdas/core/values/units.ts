/** The units of durations and sizes, shared by typed values and rule quantities. */

/** Milliseconds per duration unit: `250ms`, `10s`, `1m30s`, `2h`, `1d`. */
export const DURATION_UNITS: Readonly<Record<string, number>> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};

/** Bytes per size unit (Kubernetes: `Ki` binary, `k`/`K` decimal), without `m` (minutes win). */
export const BYTE_UNITS: Readonly<Record<string, number>> = {
  k: 1e3,
  K: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  KB: 1e3,
  MB: 1e6,
  GB: 1e9,
  TB: 1e12,
  Ki: 1024,
  Mi: 1024 ** 2,
  Gi: 1024 ** 3,
  Ti: 1024 ** 4,
  Pi: 1024 ** 5,
  Ei: 1024 ** 6,
  KiB: 1024,
  MiB: 1024 ** 2,
  GiB: 1024 ** 3,
  TiB: 1024 ** 4,
};

/**
 * A regex alternation of units (letters only), longest first, so that a scan reads `ms` as one
 * unit and not as `m` followed by a stray `s`.
 */
export const unitAlternation = (units: readonly string[]): string => [...units].sort((a, b) => b.length - a.length).join('|');

const DURATION_PART_SOURCE = `(\\d+(?:\\.\\d+)?)(${unitAlternation(Object.keys(DURATION_UNITS))})`;
const DURATION_PART = new RegExp(DURATION_PART_SOURCE, 'g');

/** The duration syntax: one or more `<number><unit>` parts, as in `250ms`, `1m30s`, `1.5h`. */
export const DURATION_WITH_UNITS = new RegExp(`^(?:${DURATION_PART_SOURCE})+$`);

/** Milliseconds of a duration written with units (`1m30s` → 90000); undefined for anything else. */
export function durationWithUnitsMs(text: string): number | undefined {
  if (!DURATION_WITH_UNITS.test(text)) return undefined;
  let ms = 0;
  for (const m of text.matchAll(DURATION_PART)) ms += Number(m[1]) * (DURATION_UNITS[m[2] as string] as number);
  return ms;
}

// ISO 8601 as Java's Duration.parse reads it (days, hours, minutes, seconds; any case): `PT30S`, `P1DT12H`.
const ISO_DURATION = /^P(?:(\d+(?:\.\d+)?)D)?(?:T(?=\d)(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/i;
const ISO_FACTORS = [DURATION_UNITS.d, DURATION_UNITS.h, DURATION_UNITS.m, DURATION_UNITS.s] as number[];

/** Milliseconds of an ISO 8601 duration (`PT1M30S` → 90000), as Java and Spring Boot write them; undefined for anything else. */
export function isoDurationMs(text: string): number | undefined {
  const m = ISO_DURATION.exec(text);
  if (!m || m.slice(1).every((part) => part === undefined)) return undefined;
  return m.slice(1).reduce((ms, part, i) => ms + (part === undefined ? 0 : Number(part) * (ISO_FACTORS[i] as number)), 0);
}
