import { adoptedTickets, type AdoptedScope } from '../../core/adopt/adopted-tickets';
import type { Estate } from '../../core/estate/model';
import type { TicketRef } from '../../core/tickets/ticket-model';
import { shownFindingStates } from '../../use-cases/shown-records';
import type { StateFolder } from '../../wiring/cli-services';
import { openExistingStore } from '../../wiring/open-store';
import type { CliIo } from '../io';

/**
 * The open tickets of the findings an adoption answers, from the store's findings and ticket ledger; none without a
 * store. A store that cannot be read (another run holds it, a table out of reach) names none and says so: the
 * adoption, often an emergency's, does not wait on its links.
 */
export async function adoptionTickets(
  storeOption: string | boolean | undefined,
  estate: Estate,
  scope: AdoptedScope,
  folder: StateFolder,
  io: CliIo,
): Promise<TicketRef[]> {
  try {
    const opened = await openExistingStore(storeOption, folder.dir, folder.ensure);
    if (!opened) return [];
    try {
      return adoptedTickets(await shownFindingStates(opened.store, estate), scope, await opened.ledger.list(estate.name));
    } finally {
      await opened.close();
    }
  } catch (err) {
    io.stderr.write(`the commit names no ticket: ${err instanceof Error ? err.message : String(err)}\n`);
    return [];
  }
}
