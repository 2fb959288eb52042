// `npm run bench`: prices this machine's fresh memory, audits every estate shape (shapes.mjs) beside
// a naive parse-and-compare baseline, measures the CLI's startup, `drift code scan` on the
// opentelemetry-demo, hostile settings files and values, and a stored run of the 1,000,000-key estate, then the store's cost, the live
// collectors' calls, a day of change events and the Lambda bundles. Writes bench/results.json (one
// entry per figure) and bench/results.md from the same run.
//   BENCH_SHAPES=shuffled,yaml   only these shapes (default: all)
//   BENCH_RUNS=3                 runs of each shape's audit and baseline
//   BENCH_EXTRAS=0               only the shapes (no startup, stored run, store, live, events, bundles)
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { bundleFigures } from './bundle-figures.mjs';
import { cliStartup } from './cli-startup.mjs';
import { codeScan } from './code-scan.mjs';
import { freshMemorySection, measureFreshMemory } from './fresh-memory.mjs';
import { hostileInputs } from './hostile-inputs.mjs';
import { figure } from './measure.mjs';
import { runShapes } from './shape-runs.mjs';
import { SHAPES } from './shapes.mjs';
import { storedRun } from './stored-run.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const SHAPE_NAMES = process.env.BENCH_SHAPES ? process.env.BENCH_SHAPES.split(',').map((s) => s.trim()) : Object.keys(SHAPES);
const EXTRAS = process.env.BENCH_EXTRAS !== '0';

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

/** Runs one part; a part that fails is reported in the results and the others still run. */
async function part(label, fn) {
  process.stderr.write(`bench: ${label}…\n`);
  try {
    return await fn();
  } catch (err) {
    return { figures: [figure(`${label}: failed`, null, '', '< 0')], md: `## ${label}\n\nFailed: ${String(err.message).slice(0, 500)}\n` };
  }
}

const started = process.hrtime.bigint();
const sections = [];
const figures = [];
const add = ({ figures: f = [], md }) => {
  figures.push(...f);
  sections.push(md);
};
// What fresh memory costs here, before and after: it weighs on every figure, and moves with the machine.
const memoryAtStart = measureFreshMemory();
add(runShapes(SHAPE_NAMES, RUNS, memoryAtStart.pageMicros));
if (EXTRAS) {
  add(await part('CLI startup', cliStartup));
  add(await part('code scan', codeScan));
  add(await part('hostile inputs', hostileInputs));
  add(await part('stored run', storedRun));
  // The store's cost, the live collectors' API calls at the default rate limits and a simulated day
  // of change events: each from a small bundle of its own.
  for (const name of ['store-cost', 'live-cost', 'event-day']) add(await part(name, async () => ({ md: await bundleAndRun(name) })));
  add(
    await part('Lambda bundles', () => {
      const md = execFileSync(process.execPath, [path.join(here, 'lambda-bundles.mjs')], { encoding: 'utf8' });
      return { figures: bundleFigures(md), md };
    }),
  );
}
const memory = freshMemorySection(memoryAtStart, measureFreshMemory());
figures.push(...memory.figures);
sections.unshift(memory.md);
const seconds = Math.round(Number(process.hrtime.bigint() - started) / 1e9);
figures.push(figure('bench: total wall time', seconds, 's', EXTRAS && SHAPE_NAMES.length === Object.keys(SHAPES).length ? '< 600' : null));
const judged = figures.filter((f) => f.met !== null);
const summary = `targets met: ${judged.filter((f) => f.met).length} of ${judged.length}`;
const missed = judged.filter((f) => !f.met).map((f) => `- ${f.name}: ${f.value ?? 'failed'} ${f.unit} (target ${f.target})`);
const md = [
  '# Benchmark',
  '',
  `Node ${process.version}, ${os.cpus().length} cores; the whole run took ${seconds} s. Figures: \`results.json\`.`,
  '',
  ...sections,
  `**${summary}**`,
  '',
  ...(missed.length ? ['Missed:', '', ...missed, ''] : []),
].join('\n');
writeFileSync(path.join(here, 'results.json'), `${JSON.stringify(figures, null, 2)}\n`);
writeFileSync(path.join(here, 'results.md'), md);
process.stdout.write(`${md}\n${summary}\n`);
