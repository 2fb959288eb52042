import type { AuditResult } from '../../core/engine/audit';
import type { Estate } from '../../core/estate/model';
import { scopeKindOf, scopeLabel } from '../../core/finding-scope';
import type { Finding } from '../../core/model';
import { groupRelated, ruleKeysOf, type FindingGroup } from '../../core/related-findings';

/** What the people-facing reports need from the estate beyond the audit result. */
export interface ReportLayout {
  /** Parity groups in drift.yaml order. */
  groups: readonly string[];
  /** The keys each rule reads: a rule finding is shown with the findings on them. */
  ruleKeys: ReadonlyMap<string, readonly string[]>;
}

/** The layout of an estate's reports. */
export const reportLayout = (estate: Estate): ReportLayout => ({
  groups: estate.parity.map((g) => g.name),
  ruleKeys: ruleKeysOf(estate.baseline.rules),
});

/** A layout knowing no groups or rules: reports still work, groups sorted by name, rules alone. */
export const NO_LAYOUT: ReportLayout = { groups: [], ruleKeys: new Map() };

/**
 * Findings by scope label, in drift.yaml order: every environment audited (empty ones too), then
 * the parity groups with findings, then estate-wide findings. Findings keep their order.
 */
export function findingsByScope(r: AuditResult, layout: ReportLayout): Map<string, Finding[]> {
  const scopes = new Map<string, Finding[]>(r.environments.map((e) => [e, []]));
  const groups = new Map(r.findings.filter((f) => scopeKindOf(f) === 'group').map((f) => [f.group!, scopeLabel(f)]));
  const known = layout.groups.filter((g) => groups.has(g));
  const others = [...groups.keys()].filter((g) => !layout.groups.includes(g)).sort();
  for (const g of [...known, ...others]) scopes.set(groups.get(g)!, []);
  for (const f of r.findings) {
    const label = scopeLabel(f);
    const list = scopes.get(label);
    if (list) list.push(f);
    else scopes.set(label, [f]);
  }
  return scopes;
}

/**
 * The findings of each scope (as findingsByScope orders them) grouped by root cause. A cause is shown
 * under its lead's scope, whatever scope its related findings have (a parity difference that a
 * member's dangling reference explains sits under that environment's finding); a parity group left
 * with nothing of its own is not listed.
 */
export function causesByScope(r: AuditResult, layout: ReportLayout): Map<string, FindingGroup[]> {
  const scopes = new Map([...findingsByScope(r, layout).keys()].map((s): [string, FindingGroup[]] => [s, []]));
  for (const g of groupRelated(r.findings, layout.ruleKeys)) scopes.get(scopeLabel(g.lead))?.push(g);
  const environments = new Set(r.environments);
  for (const [scope, groups] of scopes) if (!groups.length && !environments.has(scope)) scopes.delete(scope);
  return scopes;
}

/** How many findings the causes hold, leads and related. */
export const findingCount = (groups: readonly FindingGroup[]): number => groups.reduce((n, g) => n + 1 + g.related.length, 0);
