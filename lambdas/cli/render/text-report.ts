import type { AuditResult } from '../../core/engine/audit';
import { daysBetween, utcDate } from '../../core/engine/dates';
import type { Finding } from '../../core/model';
import { SEVERITIES } from '../../core/severity';
import { describeSource } from '../../core/describe-source';
import { sanitize } from '../../core/values/value';
import { SEVERITY_COLOUR, type Paint } from './style';

function findingLines(f: Finding, paint: Paint): string[] {
  const sev = paint(SEVERITY_COLOUR[f.severity], f.severity.toUpperCase().padEnd(8));
  const subject = sanitize(f.key ?? f.rule ?? '');
  const status = f.status === 'new' ? paint('cyan', ' NEW') : f.status === 'open' && f.firstSeen ? paint('dim', ` · open since ${f.firstSeen.slice(0, 10)}`) : '';
  const lines = [`  ${sev} ${paint('bold', f.kind.padEnd(17))} ${subject}${status}`, `           ${sanitize(f.message)}`];
  if (f.source) lines.push(paint('dim', `           ↳ ${sanitize(describeSource(f.source))}`));
  for (const h of f.hidden ?? []) lines.push(paint('dim', `           ↳ hides ${sanitize(`${describeSource(h)} = ${h.value}`)}`));
  if (f.owner) lines.push(paint('dim', `           owner: ${sanitize(f.owner)}`));
  return lines;
}

function suppressedLine(f: Finding, today: string, paint: Paint): string {
  const ex = f.exception;
  if (!ex) return '';
  const left = ex.expires !== undefined ? daysBetween(today, ex.expires) : 0;
  const when = ex.expires === undefined ? 'accepted (permanent)' : f.expiresSoon ? paint('yellow', `expires ${ex.expires} (in ${left} day${left === 1 ? '' : 's'})`) : `expires ${ex.expires}`;
  const scope = f.environment ?? f.group ?? '';
  return `  ${sanitize(`${scope}  ${f.kind} ${f.key ?? f.rule ?? ''} = ${f.actual ?? ''} · ${ex.reason}${ex.ticket ? ` (${ex.ticket})` : ''}`)} · ${when}`;
}

function summaryLine(r: AuditResult, paint: Paint): string {
  const counts = SEVERITIES.filter((s) => r.summary.bySeverity[s] > 0).map((s) => paint(SEVERITY_COLOUR[s], `${r.summary.bySeverity[s]} ${s}`));
  const parts = [counts.length ? counts.join(', ') : paint('green', 'no findings')];
  const fresh = r.findings.filter((f) => f.status === 'new').length;
  if (fresh) parts.push(paint('cyan', `${fresh} new`));
  if (r.resolved.length) parts.push(paint('green', `${r.resolved.length} resolved`));
  if (r.suppressed.length) parts.push(`${r.suppressed.length} suppressed`);
  if (r.summary.rulesSkipped) parts.push(`${r.summary.rulesSkipped} rule check${r.summary.rulesSkipped === 1 ? '' : 's'} skipped (keys absent)`);
  return `Summary: ${parts.join(' · ')}`;
}

/** The audit for people: grouped by environment (then parity group), most severe first. */
export function renderTextReport(r: AuditResult, paint: Paint): string {
  const today = utcDate(new Date(r.generatedAt));
  const out: string[] = [paint('bold', `drift audit · ${r.estate} · ${r.environments.join(', ')} · ${r.generatedAt}`), ''];
  const scopes = new Map<string, Finding[]>();
  for (const env of r.environments) scopes.set(env, []);
  const groups = [...new Set(r.findings.flatMap((f) => (f.group !== undefined ? [`${f.group} (parity group)`] : [])))].sort();
  for (const g of groups) scopes.set(g, []);
  for (const f of r.findings) {
    const scope = f.environment ?? `${f.group} (parity group)`;
    if (!scopes.has(scope)) scopes.set(scope, []);
    scopes.get(scope)!.push(f);
  }
  for (const [scope, findings] of scopes) {
    if (!findings.length) {
      out.push(`${paint('bold', scope)}  ${paint('green', 'no findings')}`, '');
      continue;
    }
    out.push(`${paint('bold', scope)}  (${findings.length} finding${findings.length === 1 ? '' : 's'})`);
    for (const f of findings) out.push(...findingLines(f, paint));
    out.push('');
  }
  if (r.suppressed.length) {
    out.push(paint('bold', `Suppressed by exceptions (${r.suppressed.length})`));
    for (const f of r.suppressed) out.push(suppressedLine(f, today, paint));
    out.push('');
  }
  if (r.resolved.length) {
    out.push(paint('bold', `Resolved since the last run (${r.resolved.length})`));
    for (const f of r.resolved) out.push(`  ${sanitize(`${f.environment ?? f.group ?? ''}  ${f.kind} ${f.key ?? f.rule ?? ''} · ${f.reason}`)}`);
    out.push('');
  }
  out.push(summaryLine(r, paint));
  return `${out.join('\n')}\n`;
}
