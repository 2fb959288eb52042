import type { Estate } from '../core/estate/model';
import { estateFindingOrder } from '../core/engine/audit';
import { planTicketSync, type TicketSyncPlan } from '../core/tickets/plan-ticket-sync';
import { trackerAskedToWait, TrackerRejected } from '../core/tickets/ticket-errors';
import type { AuditStore } from '../ports/audit-store';
import type { TicketLedger } from '../ports/ticket-ledger';
import type { TicketTracker } from '../ports/ticket-tracker';
import { applyTicketEvent, type TicketOutcome } from './apply-ticket-event';
import { patientTracker, type Patience } from './patient-tracker';
import { shownFindingStates } from './shown-records';

export interface TicketSyncDeps {
  store: AuditStore;
  ledger: TicketLedger;
  now(): Date;
  newToken(): string;
}

export interface TicketSyncResult {
  plan: TicketSyncPlan;
  /**
   * When applied: what each planned event came to, in plan order (opens, then closes); `failed` where
   * it could not be applied, `not-tried` after the tracker said to wait. The next sync takes both up again.
   */
  outcomes?: Array<TicketOutcome | 'failed' | 'not-tried'>;
  /** The events not applied, and why. */
  failures?: Array<{ findingId: string; episode: number; error: string }>;
}

/**
 * `drift tickets sync`: the tickets the subscriber owes the estate's current finding states (for a
 * team switching it on with findings already open), and with a tracker, applies them through the
 * same steps and ledger as the subscriber, so the two never make a ticket twice.
 */
export async function ticketSync(
  estate: Estate,
  deps: TicketSyncDeps,
  apply?: { tracker: TicketTracker; patience: Patience },
): Promise<TicketSyncResult> {
  const plan = planTicketSync(await shownFindingStates(deps.store, estate), await deps.ledger.list(estate.name), estate.notify.tickets);
  const order = estateFindingOrder(estate);
  plan.open.sort((a, b) => order(a.finding, b.finding));
  const byTicket = (a: { ticket: { id: string } }, b: { ticket: { id: string } }) =>
    a.ticket.id.localeCompare(b.ticket.id, 'en', { numeric: true });
  plan.close.sort(byTicket);
  plan.kept.sort(byTicket);
  if (!apply) return { plan };
  const tracker = patientTracker(apply.tracker, apply.patience);
  const outcomes: NonNullable<TicketSyncResult['outcomes']> = [];
  const failures: NonNullable<TicketSyncResult['failures']> = [];
  let waiting = false;
  for (const event of [...plan.open, ...plan.close.map((c) => c.event)]) {
    const { id: findingId } = event.finding;
    if (waiting) {
      outcomes.push('not-tried');
      failures.push({ findingId, episode: event.episode, error: 'not tried: the tracker asked to wait' });
      continue;
    }
    try {
      outcomes.push(
        await applyTicketEvent(event, {
          tracker,
          ledger: deps.ledger,
          routing: estate.notify.tickets,
          now: deps.now,
          newToken: deps.newToken,
        }),
      );
    } catch (err) {
      // A wrong token, repository or project fails every event alike: said once, as the user's to fix.
      if (err instanceof TrackerRejected) throw err;
      // Anything else fails this event only (another consumer holds its episode, a timeout): the rest go on.
      outcomes.push('failed');
      failures.push({ findingId, episode: event.episode, error: `${(err as Error).name}: ${(err as Error).message}` });
      waiting = trackerAskedToWait(err);
    }
  }
  return { plan, outcomes, failures };
}
