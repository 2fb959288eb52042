import { nodeCrypto } from '../core/on-demand/node-crypto';
import { AUDIT_SCHEMA, generatedAt, type AuditResult } from '../core/engine/audit';
import type { Estate } from '../core/estate/model';
import { decodeFlagSeen, flagMarkerName, type FlagSeen, type FlagsSeen } from '../core/flags/flags-seen';
import { verdictsHoldUntil } from '../core/lifecycle/verdict-horizon';
import type { AuditMemo } from '../ports/audit-memo';
import type { AuditStore, RunRecord } from '../ports/audit-store';
import { recordAudit, type RecordedAudit } from './record-audit';

/** What the store remembers of the flags, and its digest: the flag ages an audit reads. */
async function flagMemory(store: AuditStore, estate: Estate): Promise<{ digest: string; seen: FlagsSeen }> {
  const prefix = flagMarkerName('');
  const markers = [...(await store.listMarkers(estate.name, prefix))].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const seen = new Map<string, FlagSeen>();
  for (const [name, value] of markers) {
    const flag = decodeFlagSeen(value);
    if (flag) seen.set(name.slice(prefix.length), flag);
  }
  return { digest: nodeCrypto().createHash('sha256').update(JSON.stringify(markers)).digest('hex'), seen };
}

const sameHashes = (stored: ReadonlyMap<string, string>, memo: Record<string, string>): boolean =>
  stored.size === Object.keys(memo).length && [...stored].every(([k, h]) => memo[k] === h);

/**
 * Can a later run stand on this result? Only when it read every environment, from files alone, and
 * nothing failed: a failed source's environment carries findings forward, and running units are
 * judged against the clock in ways the horizon does not follow (stale-runtime).
 */
function reusable(estate: Estate, result: AuditResult): boolean {
  const all = estate.environments.map((e) => e.name);
  return (
    result.code === undefined &&
    result.environments.length === all.length &&
    all.every((e) => result.environments.includes(e)) &&
    result.configs.every((c) => c.failed.length === 0 && c.sources.every((s) => !s.errors.length && !s.runtime))
  );
}

/**
 * After a full recorded run: the memo an unchanged re-run reuses, or none (the old one is forgotten).
 * `inputs` is the digest taken before the sources were read.
 */
export async function rememberAudit(
  store: AuditStore,
  estate: Estate,
  result: AuditResult,
  run: { runId: string; now: Date },
  inputs: string | undefined,
): Promise<void> {
  if (!inputs || !reusable(estate, result)) {
    await store.putAuditMemo(estate.name, undefined);
    return;
  }
  const [flags, hashes] = await Promise.all([flagMemory(store, estate), store.snapshotHashes(estate.name)]);
  const holdsUntil = verdictsHoldUntil(estate, result.configs, flags.seen, run.now);
  await store.putAuditMemo(estate.name, {
    inputs,
    runId: run.runId,
    at: run.now.toISOString(),
    holdsUntil: new Date(holdsUntil).toISOString(),
    flags: flags.digest,
    snapshots: Object.fromEntries(hashes),
    environments: result.environments,
    findings: result.findings,
    suppressed: result.suppressed,
    summary: result.summary,
  });
}

export interface ReuseAuditInput {
  store: AuditStore;
  estate: Estate;
  runId: string;
  now: Date;
  baseline: RunRecord['baseline'];
  /** The digest of what this run would read (see InputsDigest). */
  inputs: string;
}

/** The memo's verdicts as this run's audit: its time, no effective configurations (nothing was read). */
const memoResult = (estate: Estate, memo: AuditMemo, now: Date): AuditResult => ({
  schema: AUDIT_SCHEMA,
  generatedAt: generatedAt(now),
  estate: estate.name,
  environments: memo.environments,
  findings: memo.findings,
  suppressed: memo.suppressed,
  resolved: [],
  summary: memo.summary,
  configs: [],
});

/**
 * The shortcut of an unchanged re-run: when the inputs' digest, the store's flag memory and its
 * snapshots are the memo's, and `now` is within the time its verdicts hold, the memo's verdicts are
 * what a full audit would judge. The run is recorded as a full one would be (run record, lifecycle,
 * memo), with every snapshot proven unchanged. Undefined when anything differs: take the full path.
 */
export async function reuseAudit(input: ReuseAuditInput): Promise<RecordedAudit | undefined> {
  const { store, estate, runId, now } = input;
  const memo = await store.getAuditMemo(estate.name);
  if (memo?.inputs !== input.inputs) return undefined;
  const at = now.getTime();
  if (at < Date.parse(memo.at) || at > Date.parse(memo.holdsUntil)) return undefined;
  const [flags, hashes] = await Promise.all([flagMemory(store, estate), store.snapshotHashes(estate.name)]);
  if (flags.digest !== memo.flags || !sameHashes(hashes, memo.snapshots)) return undefined;
  const result = memoResult(estate, memo, now);
  // Same inputs and flag memory: the full path's flag markers would not move either (nextFlagSeen).
  const recorded = await recordAudit({ store, estate, result, runId, now, keyId: '', baseline: input.baseline, unchangedSnapshots: true });
  await store.putAuditMemo(estate.name, { ...memo, runId, at: now.toISOString() });
  return recorded;
}
