import type { Estate } from '../estate/model';
import type { Finding } from '../model';
import { higherOf, severityRank } from '../severity';
import type { FindingState, LifecycleEvent, LifecycleEventName } from './model';
import { resolutionReason, type Whereabouts } from './resolution-reason';
import { sha256Hex } from '../sha256';
import { expiredExceptionId } from '../engine/finding-factory';
import { aboutASource, kindOf, type FindingKind } from '../kinds';
import { baselineSecretPolicy } from '../sources/context';
import { stateWithoutStalePlainValues } from './stale-plain-values';
import { declaredSourceErrorIds, type DeclaredSourceErrorIds } from '../checks/source-error';
import { lazily } from '../lazily';

/** What a run audited: only findings inside this scope can be resolved by it. */
export interface RunScope {
  estate: Estate;
  runId: string;
  /** The run's start (ISO): `firstSeen` of new episodes and the order of the event log. */
  startedAt: string;
  audited: ReadonlySet<string>;
  /** Audited environments with a failed source: judged only on what they have, so nothing there resolves. */
  failed: ReadonlySet<string>;
  /**
   * Audited environments this run did not read (a targeted run), standing on their stored snapshots:
   * they count as read for estate-wide and group findings, while their own findings carry forward.
   */
  carried?: ReadonlySet<string>;
  /**
   * Findings on a value that a failed source outranks (see failedOverride): not what the environment is
   * known to run, so they open no episode; one already open is carried forward as stored.
   */
  unconfirmed?: ReadonlySet<string>;
}

/** One state to write, conditional on the version read, and the event it produces. */
export interface Transition {
  state: FindingState;
  expectedVersion: number | undefined;
  event?: LifecycleEvent;
}

export interface LifecyclePlan {
  findings: Finding[];
  resolved: Array<Finding & { reason: string }>;
  transitions: Transition[];
  /** Events of transitions this run id already made (a retry): written again, idempotently. */
  replay: LifecycleEvent[];
  /**
   * Open findings this run could not look at because a source failed (in their environment, or in
   * one of their parity group's) or it did not read their environment (`carried`): carried forward,
   * still open, for reports to show.
   */
  carried: Finding[];
}

/** Derived from the finding, its episode and the event, so a retry carries the same id. */
export const eventId = (findingId: string, episode: number, event: string): string =>
  sha256Hex(`${findingId}\u0000${episode}\u0000${event}`).slice(0, 24);

/** What a finding says; its stored state is rewritten only when this changes. */
export const contentHash = (f: Finding): string => sha256Hex(JSON.stringify(f)).slice(0, 24);

/** The reason an `escalated` event gives when a finding told with its cause is told again on its own (its severity did not rise). */
export const CAUSE_GONE = 'its cause is gone';

const event = (
  name: LifecycleEventName,
  suffix: string,
  st: FindingState,
  scope: RunScope,
  extra: Partial<LifecycleEvent> = {},
): LifecycleEvent => ({
  eventId: eventId(st.id, st.episode, suffix),
  event: name,
  runId: scope.runId,
  at: scope.startedAt,
  finding: st.finding,
  episode: st.episode,
  ...(st.peakSeverity === undefined ? {} : { peakSeverity: st.peakSeverity }),
  ...extra,
});

/** Is a stored open finding inside what this run checked? If not, it carries forward unchanged. */
function inScope(f: Finding, scope: RunScope): 'judged' | 'carry' | 'gone' {
  const envs = scope.estate.environments.map((e) => e.name);
  if (f.environment !== undefined) {
    if (!envs.includes(f.environment)) return 'gone';
    const looked = scope.audited.has(f.environment) && !scope.failed.has(f.environment) && !scope.carried?.has(f.environment);
    return looked ? 'judged' : 'carry';
  }
  // An estate-wide finding (a rule judged nowhere) is judged only by a run that read every environment.
  const members = f.group === undefined ? envs : scope.estate.parity.find((g) => g.name === f.group)?.environments;
  if (!members) return 'gone';
  return members.every((e) => scope.audited.has(e) && !scope.failed.has(e)) ? 'judged' : 'carry';
}

/**
 * A `source-error` reported under a source's identity while the same source's finding under its
 * label (the id an earlier version gave it: see sourceErrorIds) is still open: reported under that
 * id, so the open finding (and its ticket) goes on rather than a second one opening beside it. Its
 * next episode, once it is resolved, opens under the identity's id.
 */
function carriedOverId(
  f: Finding,
  previous: ReadonlyMap<string, FindingState>,
  standing: ReadonlyMap<string, string>,
  declared: () => DeclaredSourceErrorIds,
): { f: Finding; standsFor?: string } {
  if (!aboutASource(f) || f.environment === undefined || previous.get(f.id)?.status === 'open') return { f };
  // One carried over already (its files since reordered), else the one under the label as written now.
  const legacy = standing.get(f.id) ?? declared().legacy.get(f.id);
  if (legacy === undefined || previous.get(legacy)?.status !== 'open') return { f };
  return { f: { ...f, id: legacy }, standsFor: f.id };
}

/**
 * An open `source-error` of a source its environment no longer declares (removed, renamed, or its
 * files listed otherwise than an earlier version keyed it by), in an environment this run read: the
 * run tried every source there is, so it is resolved even where another source failed.
 */
function sourceNoLongerDeclared(st: FindingState, scope: RunScope, declared: () => DeclaredSourceErrorIds): boolean {
  const f = st.finding;
  if (!aboutASource(f) || f.environment === undefined) return false;
  if (!scope.audited.has(f.environment) || scope.carried?.has(f.environment)) return false;
  const { all } = declared();
  return !all.has(st.id) && !(st.standsFor !== undefined && all.has(st.standsFor));
}

/** Does a finding belong to an environment not read or with a failed source, or a parity group or estate with a failed source? */
function touchesFailed(f: Finding, scope: RunScope): boolean {
  if (f.environment !== undefined) return scope.failed.has(f.environment) || (scope.carried?.has(f.environment) ?? false);
  if (f.group === undefined) return scope.failed.size > 0;
  return (scope.estate.parity.find((g) => g.name === f.group)?.environments ?? []).some((e) => scope.failed.has(e));
}

function openOrUpdate(f: Finding, st: FindingState | undefined, scope: RunScope, plan: LifecyclePlan, standsFor?: string): void {
  const hash = contentHash(f);
  if (!st || st.status === 'resolved') {
    const state: FindingState = {
      id: f.id,
      estate: f.estate,
      episode: (st?.episode ?? 0) + 1,
      status: 'open',
      firstSeen: scope.startedAt,
      openedRun: scope.runId,
      severity: f.severity,
      peakSeverity: f.severity,
      contentHash: hash,
      finding: f,
      lastChangedAt: scope.startedAt,
      version: (st?.version ?? 0) + 1,
    };
    plan.transitions.push({ state, expectedVersion: st?.version, event: event('opened', 'opened', state, scope) });
    plan.findings.push({ ...f, status: 'new', firstSeen: scope.startedAt });
    return;
  }
  const retry = st.openedRun === scope.runId;
  if (retry) plan.replay.push(event('opened', 'opened', st, scope));
  plan.findings.push({ ...f, status: retry ? 'new' : 'open', firstSeen: st.firstSeen });
  if (st.contentHash === hash && (standsFor === undefined || st.standsFor === standsFor)) return;
  const state: FindingState = {
    ...st,
    ...(standsFor !== undefined ? { standsFor } : {}),
    severity: f.severity,
    // A state written before the peak was kept: its stored severity is the most this episode is known to have had.
    peakSeverity: higherOf(st.peakSeverity ?? st.severity, f.severity),
    contentHash: hash,
    finding: f,
    lastChangedAt: scope.startedAt,
    version: st.version + 1,
  };
  const rose = severityRank(f.severity) > severityRank(st.severity);
  // A rise to a severity the episode already reached (lowered since, raised again) is an escalation of
  // its own: the id `escalated:<severity>` is its first one's, which the log would take for a retry and
  // drop. Its id names the state it writes, so a retry of this transition still gets the same one.
  const again = rose && severityRank(f.severity) <= severityRank(st.peakSeverity ?? st.severity);
  const escalation = again ? `escalated:${f.severity}:v${state.version}` : `escalated:${f.severity}`;
  // Told with a cause that has gone (a parity difference ticketed with the member's missing key, now a
  // difference of its own): told again, so a ticket can start for it. Once per run, the same on a retry.
  const alone = !rose && Array.isArray(st.finding.causedBy) && st.finding.causedBy.length > 0 && !f.causedBy?.length;
  plan.transitions.push({
    state,
    expectedVersion: st.version,
    event: rose
      ? event('escalated', escalation, state, scope)
      : alone
        ? event('escalated', `escalated:alone:${scope.runId}`, state, scope, { reason: CAUSE_GONE })
        : undefined,
  });
}

/**
 * Where a finding no longer reported went: excused, or reported under another id, as an expired
 * exception turns a finding into `exception-expired` and a withdrawn one turns it back.
 */
function whereabouts(reported: readonly Finding[], suppressed: Finding[]): (st: FindingState, gone: boolean) => Whereabouts {
  const excused = new Set(suppressed.flatMap((f) => [f.id, expiredExceptionId(f)]));
  const reportedIds = new Set(reported.map((f) => f.id));
  const carriedBy = new Map<string, FindingKind>();
  // Only a finding an exception may excuse is ever carried by an expired one.
  for (const f of reported) if (kindOf(f.kind).excusable) carriedBy.set(expiredExceptionId(f), f.kind);
  const takenOver = takenOverBy(reported);
  return (st, gone) => ({
    excused: excused.has(st.id),
    scopeGone: gone,
    reportedAs: reportedIds.has(expiredExceptionId(st.finding)) ? 'exception-expired' : (carriedBy.get(st.id) ?? takenOver(st.finding)),
  });
}

/**
 * The kind now reporting what a finding said, where a reported finding takes its kind over on the same
 * key (FindingKindEntry.takesOver) in its environment, or in one of its parity group's.
 */
function takenOverBy(reported: readonly Finding[]): (f: Finding) => FindingKind | undefined {
  const byKey = new Map<string, Finding[]>();
  for (const r of reported) {
    if (r.key === undefined || !kindOf(r.kind).takesOver?.length) continue;
    const list = byKey.get(r.key);
    if (list) list.push(r);
    else byKey.set(r.key, [r]);
  }
  return (f) => {
    if (f.key === undefined) return undefined;
    const within = (env: string | undefined): boolean =>
      env !== undefined && (f.group !== undefined ? Object.hasOwn(f.values ?? {}, env) : f.environment === env);
    return byKey.get(f.key)?.find((r) => kindOf(r.kind).takesOver?.includes(f.kind) && within(r.environment))?.kind;
  };
}

/**
 * Decides, from the stored states and this run's findings, what is new, still open or resolved,
 * which states to write and which lifecycle events they produce. Pure: the store applies it.
 * `reported` is every finding of the run when `findings` is only a part of them (a retried write).
 */
export function planLifecycle(
  previous: ReadonlyMap<string, FindingState>,
  findings: Finding[],
  suppressed: Finding[],
  scope: RunScope,
  reported: readonly Finding[] = findings,
): LifecyclePlan {
  const plan: LifecyclePlan = { findings: [], resolved: [], transitions: [], replay: [], carried: [] };
  const seen = new Set<string>();
  const standing = new Map<string, string>();
  for (const st of previous.values()) if (st.standsFor !== undefined && st.status === 'open') standing.set(st.standsFor, st.id);
  // The ids the estate's sources' source-errors may have: made once a run, and only if a source-error is judged.
  const declared = lazily(() => declaredSourceErrorIds(scope.estate));
  for (const given of findings) {
    // Listed as the run saw it, without a status: the next run, reading that source again, judges it.
    if (scope.unconfirmed?.has(given.id)) {
      if (previous.get(given.id)?.status !== 'open') plan.findings.push(given);
      continue;
    }
    const { f, standsFor } = carriedOverId(given, previous, standing, declared);
    seen.add(f.id);
    openOrUpdate(f, previous.get(f.id), scope, plan, standsFor);
  }
  const went = whereabouts(reported, suppressed);
  const isSecretKey = baselineSecretPolicy(scope.estate.baseline);
  // What was stored before its key was known secret is resolved, carried and sent without its values.
  const shown = (st: FindingState): FindingState => stateWithoutStalePlainValues(st, isSecretKey);
  for (const stored of previous.values()) {
    if (seen.has(stored.id)) continue;
    // Only a state this run reports, carries or resolves is judged: old resolved ones are left as they are.
    if (stored.status === 'resolved' && stored.resolvedRun !== scope.runId) continue;
    const st = shown(stored);
    if (st.status === 'resolved') {
      if (st.resolvedRun === scope.runId) {
        plan.resolved.push({ ...st.finding, reason: st.reason ?? 'value fixed' });
        plan.replay.push(event('resolved', 'resolved', st, scope, { reason: st.reason }));
      }
      continue;
    }
    const where = sourceNoLongerDeclared(st, scope, declared) ? 'judged' : inScope(st.finding, scope);
    if (where === 'carry') {
      if (touchesFailed(st.finding, scope)) plan.carried.push({ ...st.finding, status: 'open', firstSeen: st.firstSeen });
      continue;
    }
    const reason = resolutionReason(st.finding, scope.estate, went(st, where === 'gone'), scope.startedAt.slice(0, 10), declared);
    const state: FindingState = {
      ...st,
      status: 'resolved',
      resolvedRun: scope.runId,
      resolvedAt: scope.startedAt,
      reason,
      lastChangedAt: scope.startedAt,
      version: st.version + 1,
    };
    plan.transitions.push({ state, expectedVersion: st.version, event: event('resolved', 'resolved', state, scope, { reason }) });
    plan.resolved.push({ ...st.finding, reason });
  }
  return plan;
}
