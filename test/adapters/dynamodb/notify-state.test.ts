import { useDynalite } from '../../helpers/dynalite';
import { ESTATE, event, T1, T2, T3 } from './fixtures';

const db = useDynalite();

describe('what the notifier remembers', () => {
  test('an event marked sent on a channel says so, per channel, and keeps the rest of the event', async () => {
    const { store } = await db.freshTable();
    await store.appendEvent(ESTATE, event('e1', T1));
    await store.markEventSent(ESTATE, 'e1', 'sns', T2);
    await store.markEventSent(ESTATE, 'e1', 'slack', T3);
    const [e] = await store.listEvents(ESTATE);
    expect(e).toMatchObject({ eventId: 'e1', sent: { sns: T2, slack: T3 } });
  });

  test('a marker only moves forward', async () => {
    const { store } = await db.freshTable();
    expect(await store.getMarker(ESTATE, 'digest')).toBeUndefined();
    expect(await store.putMarker(ESTATE, 'digest', T2)).toBe(true);
    expect(await store.putMarker(ESTATE, 'digest', T1)).toBe(false);
    expect(await store.getMarker(ESTATE, 'digest')).toBe(T2);
    expect(await store.putMarker(ESTATE, 'digest', T3)).toBe(true);
    expect(await store.getMarker(ESTATE, 'digest')).toBe(T3);
  });

  test('markers named after keys too long for a sort key are kept and listed by their whole names', async () => {
    const { store } = await db.freshTable();
    const name = (end: string) => `flag:${'x'.repeat(2000)}${end}.enabled`;
    expect(await store.putMarker(ESTATE, name('a'), T1)).toBe(true);
    expect(await store.putMarker(ESTATE, name('b'), T2)).toBe(true);
    expect(await store.getMarker(ESTATE, name('a'))).toBe(T1);
    expect(await store.listMarkers(ESTATE, 'flag:')).toEqual(
      new Map([
        [name('a'), T1],
        [name('b'), T2],
      ]),
    );
  });
});
