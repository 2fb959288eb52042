import { adoptedTickets } from '../../core/adopt/adopted-tickets';
import type { Estate } from '../../core/estate/model';
import type { Finding } from '../../core/model';
import type { TicketRef } from '../../core/tickets/ticket-model';
import type { StateFolder } from '../../wiring/cli-services';
import { openExistingStore } from '../../wiring/open-store';

/** The open tickets of the findings an adoption answers, from the store's ticket ledger; none without a store. */
export async function adoptionTickets(
  storeOption: string | boolean | undefined,
  estate: Estate,
  findings: readonly Finding[],
  env: string,
  keys: readonly string[],
  folder: StateFolder,
): Promise<TicketRef[]> {
  const opened = await openExistingStore(storeOption, folder.dir, folder.ensure);
  if (!opened) return [];
  try {
    return adoptedTickets(findings, env, keys, await opened.ledger.list(estate.name));
  } finally {
    await opened.close();
  }
}
