import { runtimeKeyType } from '../runtime-keys';
import { commonType, inferType, parseBool, parseCpuMillis, parseDurationMs, parseTyped, type ValueType } from '../values/types';

const WAIT_WORDS = /(^|\.)(timeout|ttl|interval|delay|wait|period|backoff)$/;
const INT = /^[+-]?\d+$/;
const VERSION_WORDS = /(^|\.)(version|release)$/;

function isJsonStructure(text: string): boolean {
  const t = text.trim();
  if (!t.startsWith('{') && !t.startsWith('[')) return false;
  try {
    JSON.parse(t);
    return true;
  } catch {
    return false;
  }
}

/**
 * The type to declare for a key from its texts across environments: built in for `runtime.*`
 * (undefined: nothing to write), else the one type all of them read as, as an undeclared audit
 * would compare them, narrowed to `int`, `url`, `json` or `cpu` where every text is one.
 */
export function inferKeyType(key: string, texts: readonly string[]): ValueType | undefined {
  if (runtimeKeyType(key)) return undefined;
  if (texts.length === 0) return undefined;
  if (/(^|\.)cpu$/.test(key) && texts.every((t) => parseCpuMillis(t) !== undefined)) return 'cpu';
  const common = commonType(texts);
  // `30` under a key named for a wait is seconds: declared a duration, it compares with `30s` and `1m`.
  if (common === 'number' && WAIT_WORDS.test(key) && texts.every((t) => parseDurationMs(t) !== undefined)) return 'duration';
  if (common === 'number' && texts.every((t) => INT.test(t.trim()))) return 'int';
  // Declared a number, version `1.10` would equal `1.1`: a version keeps its spelling.
  if (common === 'number') return VERSION_WORDS.test(key) ? 'string' : 'number';
  // URL-shaped is not a URL: a list of origins (`http://a:8100,https://a:8100`), declared `url`, would break its type at once.
  if (common === 'url') return texts.every((t) => parseTyped('url', t).ok) ? 'url' : 'string';
  if (common !== 'string') return common;
  // `30` beside `30s` is a duration written bare (seconds), as `512` beside `1Gi` is bytes.
  const kinds = new Set(texts.map(inferType));
  for (const unit of ['duration', 'bytes'] as const) {
    if (kinds.has(unit) && [...kinds].every((k) => k === unit || k === 'number')) return unit;
  }
  // `0` beside `off` and `false` is a bool written as the platform's flags write it: one value, three spellings.
  if (kinds.has('bool') && texts.every((t) => parseBool(t) !== undefined)) return 'bool';
  if (texts.every(isJsonStructure)) return 'json';
  return 'string';
}
