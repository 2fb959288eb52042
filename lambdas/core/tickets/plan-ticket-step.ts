import { kindOf } from '../kinds';
import type { Finding } from '../model';
import { atLeast } from '../severity';
import type { TicketEvent } from './ticket-event';
import type { TicketRecord } from './ticket-record';
import type { TicketRouting } from './ticket-routing';

/** How long a claim protects a consumer's work on the tracker: longer than the function may run, shorter than a redelivery. */
export const CLAIM_LEASE_MS = 2 * 60_000;

/**
 * What the subscriber does for one event, given what the ledger says of its episode:
 * - `create`: find the ticket by its marker (the ledger may have lost it), else open one;
 * - `update`: comment on the escalation and show the new severity;
 * - `close`: comment with the reason and close;
 * - `close-found`: the episode resolved with no ticket known: close the one the tracker's search finds, else remember
 *   the episode as resolved so a late `opened` makes none;
 * - `skip`: nothing to do (already applied, not ticketed, already closed); `wait`: another consumer is at work on it.
 * `takeover`: a consumer died holding the episode, so what it may already have done on the tracker is checked first.
 */
export type TicketStep =
  | { do: 'create' | 'update' | 'close' | 'close-found'; from: 'none' | 'open' | 'closed'; takeover: boolean }
  | { do: 'skip'; why: string }
  | { do: 'wait'; why: string };

/** Why `notify.tickets` does not ticket findings of this kind and severity; undefined when it does. */
function routingLeavesOut(kind: Finding['kind'], severity: Finding['severity'], routing: TicketRouting): string | undefined {
  if (!kindOf(kind).published) return `${kind} findings are never published`;
  if (routing.kinds !== 'all' && !routing.kinds.includes(kind)) return `notify.tickets.kinds leaves out ${kind}`;
  if (!atLeast(severity, routing.minSeverity)) return `${severity} is below notify.tickets.minSeverity ${routing.minSeverity}`;
  return undefined;
}

/**
 * Why the estate's `notify.tickets` does not ticket a finding (its kind or its severity, or a cause
 * that has the ticket: a parity difference a member's missing key or reference to nothing explains
 * is one fact with it, one ticket); undefined when it does.
 */
export function notTicketedWhy(f: Finding, routing: TicketRouting): string | undefined {
  const own = routingLeavesOut(f.kind, f.severity, routing);
  if (own !== undefined) return own;
  // Read back from a message or the store: anything but a list of causes is none.
  const causes = Array.isArray(f.causedBy) ? f.causedBy : [];
  const cause = causes.find((c) => routingLeavesOut(c.kind, c.severity, routing) === undefined);
  return cause ? `its cause, ${cause.kind} in ${cause.environment} (${cause.id}), has the ticket` : undefined;
}

/** Whether a finding is ticketed under the estate's `notify.tickets`. */
export const ticketed = (f: Finding, routing: TicketRouting): boolean => notTicketedWhy(f, routing) === undefined;

/** A ticket starts for the episode, or the step says why not. */
function startsTicket(f: Finding, routing: TicketRouting, from: 'none' | 'open' | 'closed', takeover: boolean): TicketStep {
  const why = notTicketedWhy(f, routing);
  return why === undefined ? { do: 'create', from, takeover } : { do: 'skip', why: `not ticketed: ${why}` };
}

/** Decides the step for `event` (pure: the clock comes in as `nowMs`). */
export function planTicketStep(event: TicketEvent, record: TicketRecord | undefined, routing: TicketRouting, nowMs: number): TicketStep {
  if (record?.applied.includes(event.eventId)) return { do: 'skip', why: 'already applied' };
  let from: 'none' | 'open' | 'closed' = 'none';
  let takeover = false;
  if (record?.status === 'claimed') {
    const claimedAt = Date.parse(record.claim?.at ?? '');
    if (Number.isFinite(claimedAt) && nowMs - claimedAt < CLAIM_LEASE_MS) return { do: 'wait', why: 'another consumer holds this episode' };
    from = record.claim?.from ?? 'none';
    takeover = true;
  } else if (record) from = record.status;

  if (from === 'closed') return { do: 'skip', why: 'the episode is resolved: its ticket stays closed' };
  switch (event.event) {
    case 'opened':
      if (from === 'open') return { do: 'skip', why: 'the episode has its ticket' };
      return startsTicket(event.finding, routing, from, takeover);
    case 'escalated':
      if (from === 'open') return { do: 'update', from, takeover };
      // Escalated into what the estate tickets, or its `opened` has not arrived yet: the ticket starts here.
      return startsTicket(event.finding, routing, from, takeover);
    case 'resolved':
      return from === 'open' ? { do: 'close', from, takeover } : { do: 'close-found', from, takeover };
  }
}
