import type { Estate } from '../core/estate/model';
import { eventWithoutStalePlainValues, stateWithoutStalePlainValues } from '../core/lifecycle/stale-plain-values';
import { baselineSecretPolicy } from '../core/sources/context';
import type { AuditStore, FindingState, LifecycleEvent } from '../ports/audit-store';

// What the store logged and kept was written under the baseline of its day: a key declared secret
// since (or a value a later rule set knows for a credential) may still be there in plain text. Every
// reader that sends or shows them reads them through here, under the estate as it is now.

/** The estate's logged events at or after `since`, as they may be sent: stale plain values withheld. */
export async function shownEvents(store: AuditStore, estate: Pick<Estate, 'name' | 'baseline'>, since?: string): Promise<LifecycleEvent[]> {
  const isSecretKey = baselineSecretPolicy(estate.baseline);
  return (await store.listEvents(estate.name, since)).map((e) => eventWithoutStalePlainValues(e, isSecretKey));
}

/** The estate's stored finding states, as they may be sent: stale plain values withheld. */
export async function shownFindingStates(store: AuditStore, estate: Pick<Estate, 'name' | 'baseline'>): Promise<FindingState[]> {
  const isSecretKey = baselineSecretPolicy(estate.baseline);
  return (await store.loadFindingStates(estate.name)).map((st) => stateWithoutStalePlainValues(st, isSecretKey));
}
