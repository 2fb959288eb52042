import { oneLine } from '../one-line';
import { cut, sanitize } from '../values/value';
import type { CodeRead } from './code-read';

/** `src/checkout/main.go:120 (os.Getenv)`: where a read is, for a message. */
export const readAt = (r: CodeRead): string => `${r.file}:${r.line} (${r.via})`;

/** What the code does when the key is unset, in words: `falls back to "8080"`, or `no default: the code gets nothing`. */
export function fallbackText(r: CodeRead): string {
  const f = r.fallback;
  if (f.kind === 'none') return 'no default: the code gets nothing';
  if (f.secret) return 'falls back to a default (a secret: not shown)';
  // The literal as the code writes it, quotes included (`"8080"`, `8013`, `true`).
  if (f.value === undefined) return 'falls back to a computed default';
  // Spring's `${a.b:}` and a property file's `b: ""` give nothing to quote: say so.
  return f.value === '' ? 'falls back to an empty value' : `falls back to ${oneLine(f.value, 120)}`;
}

// A default is a literal of the code, as long as its author wrote it (a prompt, a template): a column shows its start.
const DEFAULT_COLUMN = 80;

/** A default as a column shows it (`drift code scan`, `drift diff`): one line, escaped, cut short. */
export const shownDefault = (value: string): string => (value === '' ? '(empty)' : cut(sanitize(value), DEFAULT_COLUMN));

/** The reads of a key that take no default: the ones that make an unset key fail. */
export const withoutDefault = (reads: readonly CodeRead[]): CodeRead[] => reads.filter((r) => r.fallback.kind === 'none');
