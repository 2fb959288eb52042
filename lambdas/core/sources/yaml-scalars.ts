// Scalars of the fast YAML path (see yaml-fast.ts), resolved as the `yaml` package's YAML 1.2 core
// schema resolves them (with EXACT_INTEGERS). Every function returns undefined for what it does not prove it reads.
import { exactInteger } from './exact-integer';

const NULL = /^(?:~|[Nn]ull|NULL)?$/;
const BOOL = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const INT_OCT = /^0o[0-7]+$/;
const INT = /^[-+]?[0-9]+$/;
const INT_HEX = /^0x[0-9a-fA-F]+$/;
const FLOAT_NAN = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const FLOAT_EXP = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;
// The first characters a non-string core-schema scalar can start with: `+-.0-9~`, n, t, f (any case).
const MAY_NOT_BE_TEXT = /^[-+.0-9~nNtTfF]/;
// Unsigned decimals, the most common non-string scalar: `int` is the first tag that matches them.
const DECIMAL = /^[0-9]+$/;

/** A plain scalar's value under the core schema, the tags tried in the package's order. */
export function resolvePlain(s: string): unknown {
  if (s !== '' && !MAY_NOT_BE_TEXT.test(s)) return s;
  if (DECIMAL.test(s)) return exactInteger(s, parseInt(s, 10));
  if (NULL.test(s)) return null;
  if (BOOL.test(s)) return s[0] === 't' || s[0] === 'T';
  if (INT_OCT.test(s)) return exactInteger(s, parseInt(s.substring(2), 8));
  if (INT.test(s)) return exactInteger(s, parseInt(s, 10));
  if (INT_HEX.test(s)) return exactInteger(s, parseInt(s.substring(2), 16));
  if (FLOAT_NAN.test(s)) return s.slice(-3).toLowerCase() === 'nan' ? NaN : s[0] === '-' ? -Infinity : Infinity;
  if (FLOAT_EXP.test(s) || FLOAT.test(s)) return parseFloat(s);
  return s;
}

/** How the fast readers resolve a plain scalar: resolvePlain, or resolveAsWritten for the estate file. */
export type PlainResolver = (s: string) => unknown;

/**
 * A plain scalar as the estate file means it: its core-schema value, except a number whose value
 * would be spelt otherwise (`1.10`, `0x1F`, `010`, `1e3`, a 20-digit ID), which stays the text as
 * written. Every scalar of an estate becomes text (an expected value, a bound, an account), and the
 * one the user expects is the one they wrote: `value: 1.10` for a version read as `1.10`.
 */
export function resolveAsWritten(s: string): unknown {
  return writtenNumber(s, resolvePlain(s));
}

/** `value`, or `text` where `value` is a number (or an exact integer's digits) that `text` spells otherwise. */
export function writtenNumber(text: string, value: unknown): unknown {
  return (typeof value === 'number' || typeof value === 'string') && String(value) !== text ? text : value;
}

const SPACE = 32;

/** The index of the first character from `p` (before `end`) that is not a space. */
export function skipSpaces(text: string, p: number, end: number): number {
  let q = p;
  while (q < end && text.charCodeAt(q) === SPACE) q++;
  return q;
}

/** A mapping key as a JS object's property name, as the package's toJS names it. */
export const keyName = (key: unknown): string => (key === null ? '' : String(key));

const ESCAPES: Record<string, string> = {
  '\\': '\\',
  '"': '"',
  '/': '/',
  n: '\n',
  t: '\t',
  r: '\r',
  '0': '\0',
  a: '\x07',
  b: '\b',
  e: '\x1b',
  f: '\f',
  v: '\v',
};
const HEX_LENGTH: Record<string, number> = { x: 2, u: 4, U: 8 };
const HEX = /^[0-9a-fA-F]+$/;
const BACKSLASH = 92;

/** Where a quoted scalar ended: a holder the caller keeps, so reading one allocates nothing more. */
export interface QuoteEnd {
  after: number;
}

/** A quoted scalar on one line from its opening quote at `p`, its end (the index after it) put in `out`. */
export function quotedScalar(text: string, p: number, end: number, out: QuoteEnd): string | undefined {
  // Most quoted scalars have no escape: one slice.
  const code = text.charCodeAt(p);
  let q = p + 1;
  while (q < end && text.charCodeAt(q) !== code && text.charCodeAt(q) !== BACKSLASH) q++;
  if (q < end && text.charCodeAt(q) === code && text.charCodeAt(q + 1) !== code) {
    out.after = q + 1;
    return text.slice(p + 1, q);
  }
  return escapedScalar(text, p, end, out);
}

function escapedScalar(text: string, p: number, end: number, out: QuoteEnd): string | undefined {
  const quote = text[p];
  let value = '';
  let from = p + 1;
  for (let q = from; q < end; q++) {
    const c = text[q];
    if (c === quote) {
      if (quote === "'" && text[q + 1] === "'") {
        value += text.slice(from, q + 1);
        from = ++q + 1;
        continue;
      }
      out.after = q + 1;
      return value + text.slice(from, q);
    }
    if (c !== '\\' || quote === "'") continue;
    const e = text[q + 1] ?? '';
    const simple = ESCAPES[e];
    const hexLength = HEX_LENGTH[e];
    let decoded: string;
    let length = 1;
    if (simple !== undefined) decoded = simple;
    else if (hexLength !== undefined) {
      const hex = text.slice(q + 2, q + 2 + hexLength);
      const code = hex.length === hexLength && HEX.test(hex) ? parseInt(hex, 16) : NaN;
      if (!(code <= 0x10ffff)) return undefined;
      decoded = String.fromCodePoint(code);
      length += hexLength;
    } else return undefined;
    value += text.slice(from, q) + decoded;
    q += length;
    from = q + 1;
  }
  return undefined;
}
