import { byText } from '../text-order';
import { endsSoon } from './exception-end';
import type { LifecycleEvent } from '../lifecycle/model';
import { CAUSE_GONE } from '../lifecycle/plan-lifecycle';
import type { Finding } from '../model';
import { atLeast, SEVERITIES, severityRank, type Severity } from '../severity';
import { groupLabel, scopeLabel, subjectOf } from '../finding-scope';

/** What one digest says, before it is rendered. */
export interface DigestSelection {
  /** `reopened`: it was resolved earlier in the window, and came back. */
  fresh: Array<{ finding: Finding; escalated: boolean; reopened: boolean; alone?: boolean }>;
  /** `times`: how many of its episodes resolved in the window (more than one: it came and went). */
  resolved: Array<{ finding: Finding; reason?: string; times: number }>;
  changed: Finding[];
  /** Still open (not new in this window), grouped by scope, most severe scope first. */
  open: Array<{ scope: string; findings: Finding[] }>;
  expiring: Finding[];
  suppressed: number;
}

/** Most severe first, then scope, kind, subject and id: a total order, so the same input renders the same. */
export const bySeverityThenSubject = (a: Finding, b: Finding): number =>
  severityRank(b.severity) - severityRank(a.severity) ||
  byText(scopeLabel(a), scopeLabel(b)) ||
  byText(a.kind, b.kind) ||
  byText(subjectOf(a), subjectOf(b)) ||
  byText(a.id, b.id);

type Scopes = { environments: readonly string[]; groups: readonly string[] };

/** Scope labels in drift.yaml order (environments, then parity groups); unknown ones after them, by name. */
function scopeRank(scopes: Scopes | undefined): (a: string, b: string) => number {
  const rank = new Map<string, number>();
  scopes?.environments.forEach((e, i) => rank.set(e, i));
  scopes?.groups.forEach((g, i) => rank.set(groupLabel(g), (scopes?.environments.length ?? 0) + i));
  const place = (s: string): number => rank.get(s) ?? rank.size;
  return (a, b) => place(a) - place(b) || byText(a, b);
}

/** The latest event per finding id among `events` (already in log order). */
function latestPerFinding(events: LifecycleEvent[]): LifecycleEvent[] {
  const latest = new Map<string, LifecycleEvent>();
  for (const e of events) latest.set(e.finding.id, e);
  return [...latest.values()];
}

/** Events in log order, each once (a retried run writes the same event id again). */
function inLogOrder(events: readonly LifecycleEvent[]): LifecycleEvent[] {
  const seen = new Set<string>();
  const sorted = [...events].sort((a, b) => byText(a.at, b.at) || byText(a.eventId, b.eventId));
  return sorted.filter((e) => !seen.has(e.eventId) && seen.add(e.eventId));
}

/** Picks, filters and orders what the digest shows. */
export function selectDigest(
  events: readonly LifecycleEvent[],
  open: readonly Finding[],
  suppressed: readonly Finding[],
  minSeverity: Severity,
  scopes?: Scopes,
  windowEnd?: string,
): DigestSelection {
  const byScope = scopeRank(scopes);
  const log = inLogOrder(events);
  const shown = (f: Finding): boolean => atLeast(f.severity, minSeverity);
  const opened = new Set(log.filter((e) => e.event === 'opened').map((e) => e.finding.id));
  // Where each finding stands at the window's end, which came back after a resolution, and where it last resolved.
  const lastTurn = new Map<string, LifecycleEvent['event']>();
  const reopened = new Set<string>();
  const lastResolved = new Map<string, number>();
  log.forEach((e, at) => {
    if (e.event !== 'opened' && e.event !== 'resolved') return;
    if (e.event === 'opened' && lastTurn.get(e.finding.id) === 'resolved') reopened.add(e.finding.id);
    if (e.event === 'resolved') lastResolved.set(e.finding.id, at);
    lastTurn.set(e.finding.id, e.event);
  });
  // Each episode is judged at its own severity: a later one under the threshold hides no earlier one that was shown.
  const told = latestPerFinding(log.filter((e) => (e.event === 'opened' || e.event === 'escalated') && shown(e.finding)));
  // Open at the window's end in an episode the digest shows: one back under the threshold is not, its shown episode resolved.
  const position = new Map(log.map((e, at) => [e, at]));
  const backShown = new Set(
    told
      .filter((e) => lastTurn.get(e.finding.id) === 'opened' && (position.get(e) ?? -1) > (lastResolved.get(e.finding.id) ?? -1))
      .map((e) => e.finding.id),
  );
  // Most severe first, then scopes in drift.yaml order, as every other output lists findings (findingOrder).
  const inOrder = (a: Finding, b: Finding): number =>
    severityRank(b.severity) - severityRank(a.severity) || byScope(scopeLabel(a), scopeLabel(b)) || bySeverityThenSubject(a, b);
  const fresh = told
    .sort((a, b) => inOrder(a.finding, b.finding))
    .map((e) => ({
      finding: e.finding,
      escalated: e.event === 'escalated' && !opened.has(e.finding.id) && e.reason !== CAUSE_GONE,
      // Told again with the severity it had: what was told with its cause now stands alone.
      alone: e.event === 'escalated' && !opened.has(e.finding.id) && e.reason === CAUSE_GONE,
      reopened: reopened.has(e.finding.id) && backShown.has(e.finding.id),
    }));
  // A finding lowered below the threshold after it was shown is still told resolved; one never shown is not.
  // One that came back in a shown episode before the window's end is open, not resolved.
  const resolutions = log.filter(
    (e) => e.event === 'resolved' && !backShown.has(e.finding.id) && atLeast(e.peakSeverity ?? e.finding.severity, minSeverity),
  );
  const times = new Map<string, number>();
  for (const e of resolutions) times.set(e.finding.id, (times.get(e.finding.id) ?? 0) + 1);
  const resolved = latestPerFinding(resolutions)
    .sort((a, b) => inOrder(a.finding, b.finding))
    .map((e) => ({ finding: e.finding, reason: e.reason, times: times.get(e.finding.id) ?? 1 }));
  const changed = log.filter((e) => e.event === 'changed').map((e) => e.finding);
  const freshIds = new Set(fresh.map((x) => x.finding.id));
  const stillOpen = open.filter((f) => shown(f) && !freshIds.has(f.id));
  return {
    fresh,
    resolved,
    changed: [...changed].sort((a, b) => byScope(scopeLabel(a), scopeLabel(b)) || byText(subjectOf(a), subjectOf(b))),
    open: groupByScope(stillOpen, byScope),
    // An accepted difference never expires, whatever `expiresSoon` says. Judged again at the window's end:
    // the audit judged it from its own UTC day, which can be the day before the digest's.
    expiring: suppressed
      .filter((f) => shown(f) && !f.exception?.permanent && f.exception?.expires !== undefined)
      .filter((f) => (windowEnd === undefined ? f.expiresSoon : endsSoon(f.exception!.expires!, windowEnd)))
      .sort((a, b) => byText(a.exception?.expires ?? '', b.exception?.expires ?? '') || bySeverityThenSubject(a, b)),
    suppressed: suppressed.filter(shown).length,
  };
}

/** Oldest first inside one severity: the longest-standing drift is the one to look at. */
const byAge = (a: Finding, b: Finding): number => byText(a.firstSeen ?? '', b.firstSeen ?? '');

function groupByScope(findings: Finding[], byScope: (a: string, b: string) => number): Array<{ scope: string; findings: Finding[] }> {
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    const list = groups.get(scopeLabel(f)) ?? [];
    list.push(f);
    groups.set(scopeLabel(f), list);
  }
  const worst = (fs: Finding[]): number => Math.max(...fs.map((f) => severityRank(f.severity)));
  return [...groups.entries()]
    .map(([scope, fs]) => ({
      scope,
      findings: fs.sort((a, b) => severityRank(b.severity) - severityRank(a.severity) || byAge(a, b) || bySeverityThenSubject(a, b)),
    }))
    .sort((a, b) => worst(b.findings) - worst(a.findings) || byScope(a.scope, b.scope));
}

/** Counts by severity, most severe first, zeros left out. */
export const severityCounts = (findings: readonly Finding[]): Array<[Severity, number]> =>
  SEVERITIES.map((s) => [s, findings.filter((f) => f.severity === s).length] as [Severity, number]).filter(([, n]) => n > 0);
