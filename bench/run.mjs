// `npm run bench`: audits a synthetic estate of 10 environments × 100,000 keys (SSM exports, JSON
// and dotenv files) several times, each in a fresh process, and reports wall time and peak memory
// against the budget (2 s, 1 GiB on 2 cores). Results go to stdout and bench/results.md.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { generateEstate } from './generate-estate.mjs';

/** Bundles bench/NAME.ts (AWS SDK inside, dynalite outside) and returns what it prints. */
async function bundleAndRun(name) {
  const outfile = path.join(here, '..', 'dist', `${name}.js`);
  await build({
    entryPoints: [path.join(here, `${name}.ts`)],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    external: ['dynalite'],
    logLevel: 'warning',
  });
  return execFileSync(process.execPath, [outfile], {
    encoding: 'utf8',
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  });
}

const here = path.dirname(fileURLToPath(import.meta.url));
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const BUDGET = { ms: 2000, rssMiB: 1024 };

const dir = mkdtempSync(path.join(os.tmpdir(), 'drift-bench-'));
try {
  const shape = generateEstate(dir);
  const runs = [];
  for (let i = 0; i < RUNS; i++) {
    // audit-once.mjs reports on stderr (stdout is the audit's own output, discarded).
    const run = spawnSync(process.execPath, [path.join(here, 'audit-once.mjs'), path.join(dir, 'drift.yaml')], {
      encoding: 'utf8',
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    if (run.status !== 0) throw new Error(`audit-once.mjs failed (${run.status ?? run.signal}): ${run.stderr}`);
    runs.push(JSON.parse(run.stderr.trim().split('\n').pop()));
  }
  const stat = (k) => {
    const v = runs.map((r) => r[k]).sort((a, b) => a - b);
    return { min: v[0], median: v[Math.floor(v.length / 2)], max: v[v.length - 1] };
  };
  const ms = stat('ms');
  const rss = stat('maxRssMiB');
  const verdict = (ok) => (ok ? 'within budget' : 'OVER BUDGET');
  const lines = [
    `# Benchmark: audit of ${shape.envs} environments × ${shape.keysPerEnv.toLocaleString('en')} keys`,
    '',
    `Node ${process.version}, ${os.cpus().length} cores, ${RUNS} runs, each a fresh process (\`node bench/audit-once.mjs\`, JSON output discarded).`,
    '',
    '| measure | min | median | max | budget |',
    '|---|---|---|---|---|',
    `| wall time (ms) | ${ms.min} | ${ms.median} | ${ms.max} | ${BUDGET.ms} (${verdict(ms.median <= BUDGET.ms)}) |`,
    `| peak RSS (MiB) | ${rss.min} | ${rss.median} | ${rss.max} | ${BUDGET.rssMiB} (${verdict(rss.max <= BUDGET.rssMiB)}) |`,
    '',
    `Findings output: ${runs[0].outputChars.toLocaleString('en')} characters of JSON; exit code ${runs[0].exit}.`,
    '',
  ];
  // The store's cost, the live collectors' API calls at the default rate limits and a simulated day
  // of change events: each from a small bundle of its own (the CLI bundle exports only `main`).
  lines.push(await bundleAndRun('store-cost'), await bundleAndRun('live-cost'), await bundleAndRun('event-day'));
  // Each Lambda bundle's size and cold load time.
  lines.push(execFileSync(process.execPath, [path.join(here, 'lambda-bundles.mjs')], { encoding: 'utf8' }));
  process.stdout.write(lines.join('\n'));
  writeFileSync(path.join(here, 'results.md'), lines.join('\n'));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
