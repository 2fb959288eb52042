import { canonicalKey } from '../keys';
import type { OpenRead } from './code-read';

/**
 * The canonical start of the keys a name beginning with `literal` can be: `FEATURE_` → `feature.`. A
 * digit is put after it and taken off again, so the separator the literal ends with is kept (a digit
 * neither starts nor ends a word: `APP0` is `app0`, where a letter would split `APPx` as `HTTPServer` is).
 */
export function openPrefix(literal: string): string | undefined {
  const key = canonicalKey(`${literal}0`);
  const prefix = key.endsWith('0') ? key.slice(0, -1) : '';
  return prefix === '' ? undefined : prefix;
}

/** What the code's open reads say of `key`: read by a name that starts as it does, or maybe read by one of no known start. */
export function openReadsOf(openReads: readonly OpenRead[] | undefined, key: string): { read?: OpenRead; maybe?: OpenRead } {
  if (!openReads?.length) return {};
  const read = openReads.find((o) => o.prefix !== undefined && key.startsWith(o.prefix));
  return read ? { read } : { maybe: openReads.find((o) => o.prefix === undefined) };
}

/** `src/app.py:2 reads the whole environment (os.environ)`. */
export function openReadSummary(o: OpenRead): string {
  const what = o.whole
    ? 'reads the whole environment'
    : o.prefix === undefined
      ? 'reads variables by names made as it runs'
      : `reads variables by names starting ${o.prefix}`;
  return `${o.file}:${o.line} ${what} (${o.via})`;
}

/** What an open read means for `unread`, for people. */
export const openReadEffect = (o: OpenRead): string =>
  o.prefix === undefined ? 'no key is proven unread' : `keys starting ${o.prefix} count as read`;
