import { randomBytes } from 'node:crypto';
import { estateVersion, type EstateVersion } from '../../adapters/estate-file';
import { auditDocument, type AuditResult } from '../../core/engine/audit';
import type { Estate } from '../../core/estate/model';
import { recordAudit } from '../../use-cases/record-audit';
import { auditSession, type AuditSession } from '../audit-session';
import { auditExitCode } from '../exit-code';
import { checkNotify, notifyNow } from '../notify';
import type { CliIo } from '../io';
import { FORMATS, parseFormat, parseSeverity, type CommonOptions } from '../options';
import { renderMarkdown } from '../render/markdown-report';
import { renderSarif } from '../render/sarif-report';
import { renderTextReport } from '../render/text-report';
import { painter, useColour } from '../render/style';

export interface AuditOptions extends CommonOptions {
  failOn: string;
  runId?: string;
  notify?: boolean;
}

/** The estate file (and its baseline file) as audited: their hash goes into the run record. */
function baselineVersion(estate: Estate): EstateVersion {
  const version = estateVersion(estate);
  if (!version) throw new Error(`the estate ${estate.name} was not read by loadEstate: its version is unknown`);
  return version;
}

/** Stores the run (snapshots, lifecycle, events) when a store is open; returns the result with statuses. */
async function remember(opts: AuditOptions, session: AuditSession, io: CliIo): Promise<AuditResult> {
  const { store, estate, services, at } = session;
  const runId = opts.runId ?? `cli-${at.toISOString().replace(/[-:.]/g, '')}-${randomBytes(3).toString('hex')}`;
  try {
    let result = session.result;
    if (store) {
      result = (await recordAudit({ store: store.store, estate, result, runId, now: at, keyId: services.fp.keyId, baseline: baselineVersion(estate) })).result;
      if (store.kind === 'embedded') await store.store.pruneExpired(at);
    }
    if (opts.notify) await notifyNow({ estate, result, store, runId, at, io });
    return result;
  } finally {
    await store?.close();
  }
}

/** `drift audit`: collect, compare, remember, report; the exit code says whether anything reached `--fail-on`. */
export async function auditCommand(opts: AuditOptions, io: CliIo, now: () => Date): Promise<number> {
  const format = parseFormat(opts.format, FORMATS.audit);
  const failOn = parseSeverity('--fail-on', opts.failOn);
  checkNotify(opts.notify, io.env);
  const session = await auditSession(opts, io, now, format === 'text' && Boolean(io.stderr.isTTY), true);
  const result = await remember(opts, session, io);
  if (format === 'json') io.stdout.write(`${JSON.stringify(auditDocument(result), null, 2)}\n`);
  else if (format === 'sarif') io.stdout.write(renderSarif(result, opts.config));
  else if (format === 'markdown') io.stdout.write(renderMarkdown(result));
  else io.stdout.write(renderTextReport(result, painter(useColour(io.stdout, io.env))));
  return auditExitCode(result.findings, failOn);
}
