import type { Severity } from '../severity';
import type { TicketRef } from './ticket-model';

/**
 * What the subscriber keeps for one finding episode. `claimed`: a consumer is acting on the tracker
 * (creating, commenting, closing) and will write the outcome; `open`/`closed`: the ticket's state as
 * drift left it. A `closed` record without a ticket is a tombstone: the episode resolved before its
 * ticket was made (an out-of-order delivery), so a late `opened` makes none.
 */
export interface TicketRecord {
  estate: string;
  findingId: string;
  episode: number;
  status: 'claimed' | 'open' | 'closed';
  ticket?: TicketRef;
  /** The severity the ticket shows. */
  severity?: Severity;
  /** The lifecycle events already applied (their ids), so a redelivery does nothing. */
  applied: string[];
  /** While `claimed`: who claimed it, when (ISO), for which event, and the status to fall back to if the claim is taken over. */
  claim?: { token: string; at: string; eventId: string; from: 'none' | 'open' | 'closed' };
  /** Optimistic concurrency: every write is conditional on the version read. */
  version: number;
  updatedAt: string;
}
