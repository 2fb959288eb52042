import { audit, estateFindingOrder, summarise, type AuditResult } from '../core/engine/audit';
import { keysHeldSecret } from '../core/engine/secret-references';
import type { Estate } from '../core/estate/model';
import type { EnvironmentSnapshot, Finding } from '../core/model';
import type { AuditStore, LifecycleEvent } from '../ports/audit-store';
import type { CodeReader } from '../ports/code-reader';
import type { InputsDigest } from '../ports/audit-memo';
import type { LoadedEstate } from '../ports/estate-source';
import { readFlagsSeen, rememberFlags } from './flag-ages';
import { readCode } from './read-code';
import { recordAudit } from './record-audit';
import { rememberAudit, reuseAudit } from './reuse-audit';
import { readLastChanges } from './runtime-changes';

/** An audit's snapshots, and the id of the fingerprint key they were taken with. */
export interface Collected {
  snapshots: EnvironmentSnapshot[];
  keyId: string;
  /** Environments this run did not read, standing on the store's last snapshots: their own findings carry forward. */
  carried?: string[];
  /** Keys a source holds as a secret in environments the snapshots leave out (`--env`); those of the snapshots are seen in them. */
  heldSecret?: ReadonlySet<string>;
}

/** Where an audit's snapshots come from: collected now (the CLI), or read from what the run's snapshot stage wrote (the Lambda). */
export type CollectSnapshots = (estate: Estate) => Promise<Collected>;

export interface RunAuditInput {
  loaded: LoadedEstate;
  collect: CollectSnapshots;
  now: Date;
  /** Where the run is remembered, under which id; without it the audit writes nothing (`--no-store`, `--as-of`, diff, explain). */
  record?: {
    store: AuditStore;
    runId: string;
    /** What the audit reads, digested: an unchanged re-run then reuses the last full audit's verdicts (the CLI's recorded estates). */
    reuse?: InputsDigest;
  };
  /** Reads the estate's `code:` trees (once each per run); without one, `code:` is not judged (no `unset`, no `unread`). */
  code?: CodeReader;
}

export interface AuditOutcome {
  /**
   * What this run judged, with lifecycle statuses when it was recorded: what `--fail-on` counts. A
   * finding carried forward was not looked at by this run; its failed source is exit code 3 already.
   */
  judged: AuditResult;
  /** What the reports show: the judged findings and the open ones carried forward where a source failed. */
  report: AuditResult;
  /** Lifecycle events this run logged (none without a store). */
  events: LifecycleEvent[];
  /** The run reused the last full audit's verdicts: nothing was read (`configs` is empty). */
  reused?: boolean;
}

/**
 * The report shows what is still open where this run could not look: the open findings of failed
 * environments (and of parity groups that include one), which the lifecycle carried forward.
 */
function withCarried(estate: Estate, result: AuditResult, carried: Finding[]): AuditResult {
  if (!carried.length) return result;
  const findings = [...result.findings, ...carried].sort(estateFindingOrder(estate));
  return { ...result, findings, summary: summarise(findings, result.summary.rulesSkipped) };
}

/**
 * What a run reads, for its memo: the sources' digest, and the estate file's own bytes (a run records
 * them as its baseline, even where the estate loads the same). Undefined: this run is never reused.
 */
export async function inputsOf(loaded: LoadedEstate, digest: InputsDigest): Promise<string | undefined> {
  const read = await digest(loaded.estate);
  return read && `${read}:${loaded.baseline.sha256}`;
}

/**
 * Collects, audits, records the run when there is a store, and carries forward what failed sources
 * hid: the CLI's and the Lambda's audit. With `record.reuse`, an unchanged re-run reuses the last
 * full audit's verdicts instead (see reuseAudit); its outcome is what the full path would give.
 */
export async function runAudit(input: RunAuditInput): Promise<AuditOutcome> {
  const reuse = input.record?.reuse;
  if (!input.record || !reuse) return fullAudit(input);
  const { store, runId } = input.record;
  const { estate, baseline } = input.loaded;
  // Taken before anything is read: a file that changes while the sources are read never matches it.
  const inputs = await inputsOf(input.loaded, reuse);
  const reused = inputs ? await reuseAudit({ store, estate, runId, now: input.now, baseline, inputs }) : undefined;
  // Nothing is carried forward: a memo is kept only of runs where no source failed.
  if (reused) return { judged: reused.result, report: reused.result, events: reused.events, reused: true };
  return fullAudit(input, inputs);
}

/** The full path: every source read and judged. `inputs`: their digest, for the memo a later run may reuse (with `record.reuse`). */
export async function fullAudit(input: RunAuditInput, inputs?: string): Promise<AuditOutcome> {
  const { estate, baseline } = input.loaded;
  const { snapshots, keyId, carried, heldSecret } = await input.collect(estate);
  // Flags are aged by the store's memory where there is one, by modification times alone otherwise.
  const flagsSeen = input.record ? await readFlagsSeen(input.record.store, estate, snapshots) : undefined;
  // When the values running tasks and pods read last changed: the store's history, where there is one.
  const lastChange = input.record ? await readLastChanges(input.record.store, estate, snapshots, input.now) : undefined;
  // A default the code writes for a key some source holds as a secret is that secret's text where the key is unset.
  const code = input.code ? await readCode(input.code, estate, new Set([...keysHeldSecret(snapshots), ...(heldSecret ?? [])])) : undefined;
  const result = audit(estate, snapshots, input.now, undefined, flagsSeen, lastChange, code);
  if (!input.record) return { judged: result, report: result, events: [] };
  const { store, runId } = input.record;
  const recorded = await recordAudit({ store, estate, result, runId, now: input.now, keyId, baseline, carried });
  await rememberFlags(store, estate, result.configs, flagsSeen ?? new Map(), input.now);
  if (input.record.reuse) await rememberAudit(store, estate, result, { runId, now: input.now }, inputs);
  return { judged: recorded.result, report: withCarried(estate, recorded.result, recorded.carried), events: recorded.events };
}
