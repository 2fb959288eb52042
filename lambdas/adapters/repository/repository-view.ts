import { realpathSync } from 'node:fs';
import * as path from 'node:path';
import { leavesFolder } from '../leaves-folder';
import { pathToFileURL } from 'node:url';
import type { Estate } from '../../core/estate/model';
import type { RepositoryView } from '../../ports/repository-view';
import { gitRoot } from './git-root';
import { ValueLines } from './value-lines';

/** The real path of a file (symbolic links resolved, as git reports its root), or the path itself. */
function real(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return path.resolve(file);
  }
}

/** The repository an estate lives in, for code-scanning reports: its root and the lines of its files. */
interface EstateRepository extends RepositoryView {
  root: string;
}

/** Opens the repository of an estate: the git work tree holding drift.yaml, else drift.yaml's folder. */
export async function estateRepository(estate: Estate): Promise<EstateRepository> {
  const folder = path.dirname(estate.file);
  const root = real((await gitRoot(folder)) ?? folder);
  const lines = await ValueLines.of(estate);
  return {
    root,
    rootUri: `${pathToFileURL(root).href.replace(/\/$/, '')}/`,
    relative(file) {
      const rel = path.relative(root, real(file));
      return rel === '' || leavesFolder(rel) ? undefined : rel.split(path.sep).join('/');
    },
    valueLine: (f) => lines.valueLine(f),
    yamlLine: (file, steps) => lines.yamlLine(file, steps),
  };
}
