import { trackerAskedToWait } from '../core/tickets/ticket-errors';
import { parseTicketEvent, TICKET_EVENTS, type TicketEvent } from '../core/tickets/ticket-event';
import type { TicketRouting } from '../core/tickets/ticket-routing';
import type { TicketLedger } from '../ports/ticket-ledger';
import type { TicketTracker } from '../ports/ticket-tracker';
import { applyTicketEvent, type TicketOutcome } from './apply-ticket-event';
import { patientTracker, type Patience } from './patient-tracker';
import { TICKET_METRICS } from './metric-names';

/** One message of the subscriber's queue: the SNS message body (raw delivery). */
export interface TicketMessage {
  id: string;
  body: string;
}

export interface SyncTicketsDeps {
  tracker: TicketTracker;
  ledger: TicketLedger;
  /** The estate's `notify.tickets` (its default when the estate is gone: its tickets still close). */
  routing(estate: string): Promise<TicketRouting>;
  reportLink?(runId: string, estate: string): string;
  now(): Date;
  newToken(): string;
  patience: Patience;
  count?(name: string, value: number): void;
  /** Says why a message was left for a retry (never a value: errors carry none). */
  warn?(message: string, context: Record<string, unknown>): void;
}

export interface SyncTicketsOutput {
  /** Messages to retry (the queue redelivers them, then its dead-letter queue keeps them). */
  failed: string[];
  outcomes: Partial<Record<TicketOutcome, number>>;
  /** Messages that are not lifecycle events drift tickets (dropped, counted). */
  dropped: number;
}

const order = (e: TicketEvent): number => TICKET_EVENTS.indexOf(e.event);

/**
 * A batch from the findings topic's ticket queue: each lifecycle event applied to its episode's
 * ticket, oldest first. When the tracker asks to slow down, or is down, the rest of the batch is
 * left for a retry rather than pressed on.
 */
export async function syncTickets(messages: readonly TicketMessage[], deps: SyncTicketsDeps): Promise<SyncTicketsOutput> {
  const events: Array<{ id: string; event: TicketEvent }> = [];
  let dropped = 0;
  for (const m of messages) {
    const event = parseTicketEvent(m.body);
    if (event) events.push({ id: m.id, event });
    else dropped += 1;
  }
  events.sort((a, b) => a.event.at.localeCompare(b.event.at, 'en') || a.event.episode - b.event.episode || order(a.event) - order(b.event));

  const tracker = patientTracker(deps.tracker, deps.patience);
  const failed: string[] = [];
  const outcomes: SyncTicketsOutput['outcomes'] = {};
  let backOff = false;
  for (const { id, event } of events) {
    if (backOff) {
      failed.push(id);
      continue;
    }
    try {
      const routing = await deps.routing(event.finding.estate);
      const reportUrl = deps.reportLink?.(event.runId, event.finding.estate);
      const outcome = await applyTicketEvent(event, {
        tracker,
        ledger: deps.ledger,
        routing,
        reportUrl,
        now: deps.now,
        newToken: deps.newToken,
      });
      outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
    } catch (err) {
      failed.push(id);
      backOff = trackerAskedToWait(err);
      deps.warn?.('ticket event left for a retry', { error: (err as Error).name, message: (err as Error).message, eventId: event.eventId });
    }
  }
  deps.count?.(TICKET_METRICS.created, outcomes.created ?? 0);
  deps.count?.(TICKET_METRICS.closed, outcomes.closed ?? 0);
  deps.count?.(TICKET_METRICS.failed, failed.length);
  deps.count?.(TICKET_METRICS.dropped, dropped);
  return { failed, outcomes, dropped };
}
