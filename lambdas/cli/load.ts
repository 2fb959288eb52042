import * as path from 'node:path';
import { trustsEstatePaths } from '../adapters/estate-confinement';
import { loadEstate } from '../adapters/estate-file';
import { formatProblem, type EstateProblem } from '../core/estate/estate-error';
import type { Estate } from '../core/estate/model';
import { suggestion } from '../core/estate/did-you-mean';
import { UsageError, type CliIo } from './io';

/** Problems with their files shown as people gave them: relative to the working folder. */
export const shownProblems = (problems: readonly EstateProblem[], io: CliIo): EstateProblem[] =>
  problems.map((p) => ({ ...p, file: path.relative(io.cwd, p.file) || p.file }));

/** The problems as an estate-file error: positioned lines on stderr, exit 2. */
export const estateError = (problems: readonly EstateProblem[]): UsageError => new UsageError(problems.map(formatProblem).join('\n'));

/** Loads the estate named by `-c` (relative to the working folder), or says what is wrong with it. */
export async function loadEstateFile(
  configFile: string,
  io: CliIo,
): Promise<{ ok: true; estate: Estate; warnings: EstateProblem[] } | { ok: false; problems: EstateProblem[] }> {
  const result = await loadEstate(path.resolve(io.cwd, configFile), { trustPaths: trustsEstatePaths(io.env) });
  return result.ok
    ? { ...result, warnings: shownProblems(result.warnings, io) }
    : { ok: false, problems: shownProblems(result.problems, io) };
}

/** Loads the estate named by `-c` (relative to the working folder); problems become a usage error. */
export async function loadEstateOrFail(configFile: string, io: CliIo): Promise<Estate> {
  const result = await loadEstateFile(configFile, io);
  if (!result.ok) throw estateError(result.problems);
  return result.estate;
}

/** Checks `--env` names against the estate. */
export function pickEnvironments(estate: Estate, wanted: string[] | undefined): string[] | undefined {
  if (!wanted || !wanted.length) return undefined;
  const names = estate.environments.map((e) => e.name);
  for (const w of wanted) {
    if (!names.includes(w)) throw new UsageError(`unknown environment "${w}"${suggestion(w, names)}; the estate has ${names.join(', ')}`);
  }
  return wanted;
}
