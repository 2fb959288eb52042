import { DriftError } from '../core/errors';
import { TICKET_ROUTING_DEFAULT, type TicketRouting } from '../core/tickets/ticket-routing';
import type { EstateSource } from '../ports/estate-source';
import { loadEachEstate } from './load-estates';

/** An event's estate is not among the files that load while some do not: its routing may be in one of them. */
export class TicketRoutingUnknown extends DriftError {
  override name = 'TicketRoutingUnknown';
  readonly userFacing = true;
}

/**
 * Each estate's `notify.tickets`, from the estate files that load: one team's broken file stops no
 * other team's tickets. An estate that is not among them gets the default routing (it was removed:
 * its tickets still close), unless some file does not load, which may be that estate's: its event is
 * then refused, to be retried once the file is fixed, rather than routed as the team did not ask.
 */
export async function ticketRoutes(source: EstateSource): Promise<(estate: string) => TicketRouting> {
  const { loaded, failed } = await loadEachEstate(source);
  const byEstate = new Map(loaded.map(({ estate }) => [estate.name, estate.notify.tickets]));
  const unreadable = failed.map((f) => f.key);
  return (estate) => {
    const routing = byEstate.get(estate);
    if (routing) return routing;
    if (unreadable.length)
      throw new TicketRoutingUnknown(
        `estate ${estate} is not among the estate files that load, and ${unreadable.join(', ')} ` +
          `${unreadable.length > 1 ? 'do' : 'does'} not load (drift validate says why): its tickets wait until ${unreadable.length > 1 ? 'they are' : 'it is'} fixed`,
        { context: { estate, unreadable: unreadable.length } },
      );
    return TICKET_ROUTING_DEFAULT;
  };
}
