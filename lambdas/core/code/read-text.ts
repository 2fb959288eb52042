import { oneLine } from '../one-line';
import type { CodeRead } from './code-read';

/** `src/checkout/main.go:120 (os.Getenv)`: where a read is, for a message. */
export const readAt = (r: CodeRead): string => `${r.file}:${r.line} (${r.via})`;

/** What the code does when the key is unset, in words: `falls back to "8080"`, or `no default: the code gets nothing`. */
export function fallbackText(r: CodeRead): string {
  const f = r.fallback;
  if (f.kind === 'none') return 'no default: the code gets nothing';
  if (f.secret) return 'falls back to a default (a secret: not shown)';
  // The literal as the code writes it, quotes included (`"8080"`, `8013`, `true`).
  return f.value === undefined ? 'falls back to a computed default' : `falls back to ${oneLine(f.value, 120)}`;
}

/** The reads of a key that take no default: the ones that make an unset key fail. */
export const withoutDefault = (reads: readonly CodeRead[]): CodeRead[] => reads.filter((r) => r.fallback.kind === 'none');
