import type { EnvironmentSnapshot } from '../core/model';
import type { Estate } from '../core/estate/model';
import { checkRunId, sameTarget, targetOf, type PlannedEstate, type Target } from './plan-run';
import type { EstateSource } from '../ports/estate-source';
import { carryEnvironment, failedSnapshot } from './carry-environment';
import { standPartialReads } from './stand-partial-reads';
import { runAudit, type CollectSnapshots } from './run-audit';
import type { RunArtifacts } from '../ports/run-artifacts';
import { SnapshotMovedError, type AuditStore } from '../ports/audit-store';
import type { Renderer } from '../ports/report-renderer';
import type { CodeReader } from '../ports/code-reader';
import { DriftError } from '../core/errors';
import { retireEstate } from './retire-estate';

/**
 * One Map iteration's outcome: the target snapshotted (its snapshots are at keys audit-run derives;
 * a run started by an earlier version lists them), or the error Step Functions caught (`{ Error, Cause }`).
 */
export type TargetOutcome =
  | { target: Target; snapshotted: number }
  | { target: Target; snapshotKeys: string[] }
  | { target: Target; error: unknown }
  /** The same, when the Map keeps the task's whole result under `snapshot`. */
  | { target: Target; snapshot: { snapshotted: number } | { snapshotKeys: string[] } };

/** Whether the target's iteration succeeded, with the keys it listed (an earlier version's), or false when it failed. */
function succeeded(o: TargetOutcome): { keys?: string[] } | false {
  const done: unknown = 'snapshot' in o ? o.snapshot : o;
  if (typeof done !== 'object' || done === null) return false;
  if ('snapshotKeys' in done && Array.isArray(done.snapshotKeys)) return { keys: done.snapshotKeys as string[] };
  return 'snapshotted' in done && typeof done.snapshotted === 'number' ? {} : false;
}
const errorOf = (o: TargetOutcome): unknown => ('error' in o ? o.error : undefined);

export interface AuditRunInput {
  runId: string;
  estates: PlannedEstate[];
  snapshots: TargetOutcome[];
}

export interface AuditedEstate {
  estate: string;
  findings: number;
  opened: number;
  resolved: number;
}

export interface AuditRunOutput {
  runId: string;
  audited: AuditedEstate[];
}

export interface AuditRunDeps {
  estates: EstateSource;
  artifacts: RunArtifacts;
  store: AuditStore;
  defaultRegion: string;
  /** The installation's account (see accountKey): where plan-run put its environments' target. */
  ownAccount?: string;
  /** How the run's report is written: the registry's `json`, the audit document notify-run reads back and links to. */
  report: Renderer;
  /** The registry's `html`: the same audit as a page for people, stored beside the document (the digest links to it). */
  html: Renderer;
  now(): Date;
  count?(name: string, value: number): void;
  /** The code reader of an estate (by its key): the scan published beside it. Without it, `code:` is not judged. */
  code?(estateKey: string): CodeReader;
}

/**
 * Thrown after every estate given was tried, when some could not be audited. The state machine
 * audits one estate per invocation and retries it on any error with the same input (recordAudit is
 * idempotent per run id); after the retries the estate goes to the dead-letter queue, the others
 * are notified, and the run fails.
 */
export class AuditRunError extends DriftError {
  override name = 'AuditRunError';
  readonly userFacing = false;
}

/**
 * Why a target has no snapshots, in words safe for a finding: the error's name only (its cause
 * may quote anything).
 */
export function targetFailure(target: Target, error: unknown): string {
  const raw =
    typeof error === 'object' && error !== null
      ? ((error as { Error?: unknown; name?: unknown }).Error ?? (error as { name?: unknown }).name)
      : error;
  const name = typeof raw === 'string' && /^[\w.:-]{1,100}$/.test(raw) ? raw : 'unknown error';
  return `the snapshot of account ${target.account} in ${target.region} failed (${name})`;
}

/**
 * The snapshots the run's snapshot stage wrote for an estate: the Lambda's collection. An
 * environment without one failed (its findings carry forward); one a targeted run did not name
 * stands on the store's last snapshots of its sources (see carryEnvironment).
 */
const runSnapshots =
  (input: AuditRunInput, deps: AuditRunDeps, ref: PlannedEstate): CollectSnapshots =>
  async (estate) => {
    const snapshots: EnvironmentSnapshot[] = [];
    const notRead = estate.environments.filter((e) => ref.environments && !ref.environments.includes(e.name));
    let keyId = '';
    for (const env of estate.environments) {
      if (notRead.includes(env)) continue;
      const target = targetOf(env, deps.defaultRegion, deps.ownAccount);
      const outcome = input.snapshots.find((o) => sameTarget(o.target, target));
      const key = deps.artifacts.snapshotKey(input.runId, estate.name, env.name);
      const done = outcome ? succeeded(outcome) : false;
      const doc = done && (!done.keys || done.keys.includes(key)) ? await deps.artifacts.getSnapshot(key) : undefined;
      if (!outcome) {
        snapshots.push(failedSnapshot(env, `account ${target.account} in ${target.region} was not snapshotted in this run`));
      } else if (!done) {
        snapshots.push(failedSnapshot(env, targetFailure(target, errorOf(outcome))));
      } else if (!doc) {
        snapshots.push(failedSnapshot(env, `no snapshot of ${env.name} in this run`));
      } else {
        keyId ||= doc.keyId;
        snapshots.push(await standPartialReads(deps.store, estate, { ...doc.snapshot, environment: env.name }, doc.keyId));
      }
    }
    // After the reads: a stored snapshot stands in only if made with the key this run's were.
    const carried: string[] = [];
    for (const env of notRead) {
      const c = await carryEnvironment(deps.store, estate, env, keyId);
      snapshots.push(c.snapshot);
      if (c.carried) carried.push(env.name);
    }
    return { snapshots, keyId, carried };
  };

/** Audits of one estate at once that may each store first: the one that finds its snapshot moved audits again. */
const AUDITS_OF_A_MOVED_SNAPSHOT = 5;

/**
 * The baseline of a removed estate as last audited (the bucket keeps the version the plan pinned):
 * what it declares secret is resolved without its values. Undefined when that version no longer
 * reads as the estate (then keys are judged by their names).
 */
async function lastBaseline(deps: AuditRunDeps, ref: PlannedEstate): Promise<Estate['baseline'] | undefined> {
  try {
    const { estate } = await deps.estates.load(ref);
    return estate.name === ref.removed?.estate ? estate.baseline : undefined;
  } catch {
    return undefined;
  }
}

async function auditEstate(input: AuditRunInput, deps: AuditRunDeps, ref: PlannedEstate): Promise<AuditedEstate> {
  if (ref.removed) {
    const resolved = await retireEstate(deps.store, ref.removed.estate, input.runId, deps.now(), await lastBaseline(deps, ref));
    return { estate: ref.removed.estate, findings: 0, opened: 0, resolved };
  }
  const loaded = await deps.estates.load(ref);
  const audit = (): ReturnType<typeof runAudit> =>
    runAudit({
      loaded,
      collect: runSnapshots(input, deps, ref),
      now: deps.now(),
      record: { store: deps.store, runId: input.runId },
      ...(loaded.estate.code && deps.code ? { code: deps.code(loaded.ref.key) } : {}),
    });
  let attempt = 1;
  let audited: Awaited<ReturnType<typeof runAudit>> | undefined;
  while (!audited) {
    try {
      audited = await audit();
    } catch (err) {
      // Stood again on the store's new snapshot, the targeted read keeps what the other run read.
      if (!(err instanceof SnapshotMovedError) || attempt++ >= AUDITS_OF_A_MOVED_SNAPSHOT) throw err;
    }
  }
  const { judged, report, events } = audited;
  // What the installation audited, and from which files: the estate a deploy removes is noticed by it.
  await deps.store.markAudited({ name: loaded.estate.name, ref: loaded.ref, runId: input.runId, at: deps.now().toISOString() });
  const body = deps.report.render({ estate: loaded.estate, result: report });
  await deps.artifacts.putReport(input.runId, loaded.estate.name, { body, mediaType: deps.report.mediaType });
  const page = deps.html.render({ estate: loaded.estate, result: report });
  await deps.artifacts.putHtmlReport(input.runId, loaded.estate.name, { body: page, mediaType: deps.html.mediaType });
  return {
    estate: loaded.estate.name,
    findings: report.findings.length,
    opened: events.filter((e) => e.event === 'opened').length,
    resolved: judged.resolved.length,
  };
}

/** Audits every estate from the run's snapshots, remembers the run and writes each audit document. */
export async function auditRun(input: AuditRunInput, deps: AuditRunDeps): Promise<AuditRunOutput> {
  const runId = checkRunId(input.runId);
  const audited: AuditedEstate[] = [];
  const failed: string[] = [];
  // One estate's failure must not stop the others; the invocation still fails afterwards so it is retried.
  const causes: unknown[] = [];
  for (const ref of input.estates) {
    try {
      audited.push(await auditEstate({ ...input, runId }, deps, ref));
    } catch (err) {
      failed.push(`${ref.key} (${(err as Error).name})`);
      causes.push(err);
    }
  }
  deps.count?.('EstatesAudited', audited.length);
  deps.count?.(
    'FindingsOpened',
    audited.reduce((n, a) => n + a.opened, 0),
  );
  deps.count?.(
    'FindingsResolved',
    audited.reduce((n, a) => n + a.resolved, 0),
  );
  if (failed.length) throw new AuditRunError(`could not audit ${failed.join(', ')}`, { cause: causes.length === 1 ? causes[0] : causes });
  return { runId, audited };
}
