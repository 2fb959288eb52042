import type { CodeScan } from '../core/code/code-read';

/** What to scan: a source tree (a path the estate names, relative to the estate file) and globs left out. */
export interface CodeTree {
  readonly path: string;
  readonly exclude: readonly string[];
  /** Read tests and test runners' settings too, which are left out otherwise (`code: { tests: true }`, `--include-tests`). */
  readonly tests?: boolean;
}

/** Reads the configuration keys a source tree reads (tree-sitter on a checkout; a published scan on AWS). */
export interface CodeReader {
  scan(tree: CodeTree): Promise<CodeScan>;
}
