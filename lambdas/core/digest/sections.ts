import type { Finding } from '../model';
import { changedLine, expiringLine, newLine, openLine, resolvedLine, scopeHeading, type Line } from './lines';
import type { DigestSection } from './pack';
import { bySeverityThenSubject, byText, severityCounts, type DigestSelection } from './select';
import { userText } from './mrkdwn';
import { severityRank } from '../severity';

/** How many findings each section lists before it says "+N more": a digest is read, not searched. */
export const SHOWN = { fresh: 20, resolved: 15, changed: 15, open: 30, expiring: 10 } as const;

function capped(title: string, lines: Line[], max: number): DigestSection {
  return { title: `${title} (${lines.length})`, lines: lines.slice(0, max), hidden: Math.max(0, lines.length - max) };
}

/** The open section: the most severe and oldest findings across all scopes, listed under their scope. */
function openSection(groups: DigestSelection['open'], windowEnd: string): DigestSection {
  const all = groups.flatMap((g) => g.findings);
  const oldestFirst = (a: Finding, b: Finding): number =>
    severityRank(b.severity) - severityRank(a.severity) || byText(a.firstSeen ?? '', b.firstSeen ?? '') || bySeverityThenSubject(a, b);
  const shown = new Set([...all].sort(oldestFirst).slice(0, SHOWN.open).map((f) => f.id));
  const lines: Line[] = [];
  for (const g of groups) {
    const listed = g.findings.filter((f) => shown.has(f.id));
    const heading = scopeHeading(g.scope, severityCounts(g.findings));
    if (!listed.length) {
      lines.push({ ...heading, findings: g.findings.length });
      continue;
    }
    lines.push(heading, ...listed.map((f) => openLine(f, windowEnd)));
    const rest = g.findings.length - listed.length;
    if (rest > 0) lines.push({ text: `_+${rest} more in ${userText(g.scope, 120)}_`, findings: rest });
  }
  return { title: `Still open (${all.length})`, lines, hidden: 0 };
}

/** The digest's sections in their fixed order: new, resolved, changed, still open, expiring exceptions. */
export function digestSections(sel: DigestSelection, windowEnd: string, today: string): DigestSection[] {
  return [
    capped('New', sel.fresh.map((x) => newLine(x.finding, x.escalated)), SHOWN.fresh),
    capped('Resolved', sel.resolved.map((x) => resolvedLine(x.finding, x.reason)), SHOWN.resolved),
    capped('Changed', sel.changed.map(changedLine), SHOWN.changed),
    openSection(sel.open, windowEnd),
    capped('Exceptions expiring within 7 days', sel.expiring.map((f) => expiringLine(f, today)), SHOWN.expiring),
  ];
}
