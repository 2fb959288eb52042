// The audit of every estate shape beside the naive baseline: N runs of each, alternating, each in a
// fresh process, on the same generated files. Targets per shape: under 2 s and 600 MiB, and no
// slower than the baseline.
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateEstate } from './generate-estate.mjs';
import { figure, reportOf, stats } from './measure.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const TARGET = { ms: 2000, rssMiB: 600, ratio: 1.0 };
// A baseline this many times slower than the audit in the first pair runs once: no noise brings the ratio near its
// target, and its repeats (Kubernetes manifests through yaml's document parser: a minute each on a slow host) would
// take the bench past its ten minutes.
const SETTLED = 3;

/** Audits one shape and its baseline `runs` times each; returns its figures and its table row. */
function runShape(name, runs, pageMicros) {
  const dir = mkdtempSync(path.join(os.tmpdir(), `drift-bench-${name}-`));
  try {
    const estate = generateEstate(dir, name);
    const audit = [];
    const naive = [];
    for (let i = 0; i < runs; i++) {
      audit.push(reportOf(path.join(here, 'audit-once.mjs'), [path.join(dir, 'drift.yaml')]));
      if (i === 0 || naive[0].ms < SETTLED * audit[0].ms) naive.push(reportOf(path.join(here, 'naive-audit.mjs'), [dir]));
    }
    const a = stats(audit.map((r) => r.ms));
    const n = stats(naive.map((r) => r.ms));
    const aRss = stats(audit.map((r) => r.maxRssMiB));
    const nRss = stats(naive.map((r) => r.maxRssMiB));
    const aFaults = stats(audit.map((r) => r.faults)).median;
    const nFaults = stats(naive.map((r) => r.faults)).median;
    const ratio = Math.round((a.median / n.median) * 100) / 100;
    const figures = [
      figure(`audit ${name}: median wall time`, a.median, 'ms', `< ${TARGET.ms}`),
      figure(`audit ${name}: peak RSS (max of runs)`, aRss.max, 'MiB', `< ${TARGET.rssMiB}`),
      figure(`audit ${name}: time / naive`, ratio, 'ratio', `<= ${TARGET.ratio.toFixed(1)}`),
      figure(`naive ${name}: median wall time`, n.median, 'ms'),
      figure(`naive ${name}: peak RSS (max of runs)`, nRss.max, 'MiB'),
      figure(`audit ${name}: page faults, median`, aFaults, 'faults'),
      figure(`naive ${name}: page faults, median`, nFaults, 'faults'),
    ];
    const met = figures.filter((f) => f.met !== null);
    const size = `${estate.envs} × ${estate.keysPerEnv.toLocaleString('en')}, ${Math.round(estate.bytes / 2 ** 20)} MiB`;
    const priced = (faults) => `${Math.round(faults / 1000)}k (≤ ${Math.round((faults * pageMicros) / 1000)} ms)`;
    const faults = `${priced(aFaults)} / ${priced(nFaults)}`;
    const row = `| ${name} | ${size} | ${a.median} (${a.min}–${a.max}) | ${naive.length === 1 ? `${n.median} (1 run)` : `${n.median} (${n.min}–${n.max})`} | ${ratio.toFixed(2)} | ${aRss.max} | ${nRss.max} | ${faults} | ${met.every((f) => f.met) ? 'yes' : `no (${met.filter((f) => !f.met).length} of 3 missed)`} |`;
    return { figures, row, about: `- \`${name}\`: ${estate.about}.` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Runs every named shape; a shape that fails is reported as failed and the others still run.
 * `pageMicros`: what a first-touched page costs here (fresh-memory.mjs), to price each run's page faults.
 */
export function runShapes(names, runs, pageMicros) {
  const figures = [];
  const rows = [];
  const abouts = [];
  for (const name of names) {
    process.stderr.write(`bench: shape ${name}…\n`);
    try {
      const r = runShape(name, runs, pageMicros);
      figures.push(...r.figures);
      rows.push(r.row);
      abouts.push(r.about);
    } catch (err) {
      figures.push(figure(`audit ${name}: median wall time`, null, 'ms', `< ${TARGET.ms}`));
      rows.push(`| ${name} | failed: ${String(err.message).split('\n')[0].slice(0, 200)} | | | | | | | no |`);
    }
  }
  const md = [
    `## Estate shapes: the audit beside a naive parse-and-compare baseline`,
    '',
    `${runs} run${runs === 1 ? '' : 's'} of each, alternating, each a fresh process (\`bench/audit-once.mjs\`, which runs the CLI as bin/drift.js does, through its code cache, and \`bench/naive-audit.mjs\`); times in ms, median (min–max); peak RSS in MiB, the largest of the runs. Page faults: median per process, audit / naive, each with what they cost at most at this machine's price of a fresh page (above; some are pages of files already in memory, which cost less). Targets: under ${TARGET.ms} ms and ${TARGET.rssMiB} MiB, and time / naive ≤ ${TARGET.ratio.toFixed(1)}. A baseline ${SETTLED} times the audit's time or more in the first pair runs once (\`1 run\`): no noise brings that ratio near its target.`,
    '',
    '| shape | environments × keys, files | audit ms | naive ms | audit / naive | audit MiB | naive MiB | page faults, audit / naive | targets met |',
    '|---|---|---|---|---|---|---|---|---|',
    ...rows,
    '',
    ...abouts,
    '',
  ].join('\n');
  return { figures, md };
}
