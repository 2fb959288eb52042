import { CHECKS } from '../checks/registry';
import type { CheckContext, LastChange } from '../checks/check-context';
import type { Estate } from '../estate/model';
import { FINDING_KINDS, type FindingKind } from '../kinds';
import type { EnvironmentSnapshot, Finding } from '../model';
import { findingOrder } from '../finding-scope';
import { SEVERITIES, type Severity } from '../severity';
import { utcDate } from './dates';
import { effectiveConfig, type EffectiveConfig } from './effective-config';
import { applyExceptions } from './exceptions';
import { KeySpace } from './key-space';
import { baselineSecretPolicy } from '../sources/context';
import { findingFactory } from './finding-factory';
import { withParityCauses } from '../related-findings';
import { NO_FLAGS_SEEN, type FlagsSeen } from '../flags/flags-seen';
import { withFailedOverrideNotes } from './failed-override-note';
import type { CodeAudit } from '../code/code-reads';
import type { ScannedReads } from '../code/key-code-read';

export const AUDIT_SCHEMA = 'drift-audit/v1';

export interface AuditSummary {
  bySeverity: Record<Severity, number>;
  byKind: Partial<Record<FindingKind, number>>;
  rulesSkipped: number;
}

/** The outcome of one audit: the spec's document, plus the effective configurations behind it. */
export interface AuditResult {
  schema: typeof AUDIT_SCHEMA;
  generatedAt: string;
  estate: string;
  environments: string[];
  findings: Finding[];
  suppressed: Finding[];
  resolved: Array<Finding & { reason: string }>;
  summary: AuditSummary;
  configs: EffectiveConfig[];
  /** What the estate's `code:` trees read (absent without `code:`): for reports, `drift diff` and `drift explain`, not the JSON document. */
  code?: ScannedReads;
}

/** The audit document's `generatedAt` for an audit judged at `now`: whole seconds. */
export const generatedAt = (now: Date): string => now.toISOString().replace(/\.\d{3}Z$/, 'Z');

/** The estate's order of findings (see findingOrder): environments and groups as drift.yaml lists them. */
export const estateFindingOrder = (estate: Estate): ((a: Finding, b: Finding) => number) =>
  findingOrder(
    estate.environments.map((e) => e.name),
    estate.parity.map((g) => g.name),
  );

export function summarise(findings: Finding[], rulesSkipped: number): AuditSummary {
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  const byKind: Partial<Record<FindingKind, number>> = {};
  for (const f of findings) {
    bySeverity[f.severity]++;
    byKind[f.kind] = (byKind[f.kind] ?? 0) + 1;
  }
  const orderedKinds = Object.fromEntries(
    (Object.keys(FINDING_KINDS) as FindingKind[]).filter((k) => byKind[k]).map((k) => [k, byKind[k]]),
  );
  return { bySeverity, byKind: orderedKinds, rulesSkipped };
}

/**
 * Resolves, compares and judges the snapshots of an estate. Pure: the time comes in as `now`. The
 * environments share `space` (one per audit).
 * `flagsSeen` is what the store remembers of the flags (see use-cases/flag-ages); `lastChange`, when
 * each key last changed by the store's history (see use-cases/runtime-changes); `code`, what the
 * estate's `code:` trees read (see use-cases/read-code).
 */
export function audit(
  estate: Estate,
  snapshots: EnvironmentSnapshot[],
  now: Date,
  space: KeySpace = new KeySpace(),
  flagsSeen: FlagsSeen = NO_FLAGS_SEEN,
  lastChange?: LastChange,
  code?: CodeAudit,
): AuditResult {
  const order = new Map(estate.environments.map((e, i) => [e.name, i]));
  const secretNames = baselineSecretPolicy(estate.baseline);
  const configs = snapshots
    .map((s) => effectiveConfig(s, space, secretNames))
    .sort((a, b) => (order.get(a.environment) ?? 0) - (order.get(b.environment) ?? 0));
  const make = findingFactory(estate.name);
  const today = utcDate(now);
  const ctx: CheckContext = {
    estate,
    configs,
    byEnvironment: new Map(configs.map((c) => [c.environment, c])),
    today,
    now,
    flagsSeen,
    ...(lastChange ? { lastChange } : {}),
    ...(code ? { code } : {}),
    make,
    spec: (key) => estate.baseline.keys.get(key),
    stats: { rulesSkipped: 0 },
  };
  const raw = withFailedOverrideNotes(
    CHECKS.flatMap((c) => c.run(ctx)),
    ctx.byEnvironment,
  );
  const running = (environment: string, key: string) => ctx.byEnvironment.get(environment)?.entries.get(key)?.value;
  const excused = applyExceptions(estate, raw, today, make, running);
  const byOrder = estateFindingOrder(estate);
  const findings = withParityCauses(excused.findings.sort(byOrder));
  const suppressed = excused.suppressed.sort(byOrder);
  return {
    schema: AUDIT_SCHEMA,
    generatedAt: generatedAt(now),
    estate: estate.name,
    environments: configs.map((c) => c.environment),
    findings,
    suppressed,
    resolved: [],
    summary: summarise(findings, ctx.stats.rulesSkipped),
    configs,
    ...(code ? { code: { reads: code.reads, apiReads: code.apiReads, openReads: code.openReads } } : {}),
  };
}

/** The audit document of spec section 4, as `drift audit --format json` prints it. */
export function auditDocument(r: AuditResult): Omit<AuditResult, 'configs' | 'code'> {
  const { configs: _configs, code: _code, ...doc } = r;
  return doc;
}
