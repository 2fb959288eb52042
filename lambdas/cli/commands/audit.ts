import { randomBytes } from 'node:crypto';
import { estateVersion, type EstateVersion } from '../../adapters/estate-file';
import { estateRepository } from '../../adapters/repository/repository-view';
import { auditDocument, type AuditResult } from '../../core/engine/audit';
import type { Estate } from '../../core/estate/model';
import { recordAudit } from '../../use-cases/record-audit';
import { auditSession, type AuditSession } from '../audit-session';
import { auditExitCode } from '../exit-code';
import { checkNotify, notifyNow } from '../notify';
import type { CliIo } from '../io';
import { FORMATS, parseFormat, parseSeverity, type CommonOptions } from '../options';
import { renderMarkdown } from '../render/markdown-report';
import { reportLayout, type ReportLayout } from '../render/report-layout';
import { renderSarif, type RepositoryView } from '../render/sarif-report';
import { renderTextReport } from '../render/text-report';
import { painter, useColour } from '../render/style';
import { parseOutputs, writeOutputs, type AuditFormat } from '../report-outputs';

export interface AuditOptions extends CommonOptions {
  failOn: string;
  failOnNew?: boolean;
  output?: string[];
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
      result = (
        await recordAudit({
          store: store.store,
          estate,
          result,
          runId,
          now: at,
          keyId: services.fp.keyId,
          baseline: baselineVersion(estate),
        })
      ).result;
      if (store.kind === 'embedded') await store.store.pruneExpired(at);
    }
    if (opts.notify) await notifyNow({ estate, result, store, runId, at, io });
    return result;
  } finally {
    await store?.close();
  }
}

interface RenderInput {
  estate: Estate;
  result: AuditResult;
  layout: ReportLayout;
  /** Read only when SARIF is asked for: it spawns git and reads the estate's files. */
  repo?: RepositoryView;
  colour: boolean;
}

/** One renderer per format of FORMATS.audit: a format added there does not compile until it has one. */
const RENDERERS: Record<AuditFormat, (c: RenderInput) => string> = {
  text: (c) => renderTextReport(c.result, painter(c.colour), c.layout),
  json: (c) => `${JSON.stringify(auditDocument(c.result), null, 2)}\n`,
  markdown: (c) => renderMarkdown(c.result, c.layout),
  sarif: (c) => renderSarif(c.result, c.estate, c.repo!),
};

/** Renders the result in each format asked for, reading the repository once when SARIF is among them. */
async function renderer(
  estate: Estate,
  result: AuditResult,
  formats: readonly AuditFormat[],
): Promise<(format: AuditFormat, colour?: boolean) => string> {
  const base = {
    estate,
    result,
    layout: reportLayout(estate),
    repo: formats.includes('sarif') ? await estateRepository(estate) : undefined,
  };
  return (format, colour = false) => RENDERERS[format]({ ...base, colour });
}

/** `drift audit`: collect, compare, remember, report; the exit code says whether anything reached `--fail-on`. */
export async function auditCommand(opts: AuditOptions, io: CliIo, now: () => Date): Promise<number> {
  const format = parseFormat(opts.format, FORMATS.audit);
  const failOn = parseSeverity('--fail-on', opts.failOn);
  const outputs = parseOutputs(opts.output, io.cwd);
  checkNotify(opts.notify, io.env);
  const session = await auditSession(opts, io, now, format === 'text' && Boolean(io.stderr.isTTY), true);
  const result = await remember(opts, session, io);
  const render = await renderer(session.estate, result, [format, ...outputs.map((o) => o.format)]);
  writeOutputs(outputs, (f) => render(f));
  io.stdout.write(render(format, useColour(io.stdout, io.env)));
  return auditExitCode(result.findings, failOn, opts.failOnNew);
}
