import type { CodeRead } from './code-read';
import { shownDefault } from './read-text';
import type { CodeReads } from './code-reads';

/** The reads of `key`: its own, else those of the nearest section above it (`config.get('db')` reads `db.host`). */
export function readsOfKey(reads: CodeReads, key: string): readonly CodeRead[] {
  const own = reads.get(key);
  if (own) return own;
  for (let i = key.lastIndexOf('.'); i > 0; i = key.lastIndexOf('.', i - 1)) {
    const section = reads.get(key.slice(0, i));
    if (section) return section;
  }
  return [];
}

/** `src/app.py:12 (default "8080")`, `+2 more` when the key is read in several places; `not read` when no code reads it. */
export function readSummary(reads: readonly CodeRead[]): string {
  const first = reads[0];
  if (!first) return 'not read';
  const f = first.fallback;
  const fallback = f.kind === 'none' ? 'no default' : f.secret || f.value === undefined ? 'a default' : `default ${shownDefault(f.value)}`;
  return `${first.file}:${first.line} (${fallback})${reads.length > 1 ? ` +${reads.length - 1} more` : ''}`;
}
