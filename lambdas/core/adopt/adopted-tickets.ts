import { carriedKind } from '../carried-kind';
import { kindOf } from '../kinds';
import type { FindingState } from '../lifecycle/model';
import type { Finding } from '../model';
import { byText } from '../text-order';
import type { TicketRef } from '../tickets/ticket-model';
import type { TicketRecord } from '../tickets/ticket-record';

/** An adoption: the environment whose running values become expected (`everywhere`: every environment's expected value). */
export interface AdoptedScope {
  environment: string;
  keys: readonly string[];
  everywhere: boolean;
}

/** Whether the adoption answers the finding: drift `drift adopt` would settle, on an adopted key, where it adopts. */
function answers(f: Finding, scope: AdoptedScope): boolean {
  // Findings read back from the store carry null for absent fields.
  if (typeof f.key !== 'string' || !scope.keys.includes(f.key) || !kindOf(carriedKind(f) ?? f.kind).syncable) return false;
  if (scope.everywhere) return true;
  if (typeof f.environment === 'string') return f.environment === scope.environment;
  return typeof f.values === 'object' && f.values !== null && Object.hasOwn(f.values, scope.environment);
}

/** The ticket a record holds open: drift left it open, or a consumer acting on it found it so. */
const openTicket = (r: TicketRecord): TicketRef | undefined =>
  r.status === 'open' || (r.status === 'claimed' && r.claim?.from === 'open') ? r.ticket : undefined;

/**
 * The open tickets of the open findings an adoption answers (the stored states: a parity group's findings included,
 * which an audit of one environment does not judge), each of the finding's current episode. Its commit names them,
 * so the pull request links the tickets; they close when an audit finds the findings resolved, not when the commit
 * lands (it may never be deployed).
 */
export function adoptedTickets(states: readonly FindingState[], scope: AdoptedScope, records: readonly TicketRecord[]): TicketRef[] {
  const episodes = new Map(states.filter((s) => s.status === 'open' && answers(s.finding, scope)).map((s) => [s.id, s.episode]));
  const tickets = new Map<string, TicketRef>();
  for (const r of records) {
    const ticket = openTicket(r);
    if (ticket && episodes.get(r.findingId) === r.episode) tickets.set(ticket.url, ticket);
  }
  return [...tickets.values()].sort((a, b) => byText(a.url, b.url));
}
