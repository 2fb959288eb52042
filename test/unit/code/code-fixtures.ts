import { codeAudit, type CodeAudit, type TreeScan } from '../../../lambdas/core/code/code-reads';
import type { CodeRead, ReadFallback } from '../../../lambdas/core/code/code-read';
import type { CodeTreeSpec } from '../../../lambdas/core/estate/model';
import { canonicalKey, looksSecret } from '../../../lambdas/core/keys';

/** A hand-made read, as the scanner would report it (file relative to its tree). */
export function read(name: string, file: string, line: number, fallback?: string | null): CodeRead {
  const f: ReadFallback =
    fallback === undefined ? { kind: 'none' } : fallback === null ? { kind: 'default' } : { kind: 'default', value: fallback };
  return { name, key: canonicalKey(name), file, line, column: 5, language: 'go', via: 'os.Getenv', fallback: f };
}

/** A `code:` tree with its reads. */
export const tree = (path: string, reads: CodeRead[], ignore: string[] = []): TreeScan => {
  const spec: CodeTreeSpec = { path, exclude: [], ignore };
  return { tree: spec, scan: { root: path, reads, files: { go: 1 }, skipped: [] } };
};

/** The code audit of trees, secrets by name only. */
export const codeOf = (...trees: TreeScan[]): CodeAudit => codeAudit(trees, looksSecret);
