// The oracle's own reading of typed values (spec section 3 and README "Typed equality"), written
// for the texts the differential test generates and kept apart from the product's implementation.

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
const DURATION_PART = /(\d+(?:\.\d+)?)(ms|s|m|h|d)/g;
const DURATION = /^(?:\d+(?:\.\d+)?(?:ms|s|m|h|d))+$/;
const DURATION_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const BYTE_FACTOR: Record<string, number> = { '': 1, k: 1e3, K: 1e3, M: 1e6, G: 1e9, Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3 };
const BYTES = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|k|K|M|G)?$/;
const TRUE = ['true', 'yes', 'on', '1'];
const FALSE = ['false', 'no', 'off', '0'];

/** The canonical form of `text` under `type`, or undefined when it is not of that type. */
export function parseAs(type: string, text: string): { canon: string; num?: number } | undefined {
  const t = text.trim();
  switch (type) {
    case 'string':
      return { canon: text };
    case 'int':
      return /^[+-]?\d+$/.test(t) ? { canon: String(Number(t)), num: Number(t) } : undefined;
    case 'number':
      return NUMBER.test(t) ? { canon: String(Number(t)), num: Number(t) } : undefined;
    case 'bool': {
      const l = t.toLowerCase();
      return TRUE.includes(l) ? { canon: 'true' } : FALSE.includes(l) ? { canon: 'false' } : undefined;
    }
    case 'duration': {
      let ms: number | undefined;
      if (NUMBER.test(t)) ms = Number(t) * 1000;
      else if (DURATION.test(t)) ms = [...t.matchAll(DURATION_PART)].reduce((n, m) => n + Number(m[1]) * DURATION_MS[m[2] as string]!, 0);
      return ms === undefined ? undefined : { canon: `${ms}ms`, num: ms };
    }
    case 'bytes': {
      const m = BYTES.exec(t);
      if (!m) return undefined;
      const b = Number(m[1]) * BYTE_FACTOR[m[2] ?? '']!;
      return { canon: `${b}B`, num: b };
    }
    case 'url':
      try {
        return { canon: new URL(t).href };
      } catch {
        return undefined;
      }
    default:
      throw new Error(`the oracle does not know type ${type}`);
  }
}

/** What equality compares: the typed canonical form, else the text as written. */
export const norm = (type: string | undefined, text: string): string => {
  const p = type && type !== 'string' ? parseAs(type, text) : undefined;
  return p ? `t:${p.canon}` : `s:${text}`;
};

/** The type an undeclared text is written in (README: `True` = `true`, `30s` = `30000ms`; `1` is a number). */
export function inferType(text: string): string {
  const t = text.trim();
  if (NUMBER.test(t)) return 'number';
  if (/^(true|false|yes|no|on|off)$/i.test(t)) return 'bool';
  if (DURATION.test(t)) return 'duration';
  if (/^\d+(?:\.\d+)?(Ki|Mi|Gi|K|M|G)$/.test(t)) return 'bytes';
  return 'string';
}

/** The type several undeclared texts are compared under: their common one, URLs as URLs, `1.10` ≠ `1.1`. */
export function commonType(texts: string[]): string | undefined {
  if (texts.length < 2) return undefined;
  const types = new Set(texts.map(inferType));
  let t = types.size === 1 ? [...types][0]! : 'string';
  if (t === 'string' && texts.every((x) => /^[a-z][a-z0-9+.-]*:\/\/\S+$/i.test(x.trim()))) t = 'url';
  if (t === 'number' && texts.some((x) => x.includes('.'))) t = 'string';
  return t;
}
