import type { ChangeRecord, FindingState, LifecycleEvent, RunRecord, StoredSnapshot } from '../core/lifecycle/model';
import { DriftError } from '../core/errors';
import type { AuditMemoStore } from './audit-memo';
import type { AuditedEstates } from './audited-estates';

export type { ChangeRecord, FindingState, LifecycleEvent, LifecycleEventName, RunRecord, StoredSnapshot } from '../core/lifecycle/model';

export interface StoreStats {
  reads: number;
  writes: number;
  /** DynamoDB write capacity units (1 KB each, rounded up per item). */
  writeUnits: number;
  readUnits: number;
}

/**
 * A stored snapshot that cannot be read back (a chunk missing, bytes that do not decompress, a
 * format this drift does not know): data the store holds, not a failure to reach it, so callers
 * take it as no snapshot and the next save replaces it rather than every later run failing on it.
 */
export class DamagedSnapshotError extends DriftError {
  override name = 'DamagedSnapshotError';
  readonly userFacing = false;
}

/**
 * A targeted read's snapshot was stood on a stored snapshot that another run has replaced since
 * (two runs of one burst audited at once): saved, it would take back what that run read. The audit
 * is done again on the store's new snapshot.
 */
export class SnapshotMovedError extends DriftError {
  override name = 'SnapshotMovedError';
  readonly userFacing = false;
}

/** Where audits remember things: DynamoDB, or the same engine embedded. Single-item conditional writes only. */
export interface AuditStore extends AuditMemoStore, AuditedEstates {
  getRun(estate: string, runId: string): Promise<RunRecord | undefined>;
  /** Creates or updates a run record (a retry writes the same record again). */
  putRun(run: RunRecord): Promise<void>;
  latestRun(estate: string): Promise<RunRecord | undefined>;

  loadFindingStates(estate: string): Promise<FindingState[]>;
  getFindingState(estate: string, id: string): Promise<FindingState | undefined>;
  /**
   * Writes a state only if the stored one still has `expectedVersion` (undefined: none may exist)
   * and was not written by a run that started later. False on conflict: re-read and decide again.
   */
  writeFindingState(state: FindingState, expectedVersion: number | undefined): Promise<boolean>;
  /** Forgets a state's `pendingEvent` once the log has it, if the state is still at `version`; false otherwise. */
  clearPendingEvent(estate: string, id: string, version: number): Promise<boolean>;

  /** Appends an event once: false when an event with this id is already logged. */
  appendEvent(estate: string, event: LifecycleEvent): Promise<boolean>;
  /** Events at or after `since` (ISO), oldest first. */
  listEvents(estate: string, since?: string): Promise<LifecycleEvent[]>;
  /** Records that an event was delivered on a channel (`sns`, `slack`), so it is never sent there again. */
  markEventSent(estate: string, eventId: string, channel: string, at: string): Promise<void>;
  /**
   * The channels an event was delivered on, read from the event itself, never from the index
   * listEvents reads (an index lags its table: what another notifier marked a moment ago may not show).
   */
  eventSent(estate: string, eventId: string): Promise<Readonly<Record<string, string>>>;

  /** A small named value of an estate, such as the end of the last digest window. */
  getMarker(estate: string, name: string): Promise<string | undefined>;
  /** Every marker of an estate whose name starts with `prefix`, by name: one query, however many there are. */
  listMarkers(estate: string, prefix: string): Promise<Map<string, string>>;
  /** Moves a marker forward only; false when a later value is already there. */
  putMarker(estate: string, name: string, value: string): Promise<boolean>;
  /**
   * Takes a lease (a marker whose value is when it was taken) unless one was taken after `staleBefore`
   * by another `holder` (one taken by the same holder is taken again); true when taken.
   */
  claimMarker(estate: string, name: string, at: string, staleBefore: string, holder?: string): Promise<boolean>;
  /** Gives back the lease taken `at`, if it is still that one. */
  releaseMarker(estate: string, name: string, at: string): Promise<void>;

  /** The stored hash of a source's latest snapshot, without loading it. */
  snapshotHash(estate: string, environment: string, sourceKey: string): Promise<string | undefined>;
  /** When each source's current snapshot was observed (ISO), keyed `environment` NUL `sourceKey`. */
  snapshotTimes(estate: string): Promise<Map<string, string>>;
  /** Throws `DamagedSnapshotError` when the stored snapshot cannot be read back. */
  loadSnapshot(estate: string, environment: string, sourceKey: string): Promise<StoredSnapshot | undefined>;
  /**
   * Stores a changed snapshot in chunks under 400 KB; the superseded one gets a TTL. With `base`,
   * only over the stored snapshot of that hash: another one throws `SnapshotMovedError`.
   */
  saveSnapshot(estate: string, snapshot: StoredSnapshot, now: Date, base?: string): Promise<void>;

  appendChanges(estate: string, changes: ChangeRecord[]): Promise<void>;
  /** The changes of one key in one environment, oldest first. */
  history(estate: string, environment: string, key: string): Promise<ChangeRecord[]>;

  /** An immutable object kept across runs (an ECS task definition revision, by ARN). */
  getCached(kind: string, key: string): Promise<unknown | undefined>;
  /** Keeps an immutable object; putting the same key again changes nothing. */
  putCached(kind: string, key: string, value: unknown): Promise<void>;

  /** Deletes items whose TTL has passed (the embedded engine has no TTL of its own). */
  pruneExpired(now: Date): Promise<number>;
  /** `pruneExpired` at most once per UTC day (the embedded store after each run): returns what it deleted. */
  housekeeping(now: Date): Promise<number>;
  stats(): StoreStats;
}
