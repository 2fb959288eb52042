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

/** Moved by every notifier before it asks for the lease `name`; the holder reads it before its work and after. */
const wantedMarker = (name: string): string => `${name}-wanted`;

/** Passes a holder makes for notifiers that found its lease taken, before it leaves the rest to the next run. */
const HANDED_OVER_PASSES = 3;

async function askFor(store: AuditStore, estate: string, name: string, now: Date): Promise<void> {
  const current = await store.getMarker(estate, wantedMarker(name));
  // Forward only: strictly later than what is there, whatever this function's clock says.
  const after = current === undefined ? 0 : Date.parse(current) + 1;
  await store.putMarker(estate, wantedMarker(name), new Date(Math.max(now.getTime(), after)).toISOString());
}

/**
 * underLease for a notifier that sends what the store lists: one that finds the lease taken says
 * so first (it has recorded what it would send), and the holder, once it has given the lease back,
 * works again when someone asked after its list, so a targeted run's finding recorded while a
 * nightly run was sending goes in minutes, not with the next run. `add` sums two passes' results.
 */
export async function underLeaseForAll<T>(
  store: AuditStore,
  estate: string,
  name: string,
  now: Date,
  work: () => Promise<T>,
  add: (a: T, b: T) => T,
  holder?: string,
): Promise<T | undefined> {
  await askFor(store, estate, name, now);
  let total: T | undefined;
  for (let pass = 0; pass < HANDED_OVER_PASSES; pass++) {
    let asked: string | undefined;
    const listedAfter = async (): Promise<T> => {
      asked = await store.getMarker(estate, wantedMarker(name));
      return work();
    };
    const done = await underLease(store, estate, name, now, listedAfter, holder);
    // Another holds it now: it reads the marker after its work.
    if (done === undefined) return total;
    total = total === undefined ? done : add(total, done);
    if ((await store.getMarker(estate, wantedMarker(name))) === asked) return total;
  }
  return total;
}
