import { DynamoDbStore } from '../../../lambdas/adapters/dynamodb/dynamodb-store';
import { useDynalite } from '../../helpers/dynalite';
import { ESTATE, T1, T2, T3, event } from './fixtures';

const dynalite = useDynalite();
const DAY = 86_400;

describe('event log', () => {
  test('an event is appended once per event id, whatever run or time tries again, and keeps when it was first logged', async () => {
    const { table } = await dynalite.freshTable();
    let clock = new Date('2026-11-24T02:03:00.000Z');
    const store = new DynamoDbStore({ client: dynalite.client, table, now: () => clock });
    expect(await store.appendEvent(ESTATE, event('e-1', T1))).toBe(true);
    clock = new Date(T3);
    expect(await store.appendEvent(ESTATE, event('e-1', T1))).toBe(false);
    // A later run that re-derives the same event (same finding, episode and event) does not log it twice.
    expect(await store.appendEvent(ESTATE, event('e-1', T2, { runId: 'run-later' }))).toBe(false);
    expect(await store.listEvents(ESTATE)).toEqual([{ ...event('e-1', T1), loggedAt: '2026-11-24T02:03:00.000Z' }]);
  });

  test('listEvents(since): at or after since, oldest first, this estate only', async () => {
    const { store } = await dynalite.freshTable();
    await store.appendEvent(ESTATE, event('e-3', T3, { event: 'resolved' }));
    await store.appendEvent(ESTATE, event('e-1', T1));
    await store.appendEvent(ESTATE, event('e-2b', T2));
    await store.appendEvent(ESTATE, event('e-2a', T2));
    await store.appendEvent('other-estate', event('x-1', T3));

    const ids = async (since?: string): Promise<string[]> => (await store.listEvents(ESTATE, since)).map((e) => e.eventId);
    expect(await ids()).toEqual(['e-1', 'e-2a', 'e-2b', 'e-3']);
    expect(await ids(T2)).toEqual(['e-2a', 'e-2b', 'e-3']);
    expect(await ids('2026-11-25T02:00:00Z')).toEqual(['e-2a', 'e-2b', 'e-3']);
    expect(await ids('2026-11-25T02:00:00.001Z')).toEqual(['e-3']);
    expect(await ids('2027-01-01T00:00:00Z')).toEqual([]);
    expect((await store.listEvents(ESTATE, T3))[0]).toEqual({ ...event('e-3', T3, { event: 'resolved' }), loggedAt: expect.any(String) });
  });

  test('events expire 90 days after they happened', async () => {
    const { store, scan } = await dynalite.freshTable();
    await store.appendEvent(ESTATE, event('e-1', T1));
    const [item] = await scan();
    expect(item?.expiresAt).toBe(Date.parse(T1) / 1000 + 90 * DAY);
  });
});
