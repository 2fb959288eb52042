import { auditDocument } from '../../core/engine/audit';
import { auditSession } from '../audit-session';
import { auditExitCode } from '../exit-code';
import type { CliIo } from '../io';
import { parseFormat, parseSeverity, type CommonOptions } from '../options';
import { renderMarkdown } from '../render/markdown-report';
import { renderSarif } from '../render/sarif-report';
import { renderTextReport } from '../render/text-report';
import { painter, useColour } from '../render/style';

export interface AuditOptions extends CommonOptions {
  failOn: string;
}

const FORMATS = ['text', 'json', 'markdown', 'sarif'] as const;

/** `drift audit`: collect, compare, report; the exit code says whether anything reached `--fail-on`. */
export async function auditCommand(opts: AuditOptions, io: CliIo, now: () => Date): Promise<number> {
  const format = parseFormat(opts.format, FORMATS);
  const failOn = parseSeverity('--fail-on', opts.failOn);
  const { result } = await auditSession(opts, io, now, format === 'text' && Boolean(io.stderr.isTTY));
  if (format === 'json') io.stdout.write(`${JSON.stringify(auditDocument(result), null, 2)}\n`);
  else if (format === 'sarif') io.stdout.write(renderSarif(result, opts.config));
  else if (format === 'markdown') io.stdout.write(renderMarkdown(result));
  else io.stdout.write(renderTextReport(result, painter(useColour(io.stdout, io.env))));
  return auditExitCode(result.findings, failOn);
}
