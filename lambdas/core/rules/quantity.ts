import { parseBytes, inferType, parseTyped, type ValueType } from '../values/types';
import { BYTE_UNITS, DURATION_UNITS, durationWithUnitsMs, unitAlternation } from '../values/units';
import type { RuleValue } from './rule-ast';
import { RULE_TYPE_OF } from './rule-types';

type Read = { ok: true; value: RuleValue } | { ok: false; error: string };

/** The start of a numeric literal: `12`, `1.5`, `.5`, `1e3`, `2.5E-3`. */
export const NUMERIC_PREFIX = /^(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/;
const NUMERIC = new RegExp(`${NUMERIC_PREFIX.source}$`);
const BYTES_LITERAL = new RegExp(`^\\d+(?:\\.\\d+)?(${unitAlternation(Object.keys(BYTE_UNITS))})$`);
const UNIT_SUFFIX = /(?<![A-Za-zµ])[A-Za-zµ]+$/;

/** The finest unit a duration is written in (`1m30s` → `s`), used to show results the same way. */
function finestDurationUnit(text: string): string | undefined {
  const units = text.match(/[a-zµ]+/g) ?? [];
  return units.reduce<string | undefined>(
    (best, u) => (best === undefined || (DURATION_UNITS[u] ?? Infinity) < (DURATION_UNITS[best] ?? Infinity) ? u : best),
    undefined,
  );
}

/**
 * A number or quantity literal of a rule: `5`, `1.5`, `1e3`, `120s`, `1m30s`, `512Mi`, `1G`, `1k`.
 * A lone `m` is minutes, never millicores: CPU is compared as a plain number of cores.
 */
export function parseQuantityLiteral(text: string): Read {
  if (NUMERIC.test(text)) {
    const n = Number(text);
    return Number.isFinite(n) ? { ok: true, value: { type: 'number', value: n } } : { ok: false, error: `number out of range: ${text}` };
  }
  const ms = durationWithUnitsMs(text);
  if (ms !== undefined) return { ok: true, value: { type: 'duration', value: ms, unit: finestDurationUnit(text) } };
  const bytes = BYTES_LITERAL.exec(text);
  if (bytes) return { ok: true, value: { type: 'bytes', value: parseBytes(text) as number, unit: bytes[1] } };
  return {
    ok: false,
    error:
      `unknown unit in "${text}": durations use ms, s, m (minutes), h, d (e.g. 1m30s); ` +
      'sizes use Ki, Mi, Gi, Ti or k, M, G, T (e.g. 512Mi); CPU is a plain number of cores (0.5)',
  };
}

/**
 * A key's text as a typed rule value: by its declared type, else by how it is written
 * (`inferType`). The rule type is RULE_TYPE_OF's, the table the type checker reads: `cpu` becomes a
 * number of cores; `url` and `json` compare as strings in canonical form.
 */
export function readKeyValue(key: string, text: string, declared?: ValueType): Read {
  const type = declared ?? inferType(text);
  const parsed = parseTyped(type, text);
  if (!parsed.ok) return { ok: false, error: `${key}: ${parsed.error}` };
  const num = parsed.num as number;
  switch (RULE_TYPE_OF[type]) {
    case 'number':
      return { ok: true, value: { type: 'number', value: type === 'cpu' ? num / 1000 : num } };
    case 'duration': {
      // A bare number declared as a duration is seconds, so that is how we show it.
      const unit = NUMERIC.test(text.trim()) ? 's' : finestDurationUnit(text.trim());
      return { ok: true, value: { type: 'duration', value: num, unit } };
    }
    case 'bytes': {
      const unit = UNIT_SUFFIX.exec(text.trim())?.[0];
      return { ok: true, value: { type: 'bytes', value: num, unit: unit && BYTE_UNITS[unit] ? unit : undefined } };
    }
    case 'bool':
      return { ok: true, value: { type: 'bool', value: parsed.canonical === 'true' } };
    case 'string':
      return { ok: true, value: { type: 'string', value: type === 'string' ? text : parsed.canonical } };
  }
}
