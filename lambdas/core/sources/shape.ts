/** Reading untyped JSON/YAML without trusting its shape. */
export type Rec = Record<string, unknown>;

/** A JSON object (not null, not an array). */
export const isRecord = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The record at `v`, or an empty one, so optional sections read as absent. */
export const rec = (v: unknown): Rec => (isRecord(v) ? v : {});

/** Records of an array; anything else reads as empty. */
export const records = (v: unknown): Rec[] => (Array.isArray(v) ? v.filter(isRecord) : []);

/** The text without a leading byte-order mark, as a decoder that drops it would read it. */
export const stripBom = (text: string): string => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);

/** A string field, or undefined. */
export const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** Scalars as the text a platform would store them as; anything else is undefined. */
export function scalarText(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  return undefined;
}

/** Whether a field holds something a platform cannot store as text (a mapping or a list): a broken recording, not an empty value. */
export const notText = (v: unknown): boolean => v !== undefined && v !== null && scalarText(v) === undefined;

/** The last segment of a `/`- or `\`-separated path (the core may not import node:path). */
export const baseName = (p: string): string => p.slice(Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\')) + 1);

/**
 * Hands `use` the entries of an optional list field, each with its index; a field that is not a
 * list, or an entry that is not an object, is reported (by position, never by content) and skipped.
 */
export function eachEntry(v: unknown, what: string, errors: string[], use: (entry: Rec, index: number) => void): void {
  if (v === undefined || v === null) return;
  if (!Array.isArray(v)) {
    errors.push(`${what} is not a list`);
    return;
  }
  for (let i = 0; i < v.length; i++) {
    const e: unknown = v[i];
    if (isRecord(e)) use(e, i);
    else errors.push(`${what}[${i}] is not an object`);
  }
}

/** The entries of an optional list field with their indices, reported as `eachEntry` reports them. */
export function entries(v: unknown, what: string, errors: string[]): Array<[Rec, number]> {
  const out: Array<[Rec, number]> = [];
  eachEntry(v, what, errors, (e, i) => out.push([e, i]));
  return out;
}
