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

/** A finding's fields that name its subject: never cut, however short the strings of the rest become. */
const FINDING_SUBJECT = new Set(['id', 'kind', 'severity', 'estate', 'environment', 'group', 'key', 'rule']);

/** Cuts a string to `max` UTF-16 units (never half a surrogate pair), saying how long it was. */
function cutString(s: string, max: number): string {
  if (s.length <= max) return s;
  const end = /[\uD800-\uDBFF]/.test(s.charAt(max - 1)) ? max - 1 : max;
  return `${s.slice(0, end)}… (cut from ${s.length} characters)`;
}

const cutStrings = (v: unknown, max: number): unknown => {
  if (typeof v === 'string') return cutString(v, max);
  if (Array.isArray(v)) return v.map((x) => cutStrings(x, max));
  if (v !== null && typeof v === 'object' && !(v instanceof Uint8Array)) {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, cutStrings(x, max)]));
  }
  return v;
};

/** A finding with the strings of everything but its subject cut to `max`. */
const cutFinding = (finding: unknown, max: number): unknown =>
  finding !== null && typeof finding === 'object' && !Array.isArray(finding)
    ? Object.fromEntries(Object.entries(finding).map(([k, x]) => [k, FINDING_SUBJECT.has(k) ? x : cutStrings(x, max)]))
    : cutStrings(finding, max);

/**
 * The item itself, or, when it would pass the guard, the item with the long strings of `attribute`
 * (a finding: its message and values) cut shorter and shorter until it fits: what a person reads,
 * not what identifies the item (its subject's fields stay whole). An item that still does not fit
 * is left for `assertItemSize` to refuse.
 */
export function fitItem<T extends Record<string, unknown>>(item: T, attribute: keyof T & string, limit = ITEM_GUARD_BYTES): T {
  let fitted = item;
  for (const max of CUT_STEPS) {
    if (itemBytes(fitted) <= limit) return fitted;
    fitted = { ...item, [attribute]: cutFinding(item[attribute], max) };
  }
  return fitted;
}
