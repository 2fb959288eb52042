import { constants } from 'node:fs';
import { access, lstat, readdir } from 'node:fs/promises';
import * as path from 'node:path';
import { didYouMean } from '../core/estate/did-you-mean';
import type { EstateProblem } from '../core/estate/estate-error';
import type { Estate } from '../core/estate/model';
import { fsCode, fsReason } from './fs-reason';

const why = (err: unknown): string => {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return 'does not exist';
  return `cannot be read: ${fsReason(err) ?? fsCode(err)}`;
};

/** ` (did you mean "config/staging.yml"?)` when the folder holds a near name. */
async function nearby(dir: string, written: string): Promise<string> {
  const parent = path.dirname(written);
  try {
    const near = didYouMean(path.basename(written), await readdir(path.resolve(dir, parent)));
    return near ? ` (did you mean "${parent === '.' ? near : path.join(parent, near)}"?)` : '';
  } catch {
    return '';
  }
}

/** Why one `from:` path is a problem (a message read after `…from: PATH`), or undefined. */
export type FromPathCheck = (dir: string, written: string) => Promise<string | undefined>;

/**
 * Every recorded `from:` path of an estate through `check`, each problem positioned where the path
 * is written and named as `environments.ENV.sources[i].KIND.from: PATH …`.
 */
export async function fromPathProblems(estate: Estate, check: FromPathCheck): Promise<EstateProblem[]> {
  const dir = path.dirname(path.resolve(estate.file));
  const checks: Array<Promise<EstateProblem | undefined>> = [];
  for (const env of estate.environments) {
    for (const source of env.sources) {
      const from = 'from' in source ? (source.from ?? []) : [];
      from.forEach((written, j) => {
        // Positions are read only for a problem: reading one parses the estate file with positions (see readYaml).
        const at = () => source.fromAt?.[j] ?? source.at ?? { file: estate.file, line: 1, column: 1 };
        const where = `environments.${env.name}.sources[${source.index}].${source.type}.from: ${written}`;
        checks.push(check(dir, written).then((problem) => (problem ? { ...at(), message: `${where} ${problem}` } : undefined)));
      });
    }
  }
  return (await Promise.all(checks)).filter((p): p is EstateProblem => p !== undefined);
}

async function unreadable(dir: string, written: string): Promise<string | undefined> {
  const abs = path.resolve(dir, written);
  try {
    await access(abs, constants.R_OK);
    return undefined;
  } catch (err) {
    const reason = why(err);
    if (reason !== 'does not exist') return reason;
    // The link is there (a near name would be itself): what is missing is where it points.
    if ((await lstat(abs).catch(() => undefined))?.isSymbolicLink()) return 'is a symbolic link to a path that does not exist';
    return `${reason}${await nearby(dir, written)}`;
  }
}

/**
 * The recorded `from:` paths of an estate (files or folders, relative to the estate file's folder)
 * that cannot be read, positioned where each is written. `drift validate` refuses them; the audit
 * reports the same as `source-error` findings and judges the rest.
 */
export const unreadableFromPaths = (estate: Estate): Promise<EstateProblem[]> => fromPathProblems(estate, unreadable);
