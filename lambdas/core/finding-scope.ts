import type { Finding } from './model';
import { severityRank } from './severity';

/** Where a finding applies: one environment, a parity group, or the whole estate (a rule judged nowhere). */
export type ScopeKind = 'environment' | 'group' | 'estate';

export const scopeKindOf = (f: Finding): ScopeKind =>
  f.environment !== undefined ? 'environment' : f.group !== undefined ? 'group' : 'estate';

/** The name of a finding's scope, as data carries it: its environment or parity group; none estate-wide. */
export const scopeName = (f: Finding): string | undefined => f.environment ?? f.group;

/** The environments a finding speaks for: its own, or its parity group's (a finding read back from the store carries null for absent fields). */
export function environmentsOf(f: Finding, groups: ReadonlyMap<string, readonly string[]>): readonly string[] {
  if (typeof f.environment === 'string') return [f.environment];
  return typeof f.group === 'string' ? (groups.get(f.group) ?? []) : [];
}

/** How people read a parity group as a scope: `us-vs-eu (parity group)`. */
export const groupLabel = (group: string): string => `${group} (parity group)`;

/** How people read a finding's scope: `production-us`, `us-vs-eu (parity group)`, `all environments`. */
export function scopeLabel(f: Finding): string {
  if (f.environment !== undefined) return f.environment;
  if (f.group !== undefined) return groupLabel(f.group);
  return 'all environments';
}

/** What a finding is about: its key, rule or source. */
export const subjectOf = (f: Finding): string => f.key ?? f.rule ?? f.source?.location ?? '';

/**
 * The one order of findings in every output: most severe first, then environments in the order
 * drift.yaml lists them, then parity groups in theirs, then estate-wide findings; then kind,
 * subject and id, so runs diff cleanly.
 */
export function findingOrder(environments: readonly string[], groups: readonly string[]): (a: Finding, b: Finding) => number {
  // By name, without building a string per comparison: a sort of 50,000 findings compares 800,000 times.
  const environmentRank = new Map(environments.map((e, i) => [e, i]));
  const groupRank = new Map(groups.map((g, i) => [g, environments.length + i]));
  const last = environments.length + groups.length;
  const place = (f: Finding): number =>
    f.environment !== undefined
      ? (environmentRank.get(f.environment) ?? last)
      : f.group !== undefined
        ? (groupRank.get(f.group) ?? last)
        : last + 1;
  return (a, b) =>
    severityRank(b.severity) - severityRank(a.severity) ||
    place(a) - place(b) ||
    scopeLabel(a).localeCompare(scopeLabel(b), 'en') ||
    a.kind.localeCompare(b.kind, 'en') ||
    subjectOf(a).localeCompare(subjectOf(b), 'en') ||
    a.id.localeCompare(b.id, 'en');
}

/** The value a finding is about, as one line: its actual value, or a parity finding's values per environment. */
export function valueSummary(f: Finding): string {
  if (f.actual !== undefined) return f.actual;
  if (!f.values) return '';
  return Object.entries(f.values)
    .map(([env, v]) => `${env} ${v ?? '(not set)'}`)
    .join(', ');
}
