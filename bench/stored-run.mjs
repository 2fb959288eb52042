// A stored audit of the 1,000,000-key estate (`mirror`, 10 × 100,000) with the embedded store: the
// first run writes its history into `.drift/` beside the estate, an unchanged re-run finds nothing new.
// Each pair RUNS times, the store removed before each first run; medians, as for the other figures.
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateEstate } from './generate-estate.mjs';
import { figure, stats, timeProcess } from './measure.mjs';

const drift = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'drift.js');
const RUNS = 3;

/** The stored-run figures and their markdown section. */
export function storedRun() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'drift-bench-stored-'));
  try {
    generateEstate(dir, 'mirror');
    // No `--as-of`: a run dated in the past is not recorded.
    const args = [drift, 'audit', '-c', path.join(dir, 'drift.yaml'), '--format', 'json'];
    // Exit code 1 is the gate (findings), not a failure.
    const run = () => Math.round(timeProcess(args, { cwd: dir, ok: [0, 1], timeoutMs: 600_000 }));
    const firsts = [];
    const agains = [];
    for (let i = 0; i < RUNS; i++) {
      rmSync(path.join(dir, '.drift'), { recursive: true, force: true });
      firsts.push(run());
      agains.push(run());
    }
    const first = stats(firsts);
    const again = stats(agains);
    const figures = [
      figure('stored 1,000,000 keys: first run, median', first.median, 'ms', '< 8000'),
      figure('stored 1,000,000 keys: unchanged re-run, median', again.median, 'ms', '< 1000'),
    ];
    const verdict = (f) => `${f.target} ms (${f.met ? 'met' : 'MISSED'})`;
    const md = [
      '## Stored run: 1,000,000 keys, embedded store',
      '',
      `\`drift audit\` of the \`mirror\` estate without \`--no-store\`, \`.drift/\` beside the estate; wall time of the process, median (min–max) of ${RUNS} first runs, each into an empty store and followed by an unchanged re-run.`,
      '',
      '| run | ms | target |',
      '|---|---|---|',
      `| first run | ${first.median} (${first.min}–${first.max}) | ${verdict(figures[0])} |`,
      `| unchanged re-run | ${again.median} (${again.min}–${again.max}) | ${verdict(figures[1])} |`,
      '',
    ].join('\n');
    return { figures, md };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
