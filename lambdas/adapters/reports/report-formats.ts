import { DriftError } from '../../core/errors';
import type { Renderer, ReportInput } from '../../ports/report-renderer';
import type { RepositoryView } from '../../ports/repository-view';
import type { ReportFormat } from './report-format-names';
import { HTML_REPORT } from './html-report';
import { JSON_REPORT } from './json-report';
import { renderMarkdown } from './markdown-report';
import { painter } from './paint';
import { reportLayout } from './report-layout';
import { renderSarif } from './sarif-report';
import { renderTextReport } from './text-report';

/** A format that points into the repository was rendered without one: a wiring fault, never the user's. */
export class ReportInputError extends DriftError {
  override name = 'ReportInputError';
  readonly userFacing = false;
}

function repositoryOf(input: ReportInput): RepositoryView {
  if (!input.repository) throw new ReportInputError('this report points into the repository: render it with one');
  return input.repository;
}

/**
 * Every output format of the audit, one entry each: the CLI's `--format` and `--output` choices and
 * what a run writes come from here. Adding a format is adding its renderer and a line.
 */
export const REPORTS = {
  text: {
    mediaType: 'text/plain; charset=utf-8',
    needsRepository: false,
    needsConfigs: false,
    render: (c) => renderTextReport(c.result, painter(c.colour ?? false), reportLayout(c.estate)),
  },
  json: JSON_REPORT,
  markdown: {
    mediaType: 'text/markdown; charset=utf-8',
    needsRepository: false,
    needsConfigs: false,
    render: (c) => renderMarkdown(c.result, reportLayout(c.estate)),
  },
  sarif: {
    mediaType: 'application/sarif+json',
    needsRepository: true,
    needsConfigs: false,
    render: (c) => renderSarif(c.result, c.estate, repositoryOf(c)),
  },
  html: HTML_REPORT,
} satisfies Record<ReportFormat, Renderer>;

export { REPORT_FORMATS, type ReportFormat } from './report-format-names';
