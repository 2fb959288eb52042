import { codeAudit, withoutSecretDefaults, type CodeAudit, type TreeScan } from '../core/code/code-reads';
import { DriftError } from '../core/errors';
import type { CodeTreeSpec, Estate } from '../core/estate/model';
import { baselineSecretPolicy } from '../core/sources/context';
import type { CodeReader, CodeTree } from '../ports/code-reader';
import { CODE_SCAN_SCHEMA, type PublishedScan } from '../core/code/published-scan';

/** What the reader scans of an estate's `code:` tree. */
const codeTree = (tree: CodeTreeSpec): CodeTree => ({ path: tree.path, exclude: tree.exclude, tests: tree.tests });

/** A tree that cannot be read is data (a `source-error`); a failure of drift itself still throws. */
const readFailure = (err: unknown): string | undefined =>
  err instanceof DriftError || typeof (err as NodeJS.ErrnoException | undefined)?.code === 'string' ? (err as Error).message : undefined;

/**
 * Scans each of the estate's `code:` trees once (one after the other: parsing is CPU-bound) and unites their reads; undefined
 * without `code:`. Defaults of keys secret by the baseline or `heldSecret` (held as secrets by a source) are not kept.
 */
export async function readCode(
  reader: CodeReader,
  estate: Estate,
  heldSecret: ReadonlySet<string> = new Set(),
): Promise<CodeAudit | undefined> {
  if (!estate.code) return undefined;
  const scans: TreeScan[] = [];
  for (const tree of estate.code) {
    try {
      scans.push({ tree, scan: await reader.scan(codeTree(tree)) });
    } catch (err) {
      const error = readFailure(err);
      if (error === undefined) throw err;
      scans.push({ tree, error });
    }
  }
  const isSecretKey = baselineSecretPolicy(estate.baseline);
  return codeAudit(scans, (key) => isSecretKey(key) || heldSecret.has(key));
}

/** Every `code:` tree's scan, for `drift publish` to upload beside the estate; a tree that cannot be read stops it (CodeTreeError). */
export async function publishedScan(reader: CodeReader, estate: Estate): Promise<PublishedScan> {
  const trees: PublishedScan['trees'] = [];
  // Uploaded, so kept: a default of a key the baseline declares secret is not (the audit would hide it, too late).
  const isSecretKey = baselineSecretPolicy(estate.baseline);
  for (const tree of estate.code ?? [])
    trees.push({
      path: tree.path,
      // The root as the estate names the tree: where the publishing machine keeps its checkout is not the estate's.
      scan: { ...withoutSecretDefaults(await reader.scan(codeTree(tree)), isSecretKey), root: tree.path },
    });
  return { schema: CODE_SCAN_SCHEMA, trees };
}
