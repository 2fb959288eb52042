import type { Baseline } from '../core/estate/model';
import { removedEstateTransitions } from '../core/lifecycle/estate-removed';
import { baselineSecretPolicy, secretPolicy } from '../core/sources/context';
import type { Transition } from '../core/lifecycle/plan-lifecycle';
import type { AuditStore } from '../ports/audit-store';
import { mapLimited } from './map-limited';
import { settle, writeTransition } from './record-audit';

const WRITES_AT_ONCE = 8;

/** Writes one resolution (decided again on the state read back after a conflict), then logs its event. */
async function resolve(
  store: AuditStore,
  t: Transition,
  runId: string,
  at: string,
  isSecretKey: (key: string) => boolean,
): Promise<boolean> {
  const done = await writeTransition(store, t, (fresh) =>
    fresh ? removedEstateTransitions([fresh], runId, at, isSecretKey)[0] : undefined,
  );
  if (!done) return false;
  if (done.event) {
    await store.appendEvent(done.state.estate, done.event);
    await store.clearPendingEvent(done.state.estate, done.state.id, done.state.version);
  }
  return true;
}

/**
 * Resolves every open finding of an estate a deploy removed ('estate removed'), each with its
 * `resolved` event, so SNS and the ticket subscriber close what they opened. Events a killed writer
 * still owes are logged first. Idempotent: a retry finds them resolved and writes nothing.
 * Values stored in plain text of keys secret under `baseline` (the estate as last audited; without
 * it, by name), or secret by their content, are resolved and logged without them.
 * Returns how many it resolved.
 */
export async function retireEstate(
  store: AuditStore,
  estate: string,
  runId: string,
  now: Date,
  baseline?: Pick<Baseline, 'keys' | 'undeclaredSecret'>,
): Promise<number> {
  const at = now.toISOString();
  const isSecretKey = baseline ? baselineSecretPolicy(baseline) : secretPolicy(new Set());
  const states = await store.loadFindingStates(estate);
  await mapLimited(
    states.filter((st) => st.pendingEvent),
    WRITES_AT_ONCE,
    (st) => settle(store, st),
  );
  const done = await mapLimited(removedEstateTransitions(states, runId, at, isSecretKey), WRITES_AT_ONCE, (t) =>
    resolve(store, t, runId, at, isSecretKey),
  );
  return done.filter(Boolean).length;
}
