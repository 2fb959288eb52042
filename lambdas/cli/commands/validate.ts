import { readFile } from 'node:fs/promises';
import { trustsEstatePaths, unconfinedFromPaths } from '../../adapters/estate-confinement';
import { unreadableFromPaths } from '../../adapters/estate-paths';
import { codeTreeProblems } from '../../adapters/code-tree-paths';
import { estateLocator, liveNameProblems } from '../../adapters/live/live-source-problems';
import { formatProblem, sortProblems, type EstateProblem } from '../../core/estate/estate-error';
import type { Estate } from '../../core/estate/model';
import { EXIT, type CliIo } from '../io';
import { estateError, loadEstateFile, shownProblems } from '../load';

/** The problems of the estate file, its baseline and the recorded files it names; the estate when there are none. */
async function check(config: string, io: CliIo): Promise<{ estate?: Estate; problems: EstateProblem[]; warnings: EstateProblem[] }> {
  const loaded = await loadEstateFile(config, io);
  if (!loaded.ok) return { problems: loaded.problems, warnings: [] };
  // Only validate refuses a missing recording: the audit reports it as a source-error and judges the rest.
  const trusted = trustsEstatePaths(io.env);
  const unconfined = trusted ? [] : await unconfinedFromPaths(loaded.estate);
  // The names of live reads, as the deploy checks them: an estate that validates must not fail `cdk deploy` on them.
  const at = estateLocator(await readFile(loaded.estate.file, 'utf8'), loaded.estate.file);
  const found = [
    ...liveNameProblems(loaded.estate, at),
    ...(await unreadableFromPaths(loaded.estate)),
    ...unconfined,
    ...(await codeTreeProblems(loaded.estate, trusted)),
  ];
  const problems = shownProblems(sortProblems(found), io);
  return problems.length ? { problems, warnings: loaded.warnings } : { estate: loaded.estate, problems, warnings: loaded.warnings };
}

const plain = ({ file, line, column, message }: EstateProblem) => ({ file, line, column, message });

/** `drift validate`: checks the estate file (and its baseline file) without touching anything. */
export async function validateCommand(opts: { config: string; format: string }, io: CliIo): Promise<number> {
  const { estate, problems, warnings } = await check(opts.config, io);
  if (opts.format !== 'json') for (const w of warnings) io.stderr.write(`${formatProblem({ ...w, message: `warning: ${w.message}` })}\n`);
  if (!estate) {
    if (opts.format !== 'json') throw estateError(problems);
    io.stdout.write(`${JSON.stringify({ valid: false, problems: problems.map(plain), warnings: warnings.map(plain) }, null, 2)}\n`);
    return EXIT.usage;
  }
  const summary = {
    estate: estate.name,
    environments: estate.environments.map((e) => e.name),
    sources: estate.environments.reduce((n, e) => n + e.sources.length, 0),
    parityGroups: estate.parity.map((g) => g.name),
    keys: estate.baseline.keys.size,
    rules: estate.baseline.rules.length,
    exceptions: estate.baseline.exceptions.length,
  };
  if (opts.format === 'json') {
    io.stdout.write(`${JSON.stringify({ valid: true, problems: [], warnings: warnings.map(plain), ...summary }, null, 2)}\n`);
  } else {
    const n = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
    io.stdout.write(
      `${opts.config} is valid: estate ${summary.estate}, ${n(summary.environments.length, 'environment')} (${summary.environments.join(', ')}), ` +
        `${n(summary.sources, 'source')}, ${n(summary.keys, 'baseline key')}, ${n(summary.rules, 'rule')}, ${n(summary.exceptions, 'exception')}, ` +
        `${n(summary.parityGroups.length, 'parity group')}\n`,
    );
  }
  return 0;
}
