import * as path from 'node:path';
import { formatProblem, type EstateProblem } from '../core/estate/estate-error';
import type { Estate } from '../core/estate/model';
import { EstateLoadError, type LoadedEstate } from '../ports/estate-source';
import { cliEstateSource } from '../wiring/cli-services';
import { EstateFileError, UsageError, type CliIo } from './io';
import { unknownEnvironment } from './unknown-environment';

/** Problems with their files shown as people gave them: relative to the working folder. */
export const shownProblems = (problems: readonly EstateProblem[], io: CliIo): EstateProblem[] =>
  problems.map((p) => ({ ...p, file: path.relative(io.cwd, p.file) || p.file }));

/** The problems as an estate-file error: positioned lines on stderr, exit 2. */
export const estateError = (problems: readonly EstateProblem[]): UsageError => new EstateFileError(problems.map(formatProblem).join('\n'));

/** Loads the estate named by `-c` (relative to the working folder) through the estate port, or says what is wrong with it. */
export async function loadEstateFile(
  configFile: string,
  io: CliIo,
): Promise<({ ok: true; warnings: EstateProblem[] } & LoadedEstate) | { ok: false; problems: EstateProblem[] }> {
  const file = path.resolve(io.cwd, configFile);
  try {
    const loaded = await cliEstateSource(file, io.env).load({ key: file });
    return { ok: true, ...loaded, warnings: shownProblems(loaded.warnings ?? [], io) };
  } catch (err) {
    if (err instanceof EstateLoadError) return { ok: false, problems: shownProblems(err.problems, io) };
    throw err;
  }
}

/** Loads the estate named by `-c`, with the version the run record names; problems become a usage error. */
export async function loadedEstateOrFail(configFile: string, io: CliIo): Promise<LoadedEstate> {
  const result = await loadEstateFile(configFile, io);
  if (!result.ok) throw estateError(result.problems);
  return result;
}

/** Loads the estate named by `-c` (relative to the working folder); problems become a usage error. */
export const loadEstateOrFail = async (configFile: string, io: CliIo): Promise<Estate> => (await loadedEstateOrFail(configFile, io)).estate;

/** Checks `--env` names against the estate. */
export function pickEnvironments(estate: Estate, wanted: string[] | undefined): string[] | undefined {
  if (!wanted || !wanted.length) return undefined;
  const names = estate.environments.map((e) => e.name);
  for (const w of wanted) {
    if (!names.includes(w)) throw unknownEnvironment(w, names, true);
  }
  return wanted;
}
