import type { Finding } from '../model';
import { groupRelated, type FindingGroup } from '../related-findings';
import { user, type DigestLine, type DigestSection } from './digest-model';
import { changedLine, expiringLine, newLine, openLine, resolvedLine, scopeHeading } from './lines';
import { bySeverityThenSubject, byText, severityCounts, type DigestSelection } from './select';
import { severityRank } from '../severity';

/** How many lines each section shows before it says "+N more": a digest is read, not searched. */
export const SHOWN = { fresh: 20, resolved: 15, changed: 15, open: 30, expiring: 10 } as const;

/** The keys each rule reads, so a rule finding is shown with the findings on them. */
export type RuleKeys = ReadonlyMap<string, readonly string[]>;

const count = (lines: readonly DigestLine[]): number => lines.reduce((n, l) => n + l.findings, 0);

function capped(title: string, lines: DigestLine[], max: number): DigestSection {
  const shown = lines.slice(0, max);
  return { title: `${title} (${count(lines)})`, lines: shown, hidden: count(lines) - count(shown) };
}

/** New findings, those with one cause on one line under the most severe of them. */
function freshLines(fresh: DigestSelection['fresh'], ruleKeys: RuleKeys): DigestLine[] {
  const escalated = new Map(fresh.map((x) => [x.finding.id, x.escalated]));
  return groupRelated(
    fresh.map((x) => x.finding),
    ruleKeys,
  ).map((g) => newLine(g.lead, escalated.get(g.lead.id) ?? false, g.related));
}

/** The open section: the most severe and oldest causes across all scopes, listed under their scope. */
function openSection(groups: DigestSelection['open'], windowEnd: string, ruleKeys: RuleKeys): DigestSection {
  const all = groups.flatMap((g) => g.findings);
  const causes = groups.map((g) => groupRelated(g.findings, ruleKeys));
  const oldestFirst = (a: Finding, b: Finding): number =>
    severityRank(b.severity) - severityRank(a.severity) || byText(a.firstSeen ?? '', b.firstSeen ?? '') || bySeverityThenSubject(a, b);
  const shown = new Set(
    causes
      .flat()
      .map((c) => c.lead)
      .sort(oldestFirst)
      .slice(0, SHOWN.open)
      .map((f) => f.id),
  );
  const lines: DigestLine[] = [];
  groups.forEach((g, i) => {
    const listed = causes[i]!.filter((c: FindingGroup) => shown.has(c.lead.id));
    const heading = scopeHeading(g.scope, severityCounts(g.findings));
    if (!listed.length) {
      lines.push({ ...heading, findings: g.findings.length });
      return;
    }
    const open = listed.map((c) => openLine(c.lead, windowEnd, c.related));
    lines.push(heading, ...open);
    const rest = g.findings.length - count(open);
    if (rest > 0) lines.push({ text: [{ em: [`+${rest} more in `, user(g.scope, 120)] }], details: [], findings: rest });
  });
  return { title: `Still open (${all.length})`, lines, hidden: 0 };
}

/** The digest's sections in their fixed order: new, resolved, changed, still open, expiring exceptions. */
export function digestSections(sel: DigestSelection, windowEnd: string, today: string, ruleKeys: RuleKeys = new Map()): DigestSection[] {
  return [
    capped('New', freshLines(sel.fresh, ruleKeys), SHOWN.fresh),
    capped(
      'Resolved',
      sel.resolved.map((x) => resolvedLine(x.finding, x.reason)),
      SHOWN.resolved,
    ),
    capped('Changed', sel.changed.map(changedLine), SHOWN.changed),
    openSection(sel.open, windowEnd, ruleKeys),
    capped(
      'Exceptions expiring within 7 days',
      sel.expiring.map((f) => expiringLine(f, today)),
      SHOWN.expiring,
    ),
  ];
}
