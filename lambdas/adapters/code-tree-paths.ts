import { stat } from 'node:fs/promises';
import * as path from 'node:path';
import type { EstateProblem } from '../core/estate/estate-error';
import type { Estate } from '../core/estate/model';
import { confinementProblem, TRUST_HINT } from './estate-confinement';

/**
 * Why a `code:` path (relative to the estate file's folder `baseDir`) may not or cannot be scanned,
 * or undefined: confined like a recorded source's `from:` unless the estate is trusted, and a folder.
 */
export async function codeTreeProblem(baseDir: string, written: string, trusted: boolean): Promise<string | undefined> {
  const outside = trusted ? undefined : confinementProblem(baseDir, written);
  if (outside) return `${outside}; ${TRUST_HINT}`;
  const found = await stat(path.resolve(baseDir, written)).catch(() => undefined);
  if (!found) return 'does not exist';
  return found.isDirectory() ? undefined : 'is not a folder';
}

/** The `code:` trees of an estate that cannot be scanned, positioned where each is written: what `drift validate` refuses. */
export async function codeTreeProblems(estate: Estate, trusted: boolean): Promise<EstateProblem[]> {
  const dir = path.dirname(path.resolve(estate.file));
  const found = await Promise.all(
    (estate.code ?? []).map(async (tree) => {
      const problem = await codeTreeProblem(dir, tree.path, trusted);
      const at = tree.at ?? { file: estate.file, line: 1, column: 1 };
      return problem ? [{ ...at, message: `code: ${tree.path} ${problem}` }] : [];
    }),
  );
  return found.flat();
}
