// Fresh-process measurement helpers shared by the benchmark's parts.
import { spawnSync } from 'node:child_process';

/** min, median and max of numbers. */
export function stats(values) {
  const v = [...values].sort((a, b) => a - b);
  return { min: v[0], median: v[Math.floor(v.length / 2)], max: v[v.length - 1] };
}

/**
 * Runs `node script ...args` in a fresh process and returns the JSON line it prints last on stderr
 * (audit-once.mjs and naive-audit.mjs report `{ ms, maxRssMiB }` there; stdout is discarded).
 */
export function reportOf(script, args, { timeoutMs = 180_000 } = {}) {
  const run = spawnSync(process.execPath, [script, ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'ignore', 'pipe'],
    timeout: timeoutMs,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.status !== 0) throw new Error(`${script} failed (${run.status ?? run.signal}): ${run.stderr.slice(-2000)}`);
  return JSON.parse(run.stderr.trim().split('\n').pop());
}

/** Wall time (ms) of a fresh process as a user sees it; exit codes in `ok` count as success. */
export function timeProcess(args, { cwd, env = process.env, ok = [0], timeoutMs = 180_000 } = {}) {
  const started = process.hrtime.bigint();
  const run = spawnSync(process.execPath, args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'], timeout: timeoutMs });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (!ok.includes(run.status)) throw new Error(`node ${args.join(' ')} failed (${run.status ?? run.signal}): ${run.stderr.slice(-2000)}`);
  return ms;
}

/** One figure of results.json; `target` is a comparison such as "< 2000" or "<= 1.0", or null. */
export function figure(name, value, unit, target = null) {
  let met = null;
  if (target !== null) {
    const [op, limit] = target.split(' ');
    met = value !== null && Number.isFinite(value) && (op === '<' ? value < Number(limit) : value <= Number(limit));
  }
  return { name, value, unit, target, met };
}
