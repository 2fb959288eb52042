import { TICKET_ROUTING_DEFAULT } from '../../lambdas/core/tickets/ticket-routing';
import { EstateLoadError, type EstateRef, type EstateSource } from '../../lambdas/ports/estate-source';
import { ticketRoutes } from '../../lambdas/use-cases/ticket-routes';
import { estateFrom } from '../helpers/estate';

const shop = estateFrom(`version: 1
name: shop
environments:
  production:
    sources:
      - ssm: { path: /production/shop/ }
notify:
  tickets: { minSeverity: low, labels: [shop] }
`);
const SHOP = 'estates/shop/drift.yaml';
const BROKEN = 'estates/payments/drift.yaml';

/** An estate bucket holding `keys`: shop loads, every other file is broken. */
function bucket(keys: string[]): EstateSource {
  return {
    listKeys: async () => keys,
    load: async (ref: EstateRef) => {
      if (ref.key !== SHOP) throw new EstateLoadError([{ file: ref.key, line: 5, column: 9, message: 'unknown field "pth"' }]);
      return { ref, estate: shop, baseline: { file: ref.key, sha256: 'abc' } };
    },
  };
}

describe('the ticket routing of each estate (sync-tickets)', () => {
  test("another team's estate file that does not load: this estate's events are still routed as its file says", async () => {
    const routing = await ticketRoutes(bucket([BROKEN, SHOP]));
    expect(routing('shop')).toEqual(shop.notify.tickets);
    expect(routing('shop').labels).toEqual(['shop']);
  });

  test('an estate not among the files that load, while one does not: refused (retried), naming the file, not routed by default', async () => {
    const routing = await ticketRoutes(bucket([BROKEN, SHOP]));
    expect(() => routing('payments')).toThrow(
      expect.objectContaining({ name: 'TicketRoutingUnknown', message: expect.stringContaining(BROKEN) as unknown }),
    );
  });

  test('an estate no longer in the bucket, every file loading: the default routing (its tickets still close)', async () => {
    const routing = await ticketRoutes(bucket([SHOP]));
    expect(routing('payments')).toEqual(TICKET_ROUTING_DEFAULT);
  });
});
