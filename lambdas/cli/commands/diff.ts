import { keyCodeReadSummary } from '../../core/code/key-code-read';
import { diffConfigs, type DiffRow } from '../../core/engine/diff';
import { cut, sanitize, visibleValue } from '../../core/values/value';
import { auditSession } from '../audit-session';
import { UsageError, type CliIo } from '../io';
import { FORMATS, parseFormat, type CommonOptions } from '../options';
import { describeSource } from '../../core/describe-source';
import { painter, type Paint } from '../../adapters/reports/paint';
import { useColour } from '../colour';

// The most of a differing value a row's lines show beneath it when its column cut it.
const FULL_VALUE_CHARS = 2000;

// An empty or blank value is quoted, or its cell would look like no value at all.
const cell = (value: string, col: number): string => visibleValue(sanitize(cut(value, col)));

/** Where the code reads the row's key, or `not read`. */
function codeCell(r: DiffRow, paint: Paint): string {
  const summary = keyCodeReadSummary(r);
  return summary === undefined ? paint('dim', 'not read') : sanitize(summary);
}

function renderRows(a: string, b: string, rows: DiffRow[], paint: Paint): string {
  const width = Math.min(48, Math.max(3, ...rows.map((r) => r.key.length)));
  const col = 32;
  // With `code:` in the estate, a last column says where the code reads each key.
  const withCode = rows.some((r) => r.code !== undefined);
  const pad = (s: string, plain: string): string => s + ' '.repeat(Math.max(0, col - plain.length));
  const out = [
    // Past the two characters of a row's mark (`≠ `), as the rows below are.
    paint('bold', `  ${'key'.padEnd(width)} ${cut(a, col).padEnd(col)}  ${withCode ? `${cut(b, col).padEnd(col)}  code` : cut(b, col)}`),
  ];
  for (const r of rows) {
    const mark = r.same === true ? ' ' : r.same === null ? '?' : paint('yellow', '≠');
    // An absence that says nothing (a runtime key not observed there, a failed source) is unknown, not unset.
    const absent = r.same === null ? '(unknown)' : '(not set)';
    const va = r.a ? cell(r.a.value, col) : absent;
    const vb = r.b ? cell(r.b.value, col) : absent;
    const shownA = pad(r.a ? va : paint('dim', va), va);
    const shownB = withCode ? pad(r.b ? vb : paint('dim', vb), vb) : r.b ? vb : paint('dim', vb);
    const code = r.code === undefined ? '' : `  ${codeCell(r, paint)}`;
    out.push(`${mark} ${sanitize(cut(r.key, width)).padEnd(width)} ${shownA}  ${shownB}${code}`.trimEnd());
    if (r.same !== true) {
      const indent = `  ${''.padEnd(width)} `;
      for (const [env, side, shown] of [
        [a, r.a, va],
        [b, r.b, vb],
      ] as const) {
        if (!side) continue;
        out.push(paint('dim', `${indent}${env}: ${sanitize(describeSource(side.source))}`));
        // A value cut to fit its column may differ only past the cut (a URL's path, a port): shown whole, so the difference is seen.
        const whole = visibleValue(sanitize(cut(side.value, FULL_VALUE_CHARS)));
        if (whole !== shown) out.push(`${indent}${env}, in full: ${whole}`);
      }
    }
  }
  const differing = rows.filter((r) => r.same === false).length;
  const unknown = rows.filter((r) => r.same === null).length;
  out.push('', `${rows.length} keys, ${differing} differ${unknown ? `, ${unknown} unknown` : ''}`);
  return `${out.join('\n')}\n`;
}

/** `drift diff A B`: two environments' effective configuration side by side, with sources. */
export async function diffCommand(
  a: string,
  b: string,
  opts: CommonOptions & { onlyDiff?: boolean },
  io: CliIo,
  now: () => Date,
): Promise<number> {
  const format = parseFormat(opts.format, FORMATS.estate);
  if (a === b) throw new UsageError('diff needs two different environments');
  const { estate, result } = await auditSession({ ...opts, env: [a, b] }, io, now, false);
  const ca = result.configs.find((c) => c.environment === a);
  const cb = result.configs.find((c) => c.environment === b);
  if (!ca || !cb) throw new UsageError('unknown environment');
  let rows = diffConfigs(ca, cb, (key) => estate.baseline.keys.get(key), result.code);
  if (opts.onlyDiff) rows = rows.filter((r) => r.same !== true);
  const failed = [...ca.failed, ...cb.failed].map((s) => s.source.label);
  if (format === 'json') io.stdout.write(`${JSON.stringify({ a, b, keys: rows, failedSources: failed }, null, 2)}\n`);
  else {
    io.stdout.write(renderRows(a, b, rows, painter(useColour(io.stdout, io.env))));
    for (const f of failed) io.stderr.write(`warning: ${sanitize(f)} could not be read; its values are missing above\n`);
  }
  return 0;
}
