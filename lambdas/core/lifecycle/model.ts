import type { Finding, NotInEffect, Observation, SourceRef } from '../model';

export type { NotInEffect } from '../model';
import type { Severity } from '../severity';

/** The lifecycle of one finding id: its current episode, open or resolved. */
export interface FindingState {
  id: string;
  estate: string;
  /** 1 for the first time it was seen; a finding that comes back is a new episode. */
  episode: number;
  status: 'open' | 'resolved';
  /** When this episode was first seen (ISO). */
  firstSeen: string;
  openedRun: string;
  resolvedRun?: string;
  resolvedAt?: string;
  reason?: string;
  severity: Severity;
  /**
   * The highest severity of this episode so far (absent on states written before it was kept): a
   * finding lowered after it was announced is still announced resolved.
   */
  peakSeverity?: Severity;
  /** Hash of what the finding says (values, severity, message): the state is rewritten only when it changes. */
  contentHash: string;
  /** The finding as last seen, without status or firstSeen. */
  finding: Finding;
  /** The start of the run that last wrote this state (ISO): an older run never overwrites a newer one. */
  lastChangedAt: string;
  /** Optimistic concurrency: every write is conditional on the version read. */
  version: number;
  /**
   * A `source-error` opened by an earlier version under its source's label, and reported since under
   * that id: the id of the source's identity it stands for (see carriedOverId in plan-lifecycle), so
   * it goes on however the source's files are ordered until it is resolved.
   */
  standsFor?: string;
  /**
   * The event this write produced, until it is known to be in the log: written with the state (one
   * item, no transaction needed), cleared after the append. A run that finds it set appends it.
   */
  pendingEvent?: PendingEvent;
}

/** What a state keeps of its event until the log has it; the finding and episode are the state's own. */
export type PendingEvent = Pick<LifecycleEvent, 'eventId' | 'event' | 'runId' | 'at' | 'reason'>;

/** What one run audited, against which baseline. */
export interface RunRecord {
  estate: string;
  runId: string;
  startedAt: string;
  finishedAt?: string;
  status: 'started' | 'complete';
  environments: string[];
  /** Environments with a source that failed: their findings carried forward. */
  failedEnvironments: string[];
  baseline: { file: string; sha256: string; version?: string };
  counts?: { findings: number; suppressed: number; opened: number; resolved: number; changed: number };
}

export type LifecycleEventName = 'opened' | 'resolved' | 'escalated' | 'changed';

/** One entry of the event log the notifier and the digest read. */
export interface LifecycleEvent {
  /** Derived from the finding, its episode and the event: the same on a retry. */
  eventId: string;
  event: LifecycleEventName;
  runId: string;
  /** The start of the run that produced it (ISO): orders the log. */
  at: string;
  /**
   * When the log took it (ISO, set by the store; absent on events logged before it was kept): a run
   * that started before a digest may log after it, so `at` alone cannot say which digest it is owed to.
   */
  loggedAt?: string;
  finding: Finding;
  episode?: number;
  /** The episode's highest severity up to this event (absent on events logged before it was kept). */
  peakSeverity?: Severity;
  reason?: string;
  /** Where it was delivered, by channel (set by the notifier). */
  sent?: Record<string, string>;
}

/** One source's snapshot as stored: fingerprints only, never a secret. */
export interface StoredSnapshot {
  environment: string;
  /** Stable identity of the declared source (its label, hashed). */
  sourceKey: string;
  label: string;
  /** Content hash of the observations: a source that did not change is not written again. */
  hash: string;
  runId: string;
  observedAt: string;
  /** The fingerprint key's id the secrets of this snapshot were made with. */
  keyId: string;
  observations: Observation[];
  /**
   * Saved from a targeted read: the places a read by name found gone (since the last full read), each
   * with when it was found gone, so that a run which read one before it was deleted and saves later
   * does not put it back. Absent for a full read, which found gone every place it did not observe.
   */
  gone?: Record<string, string>;
}

/** A value that changed between two snapshots, with who and when where the platform says. */
export interface ChangeRecord {
  environment: string;
  key: string;
  at: string;
  runId: string;
  before: string | null;
  after: string | null;
  source: SourceRef;
  /** Set when another source overrides the changed one (or, for a removal, still sets the key): the change did not take effect. */
  notInEffect?: NotInEffect;
}
