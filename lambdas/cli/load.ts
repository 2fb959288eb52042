import * as path from 'node:path';
import { loadEstate } from '../adapters/estate-file';
import { formatProblem } from '../core/estate/estate-error';
import type { Estate } from '../core/estate/model';
import { suggestion } from '../core/estate/did-you-mean';
import { UsageError, type CliIo } from './io';

/** Loads the estate named by `-c` (relative to the working folder); problems become a usage error. */
export async function loadEstateOrFail(configFile: string, io: CliIo): Promise<Estate> {
  const result = await loadEstate(path.resolve(io.cwd, configFile));
  if (!result.ok) {
    const shown = result.problems.map((p) => ({ ...p, file: path.relative(io.cwd, p.file) || p.file }));
    throw new UsageError(shown.map(formatProblem).join('\n'));
  }
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
