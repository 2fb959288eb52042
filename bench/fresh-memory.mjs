// What this machine charges for memory a process touches for the first time: a fresh process writes
// one byte into every 4 KiB page of a new 256 MiB buffer, then does it again. The first pass takes a
// page fault per page (the kernel, and in a virtual machine often the host, backs the page then); the
// second finds them backed. Every figure of the benchmark that allocates pays the first price for
// each page of its peak: on a machine where it is high, wall times follow memory more than work.
import { spawnSync } from 'node:child_process';
import { figure, stats } from './measure.mjs';

const MIB = 256;
const PAGE = 4096;
const RUNS = 3;

// Run in a child so the pages are new to the process, as an audit's are.
const PROBE = `
const b = Buffer.allocUnsafeSlow(${MIB} * 1024 * 1024);
const touch = (v) => { const t = process.hrtime.bigint(); for (let o = 0; o < b.length; o += ${PAGE}) b[o] = v; return Number(process.hrtime.bigint() - t) / 1e6; };
const first = touch(1);
const again = touch(2);
process.stdout.write(JSON.stringify({ first, again }));
`;

function probe() {
  const run = spawnSync(process.execPath, ['-e', PROBE], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`the memory probe failed: ${run.stderr.slice(-500)}`);
  return JSON.parse(run.stdout);
}

/** The price of a first-touched page now: median ms of each pass over the buffer, and µs per page. */
export function measureFreshMemory() {
  const runs = Array.from({ length: RUNS }, probe);
  const pages = (MIB * 1024 * 1024) / PAGE;
  const first = stats(runs.map((r) => r.first)).median;
  const again = stats(runs.map((r) => r.again)).median;
  return {
    first,
    again,
    pageMicros: Math.round(((first * 1000) / pages) * 100) / 100,
    againNanos: Math.round(((again * 1000) / pages) * 1000),
  };
}

/** The figures and markdown section of the probes taken at the start and at the end of a benchmark run. */
export function freshMemorySection(atStart, atEnd) {
  const figures = [
    figure('machine: first touch of a 4 KiB page, start of the run', atStart.pageMicros, 'µs'),
    figure('machine: first touch of a 4 KiB page, end of the run', atEnd.pageMicros, 'µs'),
  ];
  const row = (when, m) =>
    `| ${when} | ${Math.round(m.first)} ms (${m.pageMicros} µs a page) | ${m.again.toFixed(1)} ms (${m.againNanos} ns a page) |`;
  const md = [
    '## This machine: the price of fresh memory',
    '',
    `A fresh process writes one byte into each 4 KiB page of a new ${MIB} MiB buffer, then again (median of ${RUNS} processes): the first pass pays a page fault per page, the second finds the pages backed.`,
    '',
    '| probe | first touch | second touch |',
    '|---|---|---|',
    row('start of the run', atStart),
    row('end of the run', atEnd),
    '',
    `Every process of the benchmark pays the first price once for each page of its peak memory: ${Math.round(atStart.first / MIB)} ms per MiB at the start of this run. The shape table prices each run's page faults at it.`,
    '',
  ].join('\n');
  return { figures, md };
}
