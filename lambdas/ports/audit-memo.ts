import type { AuditSummary } from '../core/engine/audit';
import type { Estate } from '../core/estate/model';
import type { Finding } from '../core/model';

/**
 * What an unchanged re-run reuses instead of reading its sources again: the verdicts of the last full
 * audit of the same inputs, and what has to hold for them to be this run's too.
 */
export interface AuditMemo {
  /** Digest of everything the audit read: the estate as loaded, each recorded input's bytes, the fingerprint key's id. */
  inputs: string;
  /** The run that judged it, and when (ISO): a run earlier than that never reuses it. */
  runId: string;
  at: string;
  /** The last instant (ISO) its time-based verdicts hold (see verdictsHoldUntil). */
  holdsUntil: string;
  /** Digest of the store's flag memory after that run: flag ages are an input of the audit. */
  flags: string;
  /** Each source's stored snapshot hash after that run (`environment` NUL `sourceKey` → hash). */
  snapshots: Record<string, string>;
  /** The audit's verdicts before the lifecycle annotated them. */
  environments: string[];
  findings: Finding[];
  suppressed: Finding[];
  summary: AuditSummary;
}

/** Where memos live: the audit store, one per estate. */
export interface AuditMemoStore {
  getAuditMemo(estate: string): Promise<AuditMemo | undefined>;
  /** Replaces the estate's memo; undefined forgets it. False when it is too big to keep (the next run takes the full path). */
  putAuditMemo(estate: string, memo: AuditMemo | undefined): Promise<boolean>;
  /** Every source's current snapshot hash (`environment` NUL `sourceKey` → hash): one query. */
  snapshotHashes(estate: string): Promise<Map<string, string>>;
}

/** A digest of everything an audit of `estate` reads, or undefined when something is read live (never reused). */
export type InputsDigest = (estate: Estate) => Promise<string | undefined>;
