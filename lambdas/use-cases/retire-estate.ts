import { removedEstateTransitions } from '../core/lifecycle/estate-removed';
import { withPending } from '../core/lifecycle/pending-event';
import type { Transition } from '../core/lifecycle/plan-lifecycle';
import type { AuditStore } from '../ports/audit-store';
import { mapLimited } from './map-limited';
import { settle } from './record-audit';

const WRITES_AT_ONCE = 8;
const ATTEMPTS = 5;

/** Writes one resolution, its event owed in the state until logged; on a conflict decides again on the state read back. */
async function resolve(store: AuditStore, t: Transition | undefined, runId: string, at: string): Promise<boolean> {
  for (let attempt = 0; t && attempt < ATTEMPTS; attempt++) {
    if (await store.writeFindingState(withPending(t.state, t.event), t.expectedVersion)) {
      await store.appendEvent(t.state.estate, t.event!);
      await store.clearPendingEvent(t.state.estate, t.state.id, t.state.version);
      return true;
    }
    const fresh = await store.getFindingState(t.state.estate, t.state.id);
    if (fresh) await settle(store, fresh);
    [t] = fresh ? removedEstateTransitions([fresh], runId, at) : [];
  }
  return false;
}

/**
 * Resolves every open finding of an estate a deploy removed ('estate removed'), each with its
 * `resolved` event, so SNS and the ticket subscriber close what they opened. Events a killed writer
 * still owes are logged first. Idempotent: a retry finds them resolved and writes nothing.
 * Returns how many it resolved.
 */
export async function retireEstate(store: AuditStore, estate: string, runId: string, now: Date): Promise<number> {
  const at = now.toISOString();
  const states = await store.loadFindingStates(estate);
  await mapLimited(
    states.filter((st) => st.pendingEvent),
    WRITES_AT_ONCE,
    (st) => settle(store, st),
  );
  const done = await mapLimited(removedEstateTransitions(states, runId, at), WRITES_AT_ONCE, (t) => resolve(store, t, runId, at));
  return done.filter(Boolean).length;
}
