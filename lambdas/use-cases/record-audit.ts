import { estateFindingOrder, summarise, type AuditResult } from '../core/engine/audit';
import { keyType } from '../core/engine/equality';
import { findingFactory } from '../core/engine/finding-factory';
import { failedOverride } from '../core/engine/failed-override-note';
import type { Estate } from '../core/estate/model';
import { appliedWinner, changeFindings, changeRecords, reportedChanges } from '../core/lifecycle/change-findings';
import { owedEvent, withPending } from '../core/lifecycle/pending-event';
import { eventId, planLifecycle, type RunScope, type Transition } from '../core/lifecycle/plan-lifecycle';
import { changedValues, observationsHash, storedHash } from '../core/lifecycle/snapshot-diff';
import { markOutOfBand } from '../core/lifecycle/out-of-band';
import type { Finding, Observation, SourceLabel, SourceSnapshot } from '../core/model';
import { mapLimited } from './map-limited';
import { previousSnapshot, storedSnapshotHash } from './previous-snapshot';
import { sourceKeysOf, type SourceKeys } from './source-key';
import {
  SnapshotMovedError,
  type AuditStore,
  type ChangeRecord,
  type FindingState,
  type LifecycleEvent,
  type RunRecord,
  type StoredSnapshot,
} from '../ports/audit-store';

/** Store writes in flight at once: each is one item, independent of the others. */
const WRITES_AT_ONCE = 8;
/**
 * Snapshots saved at once. Their compressions take turns anyway (encodeObservationsAsync), so more at
 * once only held more envelopes in memory: a first run of the 1,000,000-key benchmark estate took
 * 0.8 s longer at 8 (10,000 more fresh pages) than at 2.
 */
const SNAPSHOTS_AT_ONCE = 2;
/**
 * Finding transitions written at once: three small conditional writes each, one after another, so
 * each waits on the store's round trip; a first run of 1,935 findings on the embedded store took
 * 0.3 s less at 64 than at 8.
 */
const TRANSITIONS_AT_ONCE = 64;

export interface RecordAuditInput {
  store: AuditStore;
  estate: Estate;
  result: AuditResult;
  runId: string;
  now: Date;
  /** The fingerprint key's id: stored with every snapshot so a rotation is not taken for a change. */
  keyId: string;
  baseline: RunRecord['baseline'];
  /** Environments not read by this run (their snapshots are the stored ones): nothing of theirs is stored, judged or resolved. */
  carried?: readonly string[];
  /** The caller proved every source's snapshot is the stored one (a reused audit): none is compared or written. */
  unchangedSnapshots?: boolean;
}

export interface RecordedAudit {
  result: AuditResult;
  run: RunRecord;
  /** Open findings where a source failed or the run did not read, carried forward unjudged (see LifecyclePlan.carried). */
  carried: Finding[];
  /** Events this run logged (a retry logs none twice). */
  events: LifecycleEvent[];
}

/**
 * What a change is logged once by: the snapshot it starts from and the one it ends at. A targeted
 * read's changes are those of the parameters it read, whatever else the snapshot it stood on held:
 * an audit done again on a newer stored snapshot (SnapshotMovedError) logs the same change once.
 */
function changeSeed(previous: StoredSnapshot, s: SourceSnapshot, hash: string): string {
  if (!s.partial) return `${previous.runId}:${hash}`;
  const read = new Set(s.partial.locations);
  const at = (os: readonly Observation[]): Observation[] => os.filter((o) => read.has(o.origin.location));
  return `read:${observationsHash(at(previous.observations))}:${observationsHash(at(s.observations))}`;
}

type SnapshotReport = { changed: Finding[]; records: ChangeRecord[]; logged: LifecycleEvent[] };

/** A source's store keys (sourceKeysOf), made once a run: overtakenEnvironments and recordSnapshots both look its snapshot up. */
type KeysOf = (environment: string, source: SourceLabel) => SourceKeys;

function keysOnce(estate: Estate): KeysOf {
  // By environment, then by the label the run's snapshot carries (one label object may serve several environments).
  const made = new Map<string, Map<SourceLabel, SourceKeys>>();
  return (environment, source) => {
    let ofEnvironment = made.get(environment);
    if (ofEnvironment === undefined) made.set(environment, (ofEnvironment = new Map()));
    let keys = ofEnvironment.get(source);
    if (keys === undefined) ofEnvironment.set(source, (keys = sourceKeysOf(estate, environment, source)));
    return keys;
  };
}

/** Stores the snapshots that changed and reports (and logs) what changed, with who and when. */
async function recordSnapshots(input: RecordAuditInput, startedAt: string, keysOf: KeysOf): Promise<SnapshotReport> {
  const { store, estate, result, runId, now, keyId } = input;
  const make = findingFactory(estate.name);
  // A failed source keeps its last good snapshot; an environment the run did not read keeps its own.
  const sources = result.configs
    .filter((config) => !input.carried?.includes(config.environment))
    .flatMap((config) => config.sources.filter((s) => !s.errors.length).map((s) => ({ environment: config.environment, config, s })));
  // Sources are independent of one another; what each reports is joined in their order.
  const reports = await mapLimited(sources, SNAPSHOTS_AT_ONCE, async ({ environment, config, s }) => {
    const keys = keysOf(environment, s.source);
    const key = keys.key;
    const hash = storedHash(s.observations, s.partial?.gone);
    // Under its identity's key, else under its label's, where an earlier version kept it: saved under the identity's.
    const found = await storedSnapshotHash(store, estate.name, environment, keys);
    const stored = found?.hash;
    // The key the snapshot compared against is under: what a `changed` event's id names, so a retry logs it once.
    const from = found?.key ?? key;
    const moving = from !== key;
    if (stored === hash && !moving) return { changed: [], records: [], logged: [] };
    // Before any change is logged against it: a targeted read stands only on the snapshot it was stood on.
    const base = s.partial?.base;
    if (base !== undefined && stored !== base)
      throw new SnapshotMovedError(`the stored snapshot of ${environment} ${s.source.label} moved while this run audited it`);
    let report: SnapshotReport = { changed: [], records: [], logged: [] };
    // Read under the key its hash was found under: the store is not asked again where it is.
    const previous = found && found.hash !== hash ? await previousSnapshot(store, estate, environment, { key: found.key }) : undefined;
    if (previous) {
      const changes = changedValues(previous.observations, s.observations);
      report = {
        changed: changeFindings(
          environment,
          reportedChanges(changes, config),
          make,
          estate.deployers,
          appliedWinner(config),
          keyType(estate),
        ),
        records: changeRecords(environment, changes, runId, startedAt, appliedWinner(config)),
        logged: [],
      };
      // History and the `changed` events before the snapshot moves: if the run dies in between, the
      // next run finds the change again, and each event's id (from the snapshot the change starts
      // from, not the run) logs it once.
      await store.appendChanges(estate.name, report.records);
      const events = report.changed.map((f): LifecycleEvent => ({
        eventId: eventId(f.id, 0, `changed:${from}:${changeSeed(previous, s, hash)}`),
        event: 'changed',
        runId,
        at: startedAt,
        finding: f,
      }));
      const logged = await mapLimited(events, WRITES_AT_ONCE, (e) => store.appendEvent(estate.name, e));
      report.logged = events.filter((_, i) => logged[i]);
    }
    const snapshot = {
      environment,
      sourceKey: key,
      label: s.source.label,
      hash,
      runId,
      observedAt: s.observedAt ?? startedAt,
      keyId,
      observations: s.observations,
      ...(s.partial?.gone ? { gone: s.partial.gone } : {}),
    };
    // Moved from its label's key to its identity's: nothing is there yet to stand on.
    await store.saveSnapshot(estate.name, snapshot, now, moving ? undefined : base);
    return report;
  });
  return {
    changed: reports.flatMap((r) => r.changed),
    records: reports.flatMap((r) => r.records),
    logged: reports.flatMap((r) => r.logged),
  };
}

/**
 * Logs the event a state still owes (its writer stopped between the state and the event), with the
 * writer's id, run and time, then forgets it. Returns the event when this call logged it.
 */
export async function settle(store: AuditStore, st: FindingState): Promise<LifecycleEvent | undefined> {
  const owed = owedEvent(st);
  if (!owed) return undefined;
  const logged = await store.appendEvent(st.estate, owed);
  await store.clearPendingEvent(st.estate, st.id, st.version);
  return logged ? owed : undefined;
}

/**
 * Writes one transition, its event kept in the state until the log has it; on a conflict re-reads
 * the state, settles first what the other writer owes, and writes what `replan` decides on the state
 * read back (another run may have moved it). The transition written, or undefined when none held.
 */
export async function writeTransition(
  store: AuditStore,
  first: Transition,
  replan: (fresh: FindingState | undefined) => Transition | undefined,
  settled: LifecycleEvent[] = [],
): Promise<Transition | undefined> {
  let next: Transition | undefined = first;
  for (let attempt = 0; next && attempt < 5; attempt++) {
    if (await store.writeFindingState(withPending(next.state, next.event), next.expectedVersion)) return next;
    const fresh = await store.getFindingState(next.state.estate, next.state.id);
    const owed = fresh && (await settle(store, fresh));
    if (owed) settled.push(owed);
    next = replan(fresh);
  }
  return undefined;
}

/** writeTransition of one of the audit's transitions, decided again by the lifecycle plan on a conflict. */
function applyTransition(
  input: RecordAuditInput,
  scope: RunScope,
  t: Transition,
  current: Map<string, Finding>,
  suppressed: Finding[],
  settled: LifecycleEvent[],
): Promise<Transition | undefined> {
  return writeTransition(
    input.store,
    t,
    (fresh) => {
      const f = current.get(t.state.id);
      const replan = planLifecycle(fresh ? new Map([[fresh.id, fresh]]) : new Map(), f ? [f] : [], suppressed, scope, [
        ...current.values(),
      ]);
      const annotated = replan.findings[0];
      if (annotated) current.set(annotated.id, annotated);
      return replan.transitions[0];
    },
    settled,
  );
}

/**
 * Environments a later run stored first: a source's stored snapshot was observed after this run
 * observed it (a targeted run that finished while this one was still auditing). What this run saw
 * there is older than what the store holds, so they are carried as if not read: nothing of theirs
 * is stored, opened, resolved or reported as changed.
 */
async function overtakenEnvironments(input: RecordAuditInput, startedAt: string, keysOf: KeysOf): Promise<string[]> {
  const stored = await input.store.snapshotTimes(input.estate.name);
  if (!stored.size) return [];
  const later = (environment: string, s: AuditResult['configs'][number]['sources'][number]): boolean => {
    // A read stood on a stored snapshot is judged against that one: moved since, its save says so (SnapshotMovedError).
    if (s.partial?.base !== undefined) return false;
    const keys = keysOf(environment, s.source);
    const at =
      stored.get(`${environment}\u0000${keys.key}`) ??
      (keys.legacy === undefined ? undefined : stored.get(`${environment}\u0000${keys.legacy}`));
    return at !== undefined && Date.parse(at) > Date.parse(s.observedAt ?? startedAt);
  };
  return input.result.configs
    .filter((c) => !input.carried?.includes(c.environment) && c.sources.some((s) => later(c.environment, s)))
    .map((c) => c.environment);
}

/** Remembers a run: snapshots that changed, `changed` reports, finding lifecycle and its events. */
export async function recordAudit(given: RecordAuditInput): Promise<RecordedAudit> {
  const { store, estate, runId } = given;
  const existing = await store.getRun(estate.name, runId);
  const startedAt = existing?.startedAt ?? given.now.toISOString();
  const keysOf = keysOnce(estate);
  const overtaken = await overtakenEnvironments(given, startedAt, keysOf);
  const input: RecordAuditInput = overtaken.length ? { ...given, carried: [...(given.carried ?? []), ...overtaken] } : given;
  const { result } = input;
  const failed = result.configs.filter((c) => c.failed.length > 0).map((c) => c.environment);
  const run: RunRecord = {
    estate: estate.name,
    runId,
    startedAt,
    status: 'started',
    environments: result.environments,
    failedEnvironments: failed,
    baseline: input.baseline,
  };
  if (!existing) await store.putRun(run);

  const { changed, logged: changeEvents } = input.unchangedSnapshots
    ? { changed: [], logged: [] }
    : await recordSnapshots(input, startedAt, keysOf);
  const carried = new Set(input.carried);
  // What the audit found in an environment it did not read is not judged: the stored states stand.
  const judgedFindings = result.findings.filter((f) => f.environment === undefined || !carried.has(f.environment));
  const configs = new Map(result.configs.map((c) => [c.environment, c]));
  const unconfirmed = new Set(judgedFindings.filter((f) => failedOverride(f, configs)).map((f) => f.id));
  const scope: RunScope = {
    estate,
    runId,
    startedAt,
    audited: new Set(result.environments),
    failed: new Set(failed),
    carried,
    unconfirmed,
  };
  const loaded = await store.loadFindingStates(estate.name);
  // Events an earlier run wrote the state of and died before logging: a run where nothing was left owing writes nothing here.
  const settled = (
    await mapLimited(
      loaded.filter((st) => st.pendingEvent),
      WRITES_AT_ONCE,
      (st) => settle(store, st),
    )
  ).filter((e): e is LifecycleEvent => e !== undefined);
  const states = new Map(loaded.map((s) => [s.id, s]));
  const groups = new Map(estate.parity.map((g) => [g.name, g.environments]));
  const plan = planLifecycle(states, markOutOfBand(judgedFindings, changed, states, groups), result.suppressed, scope);

  // A run that started before the latest complete one must not resolve what that run still saw.
  const latest = await store.latestRun(estate.name);
  const superseded = latest !== undefined && latest.runId !== runId && latest.startedAt > startedAt;
  const annotated = new Map(plan.findings.map((f) => [f.id, f]));
  // Each transition is one finding's state and its event: independent of the others, written a few
  // at a time, reported in the plan's order.
  const transitions = plan.transitions.filter((t) => !(superseded && t.state.status === 'resolved'));
  const applied = await mapLimited(transitions, TRANSITIONS_AT_ONCE, async (t) => {
    const done = await applyTransition(input, scope, t, annotated, result.suppressed, settled);
    if (!done?.event) return { done, logged: false };
    // The state says its event is owed until here: a run killed in between leaves it for the next run.
    const logged = await store.appendEvent(estate.name, done.event);
    await store.clearPendingEvent(estate.name, done.state.id, done.state.version);
    return { done, logged };
  });
  const resolvedIds = new Set(applied.flatMap(({ done }) => (done?.state.status === 'resolved' ? [done.state.id] : [])));
  const others = plan.replay;
  const logged = await mapLimited(others, WRITES_AT_ONCE, (e) => store.appendEvent(estate.name, e));
  const events: LifecycleEvent[] = [
    ...settled,
    ...applied.flatMap(({ done, logged }) => (logged && done?.event ? [done.event] : [])),
    ...others.filter((_, i) => logged[i]),
    ...changeEvents,
  ];

  const order = estateFindingOrder(estate);
  const findings = [...annotated.values(), ...changed].sort(order);
  // In the findings' order, not the store's (by id): read environment by environment, the same from run to run.
  const resolved = plan.resolved.filter((r) => resolvedIds.has(r.id) || plan.replay.some((e) => e.finding.id === r.id)).sort(order);
  // Opened by this run, whichever invocation logged the event: a retry records the same counts.
  const opened =
    applied.filter(({ done }) => done?.event?.event === 'opened').length + plan.replay.filter((e) => e.event === 'opened').length;
  const counts = {
    findings: judgedFindings.length,
    suppressed: result.suppressed.length,
    opened,
    resolved: resolved.length,
    changed: changed.length,
  };
  const complete: RunRecord = { ...run, status: 'complete', finishedAt: input.now.toISOString(), counts };
  await store.putRun(complete);
  return {
    result: { ...result, findings, resolved, summary: summarise(findings, result.summary.rulesSkipped) },
    run: complete,
    events,
    carried: plan.carried,
  };
}
