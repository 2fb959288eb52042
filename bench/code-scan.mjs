// `drift code scan` on the whole opentelemetry-demo tree (about 190 files in a dozen languages): wall
// time of a fresh process, as a CI step runs it, the median of RUNS. Run alone: `node bench/code-scan.mjs`.
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { figure, stats, timeProcess } from './measure.mjs';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = 5;
const TREE = 'test/fixtures/opentelemetry-demo/src';
const TARGET_MS = 5000;

/** The code-scan figures and their markdown section. */
export function codeScan() {
  const args = ['bin/drift.js', 'code', 'scan', TREE, '--format', 'json'];
  const run = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`drift code scan failed (${run.status ?? run.signal}): ${run.stderr.slice(-2000)}`);
  const scan = JSON.parse(run.stdout);
  const files = Object.values(scan.files).reduce((a, n) => a + n, 0);
  const times = Array.from({ length: RUNS }, () => timeProcess(args, { cwd: root }));
  const { min, median, max } = stats(times);
  const f = figure('code scan: opentelemetry-demo, median', Math.round(median), 'ms', `< ${TARGET_MS}`);
  const md = [
    '## Code scan',
    '',
    `\`drift code scan ${TREE}\`: ${files} files, ${scan.reads.length} reads; wall time of a fresh process, ${RUNS} runs.`,
    '',
    '| min ms | median ms | max ms | target |',
    '|---|---|---|---|',
    `| ${Math.round(min)} | ${Math.round(median)} | ${Math.round(max)} | < ${TARGET_MS} (${f.met ? 'met' : 'MISSED'}) |`,
    '',
  ].join('\n');
  return { figures: [f], md };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) process.stdout.write(codeScan().md);
