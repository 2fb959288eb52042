import * as path from 'node:path';
import { TreeSitterCodeReader } from '../../adapters/code/tree-sitter-code-reader';
import { painter, type Paint } from '../../adapters/reports/paint';
import { SERVICE_NAMES } from '../../core/code/api-reads';
import type { CodeRead, CodeScan } from '../../core/code/code-read';
import { openReadEffect, openReadSummary } from '../../core/code/open-reads';
import { withoutSecretDefaults } from '../../core/code/code-reads';
import { hiddenCodeScan } from '../../core/engine/hidden-code-reads';
import { shownDefault } from '../../core/code/read-text';
import { baselineSecretPolicy } from '../../core/sources/context';
import { sanitize } from '../../core/values/value';
import { useColour } from '../colour';
import { EXIT, type CliIo } from '../io';
import { loadEstateOrFail } from '../load';
import { FORMATS, parseFormat } from '../options';
import { cliFingerprinter } from '../../wiring/open-store';

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** `default '8080'` as the code writes it, `no default`, or why the default is not shown. */
function defaultColumn(read: CodeRead): string {
  const f = read.fallback;
  if (f.kind === 'none') return 'no default';
  if (f.secret) return 'default (a secret: not shown)';
  return f.value === undefined ? 'default (computed)' : `default ${shownDefault(f.value)}`;
}

/** One line per read, in the scan's order (by key, then file and line), columns aligned; then what was skipped and a summary. */
function text(scan: CodeScan, paint: Paint): string {
  // File names and what the code wrote are the tree's: control characters in them never reach the terminal raw.
  const rows = scan.reads.map((r) => [sanitize(r.name), sanitize(`${r.file}:${r.line}`), defaultColumn(r), sanitize(r.via)] as const);
  // Measured once, not once a row: a tree may hold many thousands of reads.
  const width = [0, 0, 0];
  for (const row of rows) for (const i of [0, 1, 2] as const) width[i] = Math.max(width[i] as number, row[i].length);
  const [names, places, fallbacks] = width as [number, number, number];
  const lines = rows.map(([name, at, fallback, via], i) => {
    const f = scan.reads[i]?.fallback.kind === 'none' ? paint('yellow', fallback.padEnd(fallbacks)) : fallback.padEnd(fallbacks);
    return `${paint('bold', name.padEnd(names))}  ${at.padEnd(places)}  ${f}  ${paint('grey', via)}`.trimEnd();
  });
  for (const a of scan.apiReads ?? [])
    lines.push(
      `${paint('bold', SERVICE_NAMES[a.service])} read through its API at ${sanitize(`${a.file}:${a.line}`)}  ${paint('grey', sanitize(a.via))}`,
    );
  for (const o of scan.openReads ?? []) lines.push(`${sanitize(openReadSummary(o))}  ${paint('grey', openReadEffect(o))}`.trimEnd());
  for (const s of scan.skipped) lines.push(paint('grey', `skipped ${sanitize(s.file)}: ${s.reason}`));
  const files = Object.entries(scan.files).map(([language, n]) => `${language} ${n}`);
  const keys = new Set(scan.reads.map((r) => r.key)).size;
  const total = Object.values(scan.files).reduce((a, n) => a + (n ?? 0), 0);
  lines.push(
    `${plural(scan.reads.length, 'read')} of ${plural(keys, 'key')} in ${plural(total, 'file')}` +
      `${files.length ? ` (${files.join(', ')})` : ''}, ${scan.skipped.length} skipped`,
  );
  return `${lines.join('\n')}\n`;
}

/** `drift code scan PATH`: the configuration keys a source tree reads, where, and with which default. */
export async function codeScanCommand(
  target: string,
  opts: { format: string; exclude?: string[]; config?: string; includeTests?: boolean },
  io: CliIo,
): Promise<number> {
  const format = parseFormat(opts.format, FORMATS.estate);
  // A default is hidden where its key's name or text says secret; with an estate, where its baseline says so too.
  const isSecretKey = opts.config ? baselineSecretPolicy((await loadEstateOrFail(opts.config, io)).baseline) : undefined;
  const tree = { path: path.resolve(io.cwd, target), exclude: opts.exclude ?? [], tests: opts.includeTests === true };
  // A credential written as a read's name is fingerprinted as the estate's sources spell it (its key, else this run's).
  const fp = await cliFingerprinter(path.resolve(io.cwd, opts.config ?? 'drift.yaml'), io.env);
  const read = hiddenCodeScan(await new TreeSitterCodeReader().scan(tree), fp);
  const scanned = isSecretKey ? withoutSecretDefaults(read, isSecretKey) : read;
  // The root as the user wrote it: the output does not depend on where it ran.
  const scan: CodeScan = { ...scanned, root: target };
  io.stdout.write(format === 'json' ? `${JSON.stringify(scan, null, 2)}\n` : text(scan, painter(useColour(io.stdout, io.env))));
  return EXIT.ok;
}
