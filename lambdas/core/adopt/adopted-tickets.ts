import type { Finding } from '../model';
import type { TicketRef } from '../tickets/ticket-model';
import type { TicketRecord } from '../tickets/ticket-record';

/**
 * The open tickets of the findings an adoption in `environment` answers: those on an adopted key there, and a parity
 * group's on it that compares `environment`. Their commit names them, so the pull request links the tickets; the
 * tickets close when an audit finds the findings resolved, not when the commit lands (it may never be deployed).
 */
export function adoptedTickets(
  findings: readonly Finding[],
  environment: string,
  keys: readonly string[],
  records: readonly TicketRecord[],
): TicketRef[] {
  const adopted = new Set(keys);
  const answered = new Set(
    findings
      .filter((f) => f.key !== undefined && adopted.has(f.key))
      .filter(
        (f) =>
          f.environment === environment || (f.environment === undefined && f.values !== undefined && Object.hasOwn(f.values, environment)),
      )
      .map((f) => f.id),
  );
  const tickets = new Map<string, TicketRef>();
  for (const r of records) if (r.status === 'open' && r.ticket && answered.has(r.findingId)) tickets.set(r.ticket.url, r.ticket);
  return [...tickets.values()].sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
}
