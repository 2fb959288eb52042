import type { AuditResult } from '../../core/engine/audit';
import { scopeLabel, subjectOf, valueSummary } from '../../core/finding-scope';
import type { Finding } from '../../core/model';
import type { FindingGroup } from '../../core/related-findings';
import { SEVERITIES } from '../../core/severity';
import { describeSource } from '../../core/describe-source';
import { sanitize } from '../../core/values/value';
import { causesByScope, NO_LAYOUT, type ReportLayout } from './report-layout';

/**
 * User text made inert in a table cell: control characters escaped, markup and table syntax
 * backslash-escaped, and a zero-width space after `@` and before an issue number so `@channel` or
 * `@org/team` in a value never notifies anyone on GitHub and `#123` or `GH-123` never links (nor marks
 * issue 123 as mentioned by the pull request the report is posted on): a backslash stops neither there.
 */
const cell = (s: string): string =>
  sanitize(s)
    .replace(/[\\|`*_<>[\]~&]/g, (c) => `\\${c}`)
    .replace(/@(?=[A-Za-z0-9_-])|#(?=\d)|\bGH-(?=\d)/gi, (c) => `${c}&#8203;`);

function status(f: Finding): string {
  // Who and when are in the message; the mark makes a change outside the release process stand out.
  const outOfBand = f.outOfBand ? ' · **out-of-band**' : '';
  if (f.status === 'new') return `**new**${outOfBand}`;
  if (f.status === 'open') return `${f.firstSeen ? `open since ${f.firstSeen.slice(0, 10)}` : 'open'}${outOfBand}`;
  return outOfBand.replace(/^ · /, '');
}

const row = (severity: string, f: Finding): string =>
  `| ${severity} | ${f.kind} | ${cell(subjectOf(f))} | ${cell(f.message)} | ${f.source ? cell(describeSource(f.source)) : ''} | ${status(f)} |`;

function table(causes: readonly FindingGroup[]): string[] {
  const rows = ['| severity | kind | key | what | from | status |', '|---|---|---|---|---|---|'];
  let grouped = false;
  for (const g of causes) {
    rows.push(row(g.lead.severity, g.lead));
    for (const f of g.related) rows.push(row(`↳ ${f.severity}`, f));
    grouped ||= g.related.length > 0;
  }
  if (grouped)
    rows.push(
      '',
      '_↳ same cause as the finding above: the same key in the same environment, a key the rule reads, or a parity difference it explains._',
    );
  return rows;
}

function suppressedTable(r: AuditResult): string[] {
  const out = ['### Suppressed by exceptions', '', '| scope | key | value | reason | until |', '|---|---|---|---|---|'];
  for (const f of r.suppressed) {
    const ex = f.exception;
    const until =
      !ex || ex.permanent || ex.expires === undefined ? 'accepted difference' : `${ex.expires}${f.expiresSoon ? ' ⚠ expires soon' : ''}`;
    const reason = `${cell(ex?.reason ?? '')}${ex?.ticket ? ` (${cell(ex.ticket)})` : ''}`;
    out.push(`| ${cell(scopeLabel(f))} | ${cell(subjectOf(f))} | ${cell(valueSummary(f))} | ${reason} | ${until} |`);
  }
  return [...out, ''];
}

function resolvedTable(r: AuditResult): string[] {
  const out = ['### Resolved since the last run', '', '| scope | severity | kind | key | why |', '|---|---|---|---|---|'];
  for (const f of r.resolved)
    out.push(`| ${cell(scopeLabel(f))} | ${f.severity} | ${f.kind} | ${cell(subjectOf(f))} | ${cell(f.reason)} |`);
  return [...out, ''];
}

/** The audit as Markdown, for a pull-request comment or a CI job summary. */
export function renderMarkdown(r: AuditResult, layout: ReportLayout = NO_LAYOUT): string {
  const counts = SEVERITIES.filter((s) => r.summary.bySeverity[s]).map((s) => `${r.summary.bySeverity[s]} ${s}`);
  const fresh = r.findings.filter((f) => f.status === 'new').length;
  const tally = [
    counts.length ? counts.join(', ') : 'No findings',
    ...(fresh ? [`${fresh} new`] : []),
    ...(r.resolved.length ? [`${r.resolved.length} resolved`] : []),
  ];
  const out = [
    `## drift audit: ${cell(r.estate)}`,
    '',
    `${tally.join(' · ')} · ${r.environments.map(cell).join(', ')} · ${r.generatedAt}`,
    '',
  ];
  for (const [scope, causes] of causesByScope(r, layout)) {
    if (causes.length) out.push(`### ${cell(scope)}`, '', ...table(causes), '');
  }
  if (r.suppressed.length) out.push(...suppressedTable(r));
  if (r.resolved.length) out.push(...resolvedTable(r));
  return `${out.join('\n')}\n`;
}
