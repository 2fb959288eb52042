import { BYTE_UNITS, DURATION_UNITS } from '../values/units';
import { cut, sanitize } from '../values/value';
import type { RuleValue } from './rule-ast';

const BINARY = ['Ei', 'Pi', 'Ti', 'Gi', 'Mi', 'Ki'] as const;
const DECIMAL = ['E', 'P', 'T', 'G', 'M', 'k'] as const;

/** A number without float noise: at most `digits` decimals, no trailing zeros. */
export function formatNumber(n: number, digits = 6): string {
  // Tiny results (1ms / 1h) keep their significant digits instead of rounding to 0.
  if (n !== 0 && Math.abs(n) < 10 ** -Math.min(digits, 3)) return String(Number(n.toPrecision(3)));
  const r = Number(n.toFixed(digits));
  return String(Object.is(r, -0) ? 0 : r);
}

// "Nice" in a unit: a whole number of it, or a short decimal, and not a tiny fraction of it.
function inUnit(n: number, factor: number): string | undefined {
  const x = n / factor;
  const r = Number(x.toFixed(3));
  return Math.abs(x - r) < 1e-9 * Math.max(1, Math.abs(x)) && (Math.abs(x) >= 1 || x === 0) ? String(r) : undefined;
}

/** A duration for people: in the unit it was written in when that reads well, else `1h2m3.5s`. */
export function formatDuration(ms: number, unit?: string): string {
  const hinted = unit !== undefined && DURATION_UNITS[unit] !== undefined ? inUnit(ms, DURATION_UNITS[unit]) : undefined;
  if (hinted !== undefined) return `${hinted}${unit}`;
  const sign = ms < 0 ? '-' : '';
  let rest = Math.abs(ms);
  if (rest < 1000) return `${sign}${formatNumber(rest, 3)}ms`;
  let out = '';
  for (const [u, f] of [
    ['h', 3_600_000],
    ['m', 60_000],
  ] as const) {
    const whole = Math.floor(rest / f);
    if (whole > 0) out += `${whole}${u}`;
    rest -= whole * f;
  }
  const seconds = formatNumber(rest / 1000, 3);
  return `${sign}${out}${seconds === '0' && out ? '' : `${seconds}s`}`;
}

/** A size for people: the unit it was written in, else the largest exact `Gi`/`Mi`/`Ki` (or `G`/`M`/`k`). */
export function formatBytes(bytes: number, unit?: string): string {
  const hinted = unit !== undefined && BYTE_UNITS[unit] !== undefined ? inUnit(bytes, BYTE_UNITS[unit]) : undefined;
  if (hinted !== undefined) return `${hinted}${unit}`;
  const abs = Math.abs(bytes);
  for (const u of [...BINARY, ...DECIMAL]) {
    const f = BYTE_UNITS[u] as number;
    if (abs >= f && Number.isInteger(bytes / f)) return `${bytes / f}${u}`;
  }
  const binary = BINARY.find((u) => abs >= (BYTE_UNITS[u] as number));
  return binary ? `${formatNumber(bytes / (BYTE_UNITS[binary] as number), 3)}${binary}` : `${formatNumber(bytes, 3)}B`;
}

/** A rule value as it appears in a finding's detail; strings are quoted, cut short and sanitised. */
export function formatRuleValue(v: RuleValue): string {
  switch (v.type) {
    case 'number':
      return formatNumber(v.value);
    case 'duration':
      return formatDuration(v.value, v.unit);
    case 'bytes':
      return formatBytes(v.value, v.unit);
    case 'bool':
      return String(v.value);
    case 'string':
      return `"${cut(sanitize(v.value), 80)}"`;
  }
}

const ARTICLE: Record<RuleValue['type'], string> = {
  number: 'a number',
  duration: 'a duration',
  bytes: 'a size',
  bool: 'a bool',
  string: 'a string',
};

/** "a number", "a duration", … for error messages. */
export const describeType = (t: RuleValue['type']): string => ARTICLE[t];
