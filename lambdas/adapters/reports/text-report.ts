import type { AuditResult } from '../../core/engine/audit';
import { daysBetween, expiresIn, utcDate } from '../../core/engine/dates';
import { scopeLabel, subjectOf, valueSummary } from '../../core/finding-scope';
import type { Finding, SourceRef } from '../../core/model';
import type { FindingGroup } from '../../core/related-findings';
import { SEVERITIES } from '../../core/severity';
import { describeSource } from '../../core/describe-source';
import { sanitize } from '../../core/values/value';
import { causesByScope, findingCount, NO_LAYOUT, type ReportLayout } from './report-layout';
import { SEVERITY_COLOUR, type Paint } from './paint';

const INDENT = '           ';

function statusOf(f: Finding, paint: Paint): string {
  // Who and when are in the message; the mark makes a change outside the release process stand out.
  const outOfBand = f.outOfBand ? paint('yellow', ' OUT-OF-BAND') : '';
  if (f.status === 'new') return `${paint('cyan', ' NEW')}${outOfBand}`;
  if (f.status === 'open' && f.firstSeen) return `${paint('dim', ` · open since ${f.firstSeen.slice(0, 10)}`)}${outOfBand}`;
  return outOfBand;
}

const sameSource = (a: SourceRef | undefined, b: SourceRef | undefined): boolean => a?.type === b?.type && a?.location === b?.location;

/** A finding that shares its lead's cause: one line, and its source only when the lead's differs. */
function relatedLines(f: Finding, lead: Finding, paint: Paint): string[] {
  const sev = paint(SEVERITY_COLOUR[f.severity], f.severity.toUpperCase());
  const subject = f.key === lead.key && f.rule === lead.rule ? '' : ` ${sanitize(subjectOf(f))}`;
  const lines = [`${INDENT}+ ${sev} ${paint('bold', f.kind)}${subject}${statusOf(f, paint)}: ${sanitize(f.message)}`];
  if (f.source && !sameSource(f.source, lead.source)) lines.push(paint('dim', `${INDENT}  ↳ ${sanitize(describeSource(f.source))}`));
  return lines;
}

function groupLines({ lead: f, related }: FindingGroup, paint: Paint): string[] {
  const sev = paint(SEVERITY_COLOUR[f.severity], f.severity.toUpperCase().padEnd(8));
  const lines = [
    `  ${sev} ${paint('bold', f.kind.padEnd(17))} ${sanitize(subjectOf(f))}${statusOf(f, paint)}`,
    `${INDENT}${sanitize(f.message)}`,
  ];
  if (f.source) lines.push(paint('dim', `${INDENT}↳ ${sanitize(describeSource(f.source))}`));
  for (const h of f.hidden ?? []) lines.push(paint('dim', `${INDENT}↳ hides ${sanitize(`${describeSource(h)} = ${h.value}`)}`));
  if (f.owner) lines.push(paint('dim', `${INDENT}owner: ${sanitize(f.owner)}`));
  if (related.length) {
    lines.push(paint('dim', `${INDENT}same cause (${related.length} related finding${related.length === 1 ? '' : 's'}):`));
    for (const r of related) lines.push(...relatedLines(r, f, paint));
  }
  return lines;
}

/** How long an exception holds: an accepted difference never expires. */
function exceptionTerm(f: Finding, today: string, paint: Paint): string {
  const ex = f.exception;
  if (!ex || ex.permanent || ex.expires === undefined) return 'accepted difference';
  if (!f.expiresSoon) return `expires ${ex.expires}`;
  const left = daysBetween(today, ex.expires);
  return paint('yellow', `expires ${ex.expires} (${expiresIn(left)})`);
}

function suppressedLine(f: Finding, today: string, paint: Paint): string {
  const ex = f.exception;
  if (!ex) return '';
  // A rule has no value of its own to show: `rule r1 = ·` would read as a value lost.
  const value = valueSummary(f);
  return `  ${sanitize(`${scopeLabel(f)}  ${f.kind} ${subjectOf(f)}${value ? ` = ${value}` : ''} · ${ex.reason}${ex.ticket ? ` (${ex.ticket})` : ''}`)} · ${exceptionTerm(f, today, paint)}`;
}

function summaryLine(r: AuditResult, paint: Paint): string {
  const counts = SEVERITIES.filter((s) => r.summary.bySeverity[s] > 0).map((s) =>
    paint(SEVERITY_COLOUR[s], `${r.summary.bySeverity[s]} ${s}`),
  );
  const parts = [counts.length ? counts.join(', ') : paint('green', 'no findings')];
  const fresh = r.findings.filter((f) => f.status === 'new').length;
  if (fresh) parts.push(paint('cyan', `${fresh} new`));
  if (r.resolved.length) parts.push(paint('green', `${r.resolved.length} resolved`));
  if (r.suppressed.length) parts.push(`${r.suppressed.length} suppressed`);
  if (r.summary.rulesSkipped)
    parts.push(`${r.summary.rulesSkipped} rule check${r.summary.rulesSkipped === 1 ? '' : 's'} skipped (keys absent)`);
  return `Summary: ${parts.join(' · ')}`;
}

/**
 * The audit for people: by environment in drift.yaml order, then parity groups, then estate-wide
 * findings; most severe first, findings with one cause under the most severe of them.
 */
export function renderTextReport(r: AuditResult, paint: Paint, layout: ReportLayout = NO_LAYOUT): string {
  const today = utcDate(new Date(r.generatedAt));
  const out: string[] = [paint('bold', `drift audit · ${r.estate} · ${r.environments.join(', ')} · ${r.generatedAt}`), ''];
  for (const [scope, causes] of causesByScope(r, layout)) {
    const count = findingCount(causes);
    if (!count) {
      out.push(`${paint('bold', sanitize(scope))}  ${paint('green', 'no findings')}`, '');
      continue;
    }
    out.push(`${paint('bold', sanitize(scope))}  (${count} finding${count === 1 ? '' : 's'})`);
    for (const g of causes) out.push(...groupLines(g, paint));
    out.push('');
  }
  if (r.suppressed.length) {
    out.push(paint('bold', `Suppressed by exceptions (${r.suppressed.length})`));
    for (const f of r.suppressed) out.push(suppressedLine(f, today, paint));
    out.push('');
  }
  if (r.resolved.length) {
    out.push(paint('bold', `Resolved since the last run (${r.resolved.length})`));
    for (const f of r.resolved) out.push(`  ${sanitize(`${scopeLabel(f)}  ${f.kind} ${subjectOf(f)} · ${f.reason}`)}`);
    out.push('');
  }
  out.push(summaryLine(r, paint));
  return `${out.join('\n')}\n`;
}
