import type { KeyType } from '../engine/equality';
import type { Finding } from '../model';
import { groupRelated, type FindingGroup } from '../related-findings';
import { user, type DigestLine, type DigestSection } from './digest-model';
import { changedLine, expiringLine, newLine, openLine, resolvedLine, scopeHeading, type FreshHow } from './lines';
import { byText } from '../text-order';
import { scopeLabel } from '../finding-scope';
import { bySeverityThenSubject, severityCounts, type DigestSelection } from './select';
import { atLeast, severityRank, type Severity } from '../severity';

/** How many lines each section shows before it says "+N more": a digest is read, not searched. */
export const SHOWN = { fresh: 20, resolved: 15, changed: 15, open: 10, expiring: 10 } as const;

/** The keys each rule reads, so a rule finding is shown with the findings on them. */
export type RuleKeys = ReadonlyMap<string, readonly string[]>;

const count = (lines: readonly DigestLine[]): number => lines.reduce((n, l) => n + l.findings, 0);

function capped(title: string, lines: DigestLine[], max: number): DigestSection {
  const shown = lines.slice(0, max);
  return { title: `${title} (${count(lines)})`, lines: shown, hidden: count(lines) - count(shown) };
}

/** New findings, those with one cause on one line under the most severe of them. */
function freshLines(fresh: DigestSelection['fresh'], ruleKeys: RuleKeys): DigestLine[] {
  const how = new Map(
    fresh.map((x): [string, FreshHow] => [x.finding.id, x.escalated ? 'escalated' : x.alone ? 'alone' : x.reopened ? 'reopened' : 'new']),
  );
  return groupRelated(
    fresh.map((x) => x.finding),
    ruleKeys,
  ).map((g) => newLine(g.lead, how.get(g.lead.id) ?? 'new', g.related));
}

/** The severity a still-open finding must have to be named; the rest are counted (the report lists them all). */
export const NAMED_OPEN: Severity = 'critical';

/**
 * The open section, read every morning: counts per scope and severity, naming only the critical
 * causes (most severe and oldest first, at most `SHOWN.open`). What escalated in the window is
 * named in "New"; what is unchanged for days is one click away in the report. A cause is counted
 * under its lead's scope, whatever scope its related findings have (a parity difference that a
 * member's reference to nothing explains sits under that environment); a scope left with nothing
 * of its own is not listed.
 */
function openSection(groups: DigestSelection['open'], windowEnd: string, ruleKeys: RuleKeys, reportUrl: string | undefined): DigestSection {
  const all = groups.flatMap((g) => g.findings);
  const causesOf = new Map(groups.map((g): [string, FindingGroup[]] => [g.scope, []]));
  for (const c of groupRelated(all, ruleKeys)) causesOf.get(scopeLabel(c.lead))?.push(c);
  const oldestFirst = (a: Finding, b: Finding): number =>
    severityRank(b.severity) - severityRank(a.severity) || byText(a.firstSeen ?? '', b.firstSeen ?? '') || bySeverityThenSubject(a, b);
  const named = new Set(
    [...causesOf.values()]
      .flat()
      .map((c) => c.lead)
      .filter((f) => atLeast(f.severity, NAMED_OPEN))
      .sort(oldestFirst)
      .slice(0, SHOWN.open)
      .map((f) => f.id),
  );
  const lines: DigestLine[] = [];
  for (const g of groups) {
    const causes = causesOf.get(g.scope) ?? [];
    if (!causes.length) continue;
    const findings = causes.flatMap((c) => [c.lead, ...c.related]);
    const critical = causes.filter((c) => atLeast(c.lead.severity, NAMED_OPEN));
    const open = critical.filter((c) => named.has(c.lead.id)).map((c) => openLine(c.lead, windowEnd, c.related));
    const unnamed = critical.filter((c) => !named.has(c.lead.id));
    const more = unnamed.reduce((n, c) => n + 1 + c.related.length, 0);
    const heading = scopeHeading(g.scope, severityCounts(findings));
    // Each finding is counted by exactly one line, so a channel that drops lines says how many it dropped.
    lines.push({ ...heading, findings: findings.length - count(open) - more }, ...open);
    if (unnamed.length)
      lines.push({ text: [{ em: [`+${unnamed.length} more ${NAMED_OPEN} in `, user(g.scope, 120)] }], details: [], findings: more });
  }
  if (all.length && reportUrl) {
    lines.push({
      text: [{ em: ['every open finding, with its age and source:'] }, ' ', { link: reportUrl, label: 'the full report' }],
      details: [],
      findings: 0,
    });
  }
  return { title: `Still open (${all.length})`, lines, hidden: 0 };
}

/** The digest's sections in their fixed order: new, resolved, changed, still open, expiring exceptions. */
export function digestSections(
  sel: DigestSelection,
  windowEnd: string,
  timezone: string,
  ruleKeys: RuleKeys = new Map(),
  reportUrl?: string,
  typeOf?: KeyType,
): DigestSection[] {
  return [
    capped('New', freshLines(sel.fresh, ruleKeys), SHOWN.fresh),
    capped(
      'Resolved',
      sel.resolved.map((x) => resolvedLine(x.finding, x.reason, x.times)),
      SHOWN.resolved,
    ),
    capped(
      'Changed',
      sel.changed.map((f) => changedLine(f, typeOf)),
      SHOWN.changed,
    ),
    openSection(sel.open, windowEnd, ruleKeys, reportUrl),
    capped(
      'Exceptions expiring within 7 days',
      sel.expiring.map((f) => expiringLine(f, windowEnd, timezone)),
      SHOWN.expiring,
    ),
  ];
}
