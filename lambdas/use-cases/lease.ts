import type { AuditStore } from '../ports/audit-store';

/** A lease older than this was left by a notifier that died: the next one takes it. */
const LEASE_MS = 15 * 60_000;

/**
 * Runs `work` while holding the estate's lease `name` (two runs notified at once: one sends, the
 * other finds the lease and does nothing); undefined when another holds it. Given back however
 * `work` ends, so a retried stage sends what failed. A function ended by Lambda (its timeout, its
 * memory) gives nothing back: `holder`, the run, takes its own lease again, so Step Functions' retry
 * of the stage, seconds later, sends rather than finds it taken and leaves everything to the next run.
 */
export async function underLease<T>(
  store: AuditStore,
  estate: string,
  name: string,
  now: Date,
  work: () => Promise<T>,
  holder?: string,
): Promise<T | undefined> {
  const at = now.toISOString();
  if (!(await store.claimMarker(estate, name, at, new Date(now.getTime() - LEASE_MS).toISOString(), holder))) return undefined;
  try {
    return await work();
  } finally {
    await store.releaseMarker(estate, name, at);
  }
}
