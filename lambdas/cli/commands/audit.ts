import { REPORTS } from '../../adapters/reports/report-formats';
import type { AuditResult } from '../../core/engine/audit';
import type { Estate } from '../../core/estate/model';
import { auditSession, type AuditSession } from '../audit-session';
import { auditExitCode, notifiedExitCode } from '../exit-code';
import { EXIT, UsageError, type CliIo } from '../io';
import { FORMATS, parseFormat, parseSeverity, type CommonOptions } from '../options';
import { useColour } from '../colour';
import { estateInputAt } from '../estate-inputs';
import { parseOutputs, refuseInputs, writeOutputs, type AuditFormat } from '../report-outputs';

export interface AuditOptions extends CommonOptions {
  failOn: string;
  failOnNew?: boolean;
  output?: string[];
  report?: string;
  runId?: string;
  notify?: boolean;
}

/**
 * After the recorded run: `--notify` (the digest from what the report shows, as the scheduled run
 * sends it), then the store is closed. Returns what the reports show and how many deliveries failed.
 */
async function remember(opts: AuditOptions, session: AuditSession, io: CliIo): Promise<{ result: AuditResult; failedDeliveries: number }> {
  const { store, estate, result, runId, at } = session;
  try {
    const failedDeliveries = opts.notify ? await (await import('../notify')).notifyNow({ estate, result, store, runId, at, io }) : 0;
    return { result, failedDeliveries };
  } finally {
    await store?.close();
  }
}

/** `--run-id` names a recorded run (re-running it changes nothing): one that records nothing has none to name. */
function checkRunId(opts: AuditOptions): void {
  if (opts.runId === undefined) return;
  if (opts.store === false) throw new UsageError('--run-id: a run with --no-store is not recorded; drop --run-id or --no-store');
  if (opts.asOf !== undefined)
    throw new UsageError(`--run-id: an audit --as-of ${opts.asOf} is a what-if and is not recorded; drop --run-id or --as-of`);
}

/** Renders the result in each format asked for, reading the repository once when one of them points into it (SARIF). */
async function renderer(
  estate: Estate,
  result: AuditResult,
  formats: readonly AuditFormat[],
): Promise<(format: AuditFormat, colour?: boolean) => string> {
  // Opening it spawns git and reads the estate's files.
  const repository = formats.some((f) => REPORTS[f].needsRepository)
    ? await (await import('../../adapters/repository/repository-view')).estateRepository(estate)
    : undefined;
  return (format, colour = false) => REPORTS[format].render({ estate, result, colour, repository });
}

/** `drift audit`: collect, compare, remember, report; the exit code says whether anything reached `--fail-on`. */
export async function auditCommand(opts: AuditOptions, io: CliIo, now: () => Date): Promise<number> {
  const format = parseFormat(opts.format, FORMATS.audit);
  const failOn = parseSeverity('--fail-on', opts.failOn);
  const outputs = parseOutputs(opts.output, io.cwd, opts.report, opts.config);
  checkRunId(opts);
  // Slack and SNS load only for `--notify`.
  if (opts.notify) (await import('../notify')).checkNotify(opts.notify, io.env, opts.asOf);
  // An unchanged re-run reuses the last audit's verdicts unless a format shows what only reading the sources gives.
  const reuse = ![format, ...outputs.map((o) => o.format)].some((f) => REPORTS[f].needsConfigs);
  const session = await auditSession(opts, io, now, format === 'text' && Boolean(io.stderr.isTTY), {
    runId: opts.runId,
    reuse,
    // A report over a recorded source, the baseline or the code would replace what the audit read.
    vet: outputs.length ? async (estate) => refuseInputs(outputs, await estateInputAt(estate)) : undefined,
  });
  const { result, failedDeliveries } = await remember(opts, session, io);
  const render = await renderer(session.estate, result, [format, ...outputs.map((o) => o.format)]);
  writeOutputs(outputs, (f) => render(f));
  io.stdout.write(render(format, useColour(io.stdout, io.env)));
  // Else the next run's "new" and `drift history` would puzzle whoever forgot the flag was there.
  if (opts.asOf !== undefined && opts.store !== false)
    io.stderr.write(
      `drift: --as-of ${opts.asOf} is a what-if: nothing was recorded, so no finding is new or resolved and history is unchanged\n`,
    );
  // Findings carried forward where a source failed, and those on a value it outranks, are shown but not counted: that
  // source is exit 3 (spec §5).
  const { judged } = session;
  const configs = new Map(judged.configs.map((c) => [c.environment, c]));
  const code = notifiedExitCode(auditExitCode(judged.findings, failOn, opts.failOnNew, configs), failedDeliveries);
  if (code === EXIT.notifyFailed)
    io.stderr.write('drift: exit code 4: nothing reached --fail-on, but --notify could not deliver everything (said above)\n');
  return code;
}
