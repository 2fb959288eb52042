import { cutFinding } from '../../core/finding-cut';

/** DynamoDB's hard limit on one item. */
export const MAX_ITEM_BYTES = 400 * 1024;
/** What this store refuses to write outside snapshot chunks: far enough under the limit to be a bug, not bad luck. */
export const ITEM_GUARD_BYTES = 350 * 1024;

const utf8 = (s: string): number => Buffer.byteLength(s, 'utf8');

/** The size DynamoDB bills for a value, following its published sizing rules (close, not byte-exact). */
function valueBytes(v: unknown): number {
  if (v === null || v === undefined || typeof v === 'boolean') return 1;
  if (typeof v === 'string') return utf8(v);
  if (typeof v === 'number') return Math.ceil(String(Math.abs(v)).replace(/[.-]/g, '').length / 2) + 1;
  if (v instanceof Uint8Array) return v.byteLength;
  if (Array.isArray(v)) return 3 + v.reduce((n: number, x) => n + 1 + valueBytes(x), 0);
  if (typeof v === 'object') {
    return 3 + Object.entries(v).reduce((n, [k, x]) => (x === undefined ? n : n + 1 + utf8(k) + valueBytes(x)), 0);
  }
  throw new Error(`cannot size a ${typeof v} for DynamoDB`);
}

/** The size of an item as DynamoDB counts it: attribute names plus values. */
export const itemBytes = (item: Record<string, unknown>): number =>
  Object.entries(item).reduce((n, [k, v]) => (v === undefined ? n : n + utf8(k) + valueBytes(v)), 0);

/** Refuses an item that could approach the 400 KB limit: such an item is a programming error. */
export function assertItemSize(item: Record<string, unknown>, limit = ITEM_GUARD_BYTES): number {
  const bytes = itemBytes(item);
  if (bytes > limit) {
    throw new Error(
      `refusing to write a ${Math.ceil(bytes / 1024)} KB item to ${String(item.pk)} / ${String(item.sk)}: ` +
        `items are kept under ${Math.floor(limit / 1024)} KB (DynamoDB's limit is 400 KB)`,
    );
  }
  return bytes;
}

/**
 * The longest a string may stay, tried in turn, when an item has to be cut to fit. The last is for
 * many short strings rather than a few long ones: a parity finding's values across thousands of
 * environments, each up to the 200 characters a value is shown in.
 */
const CUT_STEPS = [16_384, 2_048, 256, 32];
/**
 * The longest a subject (a finding's key, group or rule; a change's key and location) stays when cutting
 * everything else did not make the item fit: only a name a source wrote at hundreds of KB is cut so.
 */
const SUBJECT_MAX = 1_024;

/**
 * The item itself, or, when it would pass the guard, the item with the long strings of `attribute`
 * (a finding: its message and values) cut shorter and shorter until it fits: what a person reads,
 * not what identifies the item (its subject's fields stay whole, unless nothing else makes it fit:
 * then they keep SUBJECT_MAX characters). An item that still does not fit is left for `assertItemSize` to refuse.
 */
export function fitItem<T extends Record<string, unknown>>(
  item: T,
  attributes: (keyof T & string) | ReadonlyArray<keyof T & string>,
  limit = ITEM_GUARD_BYTES,
): T {
  const names = typeof attributes === 'string' ? [attributes] : attributes;
  const cut = (max: number, subjectMax?: number): T => ({
    ...item,
    ...Object.fromEntries(names.map((a) => [a, cutFinding(item[a], max, subjectMax)])),
  });
  let fitted = item;
  for (const max of CUT_STEPS) {
    if (itemBytes(fitted) <= limit) return fitted;
    fitted = cut(max);
  }
  return itemBytes(fitted) <= limit ? fitted : cut(CUT_STEPS.at(-1)!, SUBJECT_MAX);
}
