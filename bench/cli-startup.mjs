// How long the CLI takes to answer, beside a bare Node.js start: each command in a fresh process,
// in turn, the median of RUNS. Works with whatever bin/drift.js loads.
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { figure, stats, timeProcess } from './measure.mjs';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = 9;
const COMMANDS = [
  { label: 'drift --version', args: ['bin/drift.js', '--version'], target: 2 },
  { label: 'drift validate', args: ['bin/drift.js', 'validate', '-c', 'examples/drift.yaml'], target: 2 },
  // The example estate has findings: exit code 1 is the gate, not a failure.
  {
    label: 'drift audit --no-store',
    args: ['bin/drift.js', 'audit', '--no-store', '-c', 'examples/drift.yaml', '--format', 'json'],
    target: 3,
    ok: [0, 1],
  },
];

/** The startup figures and their markdown section. */
export function cliStartup() {
  const env = { ...process.env, DRIFT_FINGERPRINT_KEY: Buffer.alloc(32, 1).toString('base64') };
  const times = [[], ...COMMANDS.map(() => [])];
  for (let i = 0; i < RUNS; i++) {
    times[0].push(timeProcess(['-e', '0'], { cwd: root }));
    COMMANDS.forEach((c, j) => times[j + 1].push(timeProcess(c.args, { cwd: root, env, ok: c.ok ?? [0] })));
  }
  const bare = stats(times[0]).median;
  const figures = [figure('cli startup: node -e 0, median', Math.round(bare), 'ms')];
  const rows = [`| \`node -e 0\` | ${Math.round(bare)} | 1.00 | |`];
  COMMANDS.forEach((c, j) => {
    const median = stats(times[j + 1]).median;
    const ratio = Math.round((median / bare) * 100) / 100;
    figures.push(figure(`cli startup: ${c.label}, median`, Math.round(median), 'ms'));
    const f = figure(`cli startup: ${c.label} / node -e 0`, ratio, 'ratio', `<= ${c.target}`);
    figures.push(f);
    rows.push(`| \`${c.label}\` | ${Math.round(median)} | ${ratio.toFixed(2)} | ≤ ${c.target} (${f.met ? 'met' : 'MISSED'}) |`);
  });
  // bin/drift.js keeps V8's code cache of each command (lambdas/cli/code-cache.ts): the first run of a build pays to write it.
  const first = COMMANDS.map((c, j) => `\`${c.label}\` ${Math.round(times[j + 1][0])} ms`).join(', ');
  const md = [
    '## CLI startup on the example estate',
    '',
    `Wall time of a fresh process, median of ${RUNS}, run in turn with a bare Node.js start.`,
    '',
    '| command | ms | × `node -e 0` | target |',
    '|---|---|---|---|',
    ...rows,
    '',
    `The first of the runs, which compiles each command and writes its code cache when no earlier run of this build did: ${first}.`,
    '',
  ].join('\n');
  return { figures, md };
}
