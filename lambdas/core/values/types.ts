import { sha256Hex } from '../sha256';
import { BYTE_UNITS, DURATION_WITH_UNITS, durationWithUnitsMs, isoDurationMs, unitAlternation } from './units';

/** The value types a baseline can declare; they decide equality. */
export const VALUE_TYPES = ['string', 'int', 'number', 'bool', 'duration', 'bytes', 'cpu', 'url', 'json'] as const;
export type ValueType = (typeof VALUE_TYPES)[number];

/** A parsed typed value: `canonical` is what equality compares; `num` is set for quantities. */
export type Typed = { ok: true; canonical: string; num?: number } | { ok: false; error: string };

/** What a text of each type must be, for messages that name the type but not the value. */
export const TYPE_NOUN: Readonly<Record<ValueType, string>> = {
  string: 'a string',
  int: 'an integer',
  number: 'a number',
  bool: 'a boolean',
  duration: 'a duration',
  bytes: 'a size in bytes',
  cpu: 'a CPU quantity',
  url: 'a URL',
  json: 'valid JSON',
};

const fail = (error: string): Typed => ({ ok: false, error });
const quantity = (num: number, unit = ''): Typed => ({ ok: true, canonical: `${num}${unit}`, num });

/**
 * A number compared exactly where a double cannot hold it: past 2^53 two integers are one double
 * (1234567890123456789 and …788), yet a Java long or a Go int64 reads two IDs, so such a number is
 * its exact decimal (`1234567890123456789.0`, `1.234567890123456789e18` and `+01234567890123456789`
 * are one). Its `num` (for min, max and rules) is the double.
 */
function exactNumber(t: string): Typed {
  const num = Number(t);
  if (Number.isSafeInteger(num) || !Number.isInteger(num)) return quantity(num);
  return { ok: true, canonical: exactDecimal(t), num };
}

/** The decimal a number's text writes, without exponent, sign of zero, leading or trailing zeros. */
function exactDecimal(t: string): string {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(t);
  if (!m) return t;
  const [, sign, whole = '', fraction = '', exponent = '0'] = m;
  let digits = whole + fraction;
  // Past 2^53 and finite, the point lies within ~309 digits of the first significant one.
  let point = whole.length + Number(exponent);
  if (point > digits.length) digits += '0'.repeat(point - digits.length);
  if (point < 0) {
    digits = '0'.repeat(-point) + digits;
    point = 0;
  }
  const int = digits.slice(0, point).replace(/^0+/, '') || '0';
  const frac = digits.slice(point).replace(/(?<!0)0+$/, '');
  const text = frac ? `${int}.${frac}` : int;
  return sign === '-' && text !== '0' ? `-${text}` : text;
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const INT = /^[+-]?\d+$/;
const TRUE: ReadonlySet<string> = new Set(['true', 'yes', 'on', '1']);
const FALSE: ReadonlySet<string> = new Set(['false', 'no', 'off', '0']);

// A declared size may also be a bare number of bytes, or in `m` (thousandths) as Kubernetes allows.
const SIZE_FACTORS: Readonly<Record<string, number>> = { '': 1, m: 1e-3, ...BYTE_UNITS };
const BYTES = new RegExp(`^(\\d+(?:\\.\\d+)?(?:[eE]\\d+)?)\\s?(${unitAlternation(Object.keys(SIZE_FACTORS).filter((u) => u !== ''))})?$`);
const CPU = /^(\d+(?:\.\d+)?)(m)?$/;
// `inventory.internal:8080`, `localhost:6379/0`: a host and port with no scheme. The URL standard reads the
// host as a scheme and the port as an opaque path, so `new URL` takes it, but no HTTP, Redis or database
// client does (requests: "No connection adapters", fetch: "unknown scheme"): the type url refuses it.
const HOST_PORT = /^[a-z][a-z\d+.-]*:\d+(?:[/?#]|$)/i;

/** Milliseconds of a duration: `250ms`, `10s`, `1m30s`, `2h`, ISO 8601 `PT30S`; a bare number is seconds. */
export function parseDurationMs(text: string): number | undefined {
  const t = text.trim();
  if (NUMBER.test(t)) return Number(t) * 1000;
  return durationWithUnitsMs(t) ?? isoDurationMs(t);
}

/** Bytes of a quantity: `512Mi`, `2Gi` binary, `1G` decimal as in Kubernetes; a bare number is bytes. */
export function parseBytes(text: string): number | undefined {
  const m = BYTES.exec(text.trim());
  if (!m) return undefined;
  return Number(m[1]) * (SIZE_FACTORS[m[2] ?? ''] as number);
}

/** Millicores of a CPU quantity: `500m`, `0.5`, `1`. */
export function parseCpuMillis(text: string): number | undefined {
  const m = CPU.exec(text.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  return m[2] ? n : n * 1000;
}

export function parseBool(text: string): boolean | undefined {
  const t = text.trim().toLowerCase();
  if (TRUE.has(t)) return true;
  if (FALSE.has(t)) return false;
  return undefined;
}

function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v && typeof v === 'object') {
    const entries = Object.keys(v as object)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((v as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(v);
}

/**
 * The digest of a JSON text written canonically (keys sorted, no spacing): what a `json` key compares,
 * so a value too large to keep whole compares by structure as a short one does. Undefined when not JSON.
 */
export function jsonDigest(text: string): string | undefined {
  const parsed = parseTyped('json', text);
  return parsed.ok ? sha256Hex(parsed.canonical) : undefined;
}

// Quantities are rounded so that 0.1+0.2-style noise never makes equal values differ.
const round = (n: number): number => Math.round(n * 1e6) / 1e6;

/** Parses `text` as `type`. */
export function parseTyped(type: ValueType, text: string): Typed {
  switch (type) {
    case 'string':
      return { ok: true, canonical: text };
    case 'int': {
      const t = text.trim();
      return INT.test(t) ? exactNumber(t) : fail(`"${t}" is not ${TYPE_NOUN.int}`);
    }
    case 'number': {
      const t = text.trim();
      return NUMBER.test(t) ? exactNumber(t) : fail(`"${t}" is not ${TYPE_NOUN.number}`);
    }
    case 'bool': {
      const b = parseBool(text);
      return b === undefined ? fail(`"${text.trim()}" is not ${TYPE_NOUN.bool}`) : { ok: true, canonical: String(b) };
    }
    case 'duration': {
      const ms = parseDurationMs(text);
      return ms === undefined ? fail(`"${text.trim()}" is not ${TYPE_NOUN.duration}`) : quantity(round(ms), 'ms');
    }
    case 'bytes': {
      const b = parseBytes(text);
      return b === undefined ? fail(`"${text.trim()}" is not ${TYPE_NOUN.bytes}`) : quantity(round(b), 'B');
    }
    case 'cpu': {
      const c = parseCpuMillis(text);
      return c === undefined ? fail(`"${text.trim()}" is not ${TYPE_NOUN.cpu}`) : quantity(round(c), 'm');
    }
    case 'url': {
      if (HOST_PORT.test(text.trim())) return fail(`"${text.trim()}" is not ${TYPE_NOUN.url}: a host and port without a scheme`);
      try {
        return { ok: true, canonical: new URL(text.trim()).href };
      } catch {
        return fail(`"${text.trim()}" is not ${TYPE_NOUN.url}`);
      }
    }
    case 'json': {
      try {
        return { ok: true, canonical: canonicalJson(JSON.parse(text)) };
      } catch {
        return fail('not valid JSON');
      }
    }
  }
}

/**
 * The type a single undeclared text is compared under, as it is written: `inferType`, except that a
 * number with a fraction (`1.10`) may be a version, where `1.1` is another one: it stays a string.
 */
export function writtenType(text: string): ValueType {
  return isFraction(text) ? 'string' : inferType(text);
}

/** A number with a fraction (`1.10`): a string to writtenType; in the estate, a number only where written unquoted. */
export const isFraction = (text: string): boolean => inferType(text) === 'number' && text.includes('.');

const BOOL_WORDS = /^(true|false|yes|no|on|off)$/i;
// Lower-case `k` is left out, so an undeclared `1k` stays a string (as it always has).
const INFERRED_BYTE_UNITS = Object.keys(BYTE_UNITS).filter((u) => u !== 'k');
const BYTES_WITH_UNIT = new RegExp(`^\\d+(?:\\.\\d+)?\\s?(?:${unitAlternation(INFERRED_BYTE_UNITS)})$`);

/**
 * The type of one undeclared value, from how it is written: `true`, `60s`, `512Mi`, `3.5`.
 * Only unambiguous spellings count, so `1` is a number and never a bool.
 */
export function inferType(text: string): ValueType {
  const t = text.trim();
  if (NUMBER.test(t)) return 'number';
  if (BOOL_WORDS.test(t)) return 'bool';
  if (DURATION_WITH_UNITS.test(t) || isoDurationMs(t) !== undefined) return 'duration';
  if (BYTES_WITH_UNIT.test(t)) return 'bytes';
  return 'string';
}

/** An absolute URL with an authority, as written: `https://api.example.com/v1`, `redis://cache:6379`. */
export const URL_SHAPE = /^[a-z][a-z0-9+.-]*:\/\/\S+$/i;

/**
 * One type under which all the texts can be compared (undeclared keys), else `string`. Texts that
 * are all URLs compare as URLs, so `https://api.example.com/` and `https://API.example.com` agree.
 */
export function commonType(texts: readonly string[]): ValueType {
  let common: ValueType | undefined;
  for (const t of texts) {
    const type = inferType(t);
    if (common === undefined) common = type;
    else if (common !== type) return 'string';
  }
  if (common === 'string' && texts.every((t) => URL_SHAPE.test(t.trim()))) return 'url';
  return common ?? 'string';
}
