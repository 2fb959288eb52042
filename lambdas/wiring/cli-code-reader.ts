import * as path from 'node:path';
import { codeTreeProblem } from '../adapters/code-tree-paths';
import { trustsEstatePaths } from '../adapters/estate-confinement';
import { CodeTreeError } from '../core/code/code-tree-error';
import { hiddenCodeScan } from '../core/engine/hidden-code-reads';
import type { Fingerprinter } from '../core/fingerprint';
import type { CodeReader, CodeTree } from '../ports/code-reader';

/** The scanner itself, loaded only when an estate declares `code:` (web-tree-sitter is not light). */
export type LoadScanner = () => Promise<CodeReader>;

const loadTreeSitter: LoadScanner = async () => {
  const { TreeSitterCodeReader } = await import('../adapters/code/tree-sitter-code-reader');
  return new TreeSitterCodeReader();
};

/**
 * The CLI's code reader: a `code:` path is relative to the estate file's folder and confined to it
 * like a recorded source's `from:` (unless the estate is trusted); a tree that may not or cannot be
 * read is a CodeTreeError, which the audit reports as a `source-error`. A credential written as a
 * read's name is fingerprinted in place with `fp`, the estate's, as its sources spell it (hiddenCodeScan).
 */
export function cliCodeReader(
  estateFile: string,
  env: NodeJS.ProcessEnv,
  fp: Fingerprinter,
  load: LoadScanner = loadTreeSitter,
): CodeReader {
  const baseDir = path.dirname(path.resolve(estateFile));
  let scanner: Promise<CodeReader> | undefined;
  return {
    async scan(tree: CodeTree) {
      const problem = await codeTreeProblem(baseDir, tree.path, trustsEstatePaths(env));
      if (problem) throw new CodeTreeError(`${tree.path} ${problem}`);
      return hiddenCodeScan(await (await (scanner ??= load())).scan({ ...tree, path: path.resolve(baseDir, tree.path) }), fp);
    },
  };
}
