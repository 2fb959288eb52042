import type { RuleSpec } from './estate/model';
import { kindOf } from './kinds';
import type { Finding, FindingCause } from './model';
import { parseRule } from './rules/parse-rule';
import { severityRank } from './severity';

/** Findings with one root cause: the most severe leads, the others are shown beneath it. */
export interface FindingGroup {
  lead: Finding;
  related: Finding[];
}

/** The keys each rule's expression reads; a rule that does not parse reads none. */
export function ruleKeysOf(rules: readonly RuleSpec[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const r of rules) {
    const parsed = parseRule(r.assert);
    if (parsed.ok) out.set(r.name, parsed.rule.keys);
  }
  return out;
}

const slot = (environment: string, key: string): string => `${environment}\u0000${key}`;

/**
 * Groups findings with one root cause: those of one environment on one key (a mismatch, the
 * constraint it breaks, the shadowing behind it…), and a rule finding with the findings of its
 * environment on the keys its expression reads, and a parity finding with the findings on its key of
 * the first member where it is absent or a reference to nothing. Other parity and estate-wide findings stand alone.
 * Each group sits where its lead was in `findings`; the lead is the most severe member (the
 * first of them on a tie), the others keep their order.
 */
export function groupRelated(findings: readonly Finding[], ruleKeys: ReadonlyMap<string, readonly string[]> = new Map()): FindingGroup[] {
  const parent = findings.map((_, i) => i);
  const root = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  const join = (a: number, b: number): void => {
    const [ra, rb] = [root(a), root(b)];
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  };
  const bySlot = new Map<string, number>();
  findings.forEach((f, i) => {
    if (f.environment === undefined || f.key === undefined) return;
    const first = bySlot.get(slot(f.environment, f.key));
    if (first === undefined) bySlot.set(slot(f.environment, f.key), i);
    else join(first, i);
  });
  findings.forEach((f, i) => {
    if (kindOf(f.kind).subject !== 'rule' || f.environment === undefined || f.rule === undefined) return;
    for (const key of ruleKeys.get(f.rule) ?? []) {
      const other = bySlot.get(slot(f.environment, key));
      if (other !== undefined) join(other, i);
    }
  });
  // Joined with the first member's cause only: two members referencing nothing are two facts, each shown
  // under its own environment, and the parity difference is said once, beside the first.
  for (const { at, causes } of parityCauses(findings)) join(causes[0]!, at);
  const members = new Map<number, number[]>();
  findings.forEach((_, i) => {
    const r = root(i);
    const list = members.get(r);
    if (list) list.push(i);
    else members.set(r, [i]);
  });
  const groups = [...members.values()].map((idx) => {
    const lead = idx.reduce((best, i) => (severityRank(findings[i]!.severity) > severityRank(findings[best]!.severity) ? i : best));
    return { at: lead, group: { lead: findings[lead]!, related: idx.filter((i) => i !== lead).map((i) => findings[i]!) } };
  });
  return groups.sort((a, b) => a.at - b.at).map((g) => g.group);
}

/**
 * Each parity finding with the findings on its key of the members that explain it. A member's
 * reference to nothing makes its value absent (a missing ConfigMap or Secret) or the bare reference
 * (an SSM parameter not there): the parity difference is that fact again, as is one where the member
 * lacks the key for another reason its findings give (a required key missing). Not when the other
 * members differ among themselves or one of them lacks the key: then the difference is a fact of its own.
 */
function parityCauses(findings: readonly Finding[]): Array<{ at: number; causes: number[] }> {
  const bySlot = new Map<string, number[]>();
  // A parity finding on a key no member has a finding on has no cause: most of a big estate's are such.
  const keysOfMembers = new Set<string>();
  findings.forEach((f, i) => {
    if (f.environment === undefined || f.key === undefined) return;
    const at = slot(f.environment, f.key);
    bySlot.set(at, [...(bySlot.get(at) ?? []), i]);
    keysOfMembers.add(f.key);
  });
  const dangling = new Set(findings.filter((f) => kindOf(f.kind).referencesNothing).map((f) => slot(f.environment ?? '', f.key ?? '')));
  const out: Array<{ at: number; causes: number[] }> = [];
  findings.forEach((f, i) => {
    if (f.group === undefined || f.key === undefined || !f.values || !keysOfMembers.has(f.key)) return;
    const notCompared = new Set(f.notCompared ?? []);
    const members = Object.entries(f.values).map(([environment, value]) => {
      const at = slot(environment, f.key!);
      if (value === null) return { environment, value, causes: bySlot.get(at) ?? [] };
      // A value that is the bare reference is explained by the reference to nothing, not by what else is said of it.
      const causes = dangling.has(at) ? (bySlot.get(at) ?? []).filter((j) => kindOf(findings[j]!.kind).referencesNothing) : [];
      return { environment, value, causes };
    });
    // Explained only if fixing the causes could end it: the other members agree, each with the key set
    // (one lacking it with no finding saying why would still differ from the members put right).
    const others = members.filter((m) => !m.causes.length && !notCompared.has(m.environment));
    const causes = members.flatMap((m) => m.causes);
    if (causes.length && others.every((m) => m.value !== null) && new Set(others.map((m) => m.value)).size <= 1)
      out.push({ at: i, causes });
  });
  return out;
}

const causeOf = (f: Finding): FindingCause => ({ id: f.id, kind: f.kind, severity: f.severity, environment: f.environment! });

/** The findings, each parity finding a member's findings explain naming them (`causedBy`, in the findings' order). */
export function withParityCauses(findings: readonly Finding[]): Finding[] {
  const out = [...findings];
  for (const { at, causes } of parityCauses(findings)) out[at] = { ...findings[at]!, causedBy: causes.map((i) => causeOf(findings[i]!)) };
  return out;
}
