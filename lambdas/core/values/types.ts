/** The value types a baseline can declare; they decide equality. */
export const VALUE_TYPES = ['string', 'int', 'number', 'bool', 'duration', 'bytes', 'cpu', 'url', 'json'] as const;
export type ValueType = (typeof VALUE_TYPES)[number];

/** A parsed typed value: `canonical` is what equality compares; `num` is set for quantities. */
export type Typed = { ok: true; canonical: string; num?: number } | { ok: false; error: string };

const fail = (error: string): Typed => ({ ok: false, error });
const quantity = (num: number, unit = ''): Typed => ({ ok: true, canonical: `${num}${unit}`, num });

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const INT = /^[+-]?\d+$/;
const TRUE = new Set(['true', 'yes', 'on', '1']);
const FALSE = new Set(['false', 'no', 'off', '0']);

const DURATION_UNIT_MS: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const DURATION = /^(?:(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h|d))+$/;
const DURATION_PART = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h|d)/g;

const BYTE_UNITS: Record<string, number> = {
  '': 1, m: 1e-3, k: 1e3, K: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18,
  KB: 1e3, MB: 1e6, GB: 1e9, TB: 1e12,
  Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3, Ti: 1024 ** 4, Pi: 1024 ** 5, Ei: 1024 ** 6,
  KiB: 1024, MiB: 1024 ** 2, GiB: 1024 ** 3, TiB: 1024 ** 4,
};
const BYTES = /^(\d+(?:\.\d+)?(?:[eE]\d+)?)\s?(m|k|K|M|G|T|P|E|KB|MB|GB|TB|Ki|Mi|Gi|Ti|Pi|Ei|KiB|MiB|GiB|TiB)?$/;
const CPU = /^(\d+(?:\.\d+)?)(m)?$/;

/** Milliseconds of a duration: `250ms`, `10s`, `1m30s`, `2h`; a bare number is seconds. */
export function parseDurationMs(text: string): number | undefined {
  const t = text.trim();
  if (NUMBER.test(t)) return Number(t) * 1000;
  if (!DURATION.test(t)) return undefined;
  let ms = 0;
  for (const m of t.matchAll(DURATION_PART)) ms += Number(m[1]) * (DURATION_UNIT_MS[m[2] as string] as number);
  return ms;
}

/** Bytes of a quantity: `512Mi`, `2Gi` binary, `1G` decimal as in Kubernetes; a bare number is bytes. */
export function parseBytes(text: string): number | undefined {
  const m = BYTES.exec(text.trim());
  if (!m) return undefined;
  return Number(m[1]) * (BYTE_UNITS[m[2] ?? ''] as number);
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

// Quantities are rounded so that 0.1+0.2-style noise never makes equal values differ.
const round = (n: number): number => Math.round(n * 1e6) / 1e6;

/** Parses `text` as `type`. */
export function parseTyped(type: ValueType, text: string): Typed {
  switch (type) {
    case 'string':
      return { ok: true, canonical: text };
    case 'int': {
      const t = text.trim();
      return INT.test(t) ? quantity(Number(t)) : fail(`"${t}" is not an integer`);
    }
    case 'number': {
      const t = text.trim();
      return NUMBER.test(t) ? quantity(Number(t)) : fail(`"${t}" is not a number`);
    }
    case 'bool': {
      const b = parseBool(text);
      return b === undefined ? fail(`"${text.trim()}" is not a boolean`) : { ok: true, canonical: String(b) };
    }
    case 'duration': {
      const ms = parseDurationMs(text);
      return ms === undefined ? fail(`"${text.trim()}" is not a duration`) : quantity(round(ms), 'ms');
    }
    case 'bytes': {
      const b = parseBytes(text);
      return b === undefined ? fail(`"${text.trim()}" is not a size in bytes`) : quantity(round(b), 'B');
    }
    case 'cpu': {
      const c = parseCpuMillis(text);
      return c === undefined ? fail(`"${text.trim()}" is not a CPU quantity`) : quantity(round(c), 'm');
    }
    case 'url': {
      try {
        return { ok: true, canonical: new URL(text.trim()).href };
      } catch {
        return fail(`"${text.trim()}" is not a URL`);
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

const BOOL_WORDS = /^(true|false|yes|no|on|off)$/i;
const DURATION_WITH_UNIT = /^(?:\d+(?:\.\d+)?(?:ns|us|µs|ms|s|m|h|d))+$/;
const BYTES_WITH_UNIT = /^\d+(?:\.\d+)?\s?(?:Ki|Mi|Gi|Ti|Pi|Ei|KiB|MiB|GiB|TiB|K|M|G|T|P|E|KB|MB|GB|TB)$/;

/**
 * The type of one undeclared value, from how it is written: `true`, `60s`, `512Mi`, `3.5`.
 * Only unambiguous spellings count, so `1` is a number and never a bool.
 */
export function inferType(text: string): ValueType {
  const t = text.trim();
  if (NUMBER.test(t)) return 'number';
  if (BOOL_WORDS.test(t)) return 'bool';
  if (DURATION_WITH_UNIT.test(t)) return 'duration';
  if (BYTES_WITH_UNIT.test(t)) return 'bytes';
  return 'string';
}

/** One type under which all the texts can be compared (undeclared keys), else `string`. */
export function commonType(texts: readonly string[]): ValueType {
  let common: ValueType | undefined;
  for (const t of texts) {
    const type = inferType(t);
    if (common === undefined) common = type;
    else if (common !== type) return 'string';
  }
  return common ?? 'string';
}
