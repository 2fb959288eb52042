import type { AuditResult } from '../../core/engine/audit';
import type { Finding } from '../../core/model';
import { SEVERITIES } from '../../core/severity';
import { describeSource } from '../../core/describe-source';

/** Escapes what would break a table cell or turn into markup. */
const cell = (s: string): string => s.replace(/[\\|`*_<>[\]]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ');

function table(findings: Finding[]): string[] {
  const rows = ['| severity | kind | key | what | from |', '|---|---|---|---|---|'];
  for (const f of findings) {
    rows.push(`| ${f.severity} | ${f.kind} | ${cell(f.key ?? f.rule ?? '')} | ${cell(f.message)} | ${f.source ? cell(describeSource(f.source)) : ''} |`);
  }
  return rows;
}

/** The audit as Markdown, for a pull-request comment or a CI job summary. */
export function renderMarkdown(r: AuditResult): string {
  const counts = SEVERITIES.filter((s) => r.summary.bySeverity[s]).map((s) => `${r.summary.bySeverity[s]} ${s}`);
  const out = [`## drift audit: ${cell(r.estate)}`, '', `${counts.length ? counts.join(', ') : 'No findings'} · ${r.environments.join(', ')} · ${r.generatedAt}`, ''];
  const scopes = new Map<string, Finding[]>();
  for (const f of r.findings) {
    const scope = f.environment ?? `${f.group} (parity group)`;
    const list = scopes.get(scope);
    if (list) list.push(f);
    else scopes.set(scope, [f]);
  }
  for (const [scope, findings] of scopes) out.push(`### ${scope}`, '', ...table(findings), '');
  if (r.suppressed.length) {
    out.push(`### Suppressed by exceptions`, '', '| scope | key | value | reason | expires |', '|---|---|---|---|---|');
    for (const f of r.suppressed) {
      const ex = f.exception;
      out.push(`| ${f.environment ?? f.group} | ${cell(f.key ?? f.rule ?? '')} | ${cell(f.actual ?? '')} | ${cell(ex?.reason ?? '')}${ex?.ticket ? ` (${cell(ex.ticket)})` : ''} | ${ex?.expires ?? (ex?.permanent ? 'permanent' : '')}${f.expiresSoon ? ' ⚠' : ''} |`);
    }
    out.push('');
  }
  return `${out.join('\n')}\n`;
}
