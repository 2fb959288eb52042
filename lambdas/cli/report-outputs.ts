import { accessSync, constants, lstatSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { writeFileAtOnce, writesThrough } from '../adapters/replace-file';
import { UsageError } from './io';
import { realPath } from './estate-inputs';
import { FORMATS, parseFormat } from './options';

export type AuditFormat = (typeof FORMATS.audit)[number];

/** One `--output FORMAT=FILE` or `--report FILE`: a report written to a file besides what stdout gets. */
interface ReportOutput {
  format: AuditFormat;
  /** Absolute. */
  file: string;
  /** The flag as the user wrote it (`--output FORMAT=FILE`, `--report FILE`), for messages. */
  spec: string;
}

const REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'read-only file system',
  ENOENT: 'no such folder',
  ENOTDIR: 'no such folder',
};
const reason = (err: unknown): string => REASONS[(err as NodeJS.ErrnoException).code ?? ''] ?? 'cannot be written';

/**
 * Throws a usage error unless `file` can be written: an existing writable file, a device or FIFO, or
 * a new one in a writable folder. A symbolic link is replaced by the report (writeFileAtOnce), so
 * its folder is what must be writable.
 */
function checkWritable(file: string, spec: string): void {
  let target = file;
  try {
    if (lstatSync(file).isSymbolicLink() && !writesThrough(file)) target = path.dirname(file);
    else if (statSync(file).isDirectory()) throw new UsageError(`${spec}: is a folder`);
  } catch (err) {
    if (err instanceof UsageError) throw err;
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw new UsageError(`${spec}: ${reason(err)}`, { cause: err });
    target = path.dirname(file);
  }
  try {
    if (target !== file && !statSync(target).isDirectory()) throw new UsageError(`${spec}: no such folder`);
    accessSync(target, constants.W_OK);
  } catch (err) {
    if (err instanceof UsageError) throw err;
    throw new UsageError(`${spec}: ${reason(err)}`, { cause: err });
  }
}

/** Adds one output after checking its file: named once, not the estate file, writable. */
function add(
  outputs: ReportOutput[],
  format: AuditFormat,
  name: string,
  flag: string,
  spec: string,
  cwd: string,
  estateFile?: string,
): void {
  // `-` is stdout to most tools, and stdout carries --format: a file named `-` would surprise.
  if (name === '-') throw new UsageError(`${spec}: stdout carries --format; write --format ${format} to print ${format}, or name a file`);
  const file = path.resolve(cwd, name);
  if (outputs.some((o) => o.file === file)) throw new UsageError(`${flag}: ${name} is named twice`);
  // A slip (`--output json=drift.yaml` for drift.json) would replace the estate with a report, after the audit read it.
  if (estateFile !== undefined && realPath(file) === realPath(path.resolve(cwd, estateFile)))
    throw new UsageError(`${spec}: is the estate file ${estateFile}; name another file`);
  checkWritable(file, spec);
  outputs.push({ format, file, spec });
}

/**
 * Reads and checks every `--output FORMAT=FILE`, and `--report FILE` (the HTML report: `html=FILE`),
 * before anything is collected: a bad one is a usage error.
 */
export function parseOutputs(specs: readonly string[] | undefined, cwd: string, report?: string, estateFile?: string): ReportOutput[] {
  const outputs: ReportOutput[] = [];
  for (const spec of specs ?? []) {
    const eq = spec.indexOf('=');
    if (eq <= 0 || eq === spec.length - 1)
      throw new UsageError(`--output: "${spec}" is not FORMAT=FILE (formats: ${FORMATS.audit.join(', ')})`);
    const format = parseFormat(spec.slice(0, eq), FORMATS.audit, '--output');
    add(outputs, format, spec.slice(eq + 1), '--output', `--output ${spec}`, cwd, estateFile);
  }
  if (report !== undefined) add(outputs, 'html', report, '--report', `--report ${report}`, cwd, estateFile);
  return outputs;
}

/** Throws a usage error for an output that is an input of the estate (see estateInputAt): checked once the estate is loaded, before collection. */
export function refuseInputs(outputs: readonly ReportOutput[], inputAt: (file: string) => string | undefined): void {
  for (const o of outputs) {
    const input = inputAt(o.file);
    if (input !== undefined) throw new UsageError(`${o.spec}: is an input of the estate (${input}); name another file`);
  }
}

/** Writes each report (beside its path and renamed over it: a link there is replaced, never followed); a failure now (a full disk) names the file. */
export function writeOutputs(outputs: readonly ReportOutput[], render: (format: AuditFormat) => string): void {
  for (const o of outputs) {
    try {
      writeFileAtOnce(o.file, render(o.format));
    } catch (err) {
      throw new UsageError(`${o.spec}: ${reason(err)}`, { cause: err });
    }
  }
}
