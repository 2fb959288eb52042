import type { CliIo } from '../io';
import { loadEstateOrFail } from '../load';

/** `drift validate`: checks the estate file (and its baseline file) without touching anything. */
export async function validateCommand(opts: { config: string; format: string }, io: CliIo): Promise<number> {
  const estate = await loadEstateOrFail(opts.config, io);
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
    io.stdout.write(`${JSON.stringify({ valid: true, ...summary }, null, 2)}\n`);
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
