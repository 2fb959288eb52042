import type { TicketRecord } from '../core/tickets/ticket-record';

export type { TicketRecord } from '../core/tickets/ticket-record';

/** Where the subscriber remembers which ticket belongs to which finding episode. Single-item conditional writes only. */
export interface TicketLedger {
  get(estate: string, findingId: string, episode: number): Promise<TicketRecord | undefined>;
  /** The record of the finding's latest episode before `episode` (the ticket a new one links), if any. */
  previous(estate: string, findingId: string, episode: number): Promise<TicketRecord | undefined>;
  /** Writes the record if the stored one has `expectedVersion` (undefined: none may exist); false on conflict. */
  put(record: TicketRecord, expectedVersion: number | undefined): Promise<boolean>;
  /** Every record of an estate. */
  list(estate: string): Promise<TicketRecord[]>;
}
