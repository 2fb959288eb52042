import { DynamoDbTicketLedger, TICKET_PK_PREFIX } from '../../../lambdas/adapters/dynamodb/ticket-ledger';
import type { TicketRecord } from '../../../lambdas/ports/ticket-ledger';
import { useDynalite } from '../../helpers/dynalite';

const db = useDynalite();

const record = (extra: Partial<TicketRecord> = {}): TicketRecord => ({
  estate: 'shop',
  findingId: 'abc',
  episode: 1,
  status: 'claimed',
  applied: [],
  claim: { token: 'tok-1', at: '2026-11-24T02:00:00.000Z', eventId: 'e-opened', from: 'none' },
  version: 1,
  updatedAt: '2026-11-24T02:00:00.000Z',
  ...extra,
});
const opened = (extra: Partial<TicketRecord> = {}): TicketRecord =>
  record({
    status: 'open',
    claim: undefined,
    ticket: { tracker: 'github', id: '12', url: 'https://github.com/o/r/issues/12' },
    severity: 'high',
    applied: ['e-opened'],
    version: 2,
    ...extra,
  });

async function ledger() {
  const t = await db.freshTable();
  return { ledger: new DynamoDbTicketLedger({ client: db.client, table: t.table }), scan: t.scan };
}

describe('DynamoDbTicketLedger', () => {
  test('a put with no expected version creates the record once; a second such put is refused', async () => {
    const { ledger: l } = await ledger();
    expect(await l.get('shop', 'abc', 1)).toBeUndefined();
    expect(await l.put(record(), undefined)).toBe(true);
    expect(await l.put(record({ claim: { token: 'tok-2', at: '2026-11-24T02:00:01.000Z', eventId: 'e', from: 'none' } }), undefined)).toBe(
      false,
    );
    expect(await l.get('shop', 'abc', 1)).toEqual(record());
  });

  test('a versioned put succeeds on the version read and conflicts on a stale one', async () => {
    const { ledger: l } = await ledger();
    await l.put(record(), undefined);
    expect(await l.put(opened(), 1)).toBe(true);
    expect(await l.get('shop', 'abc', 1)).toEqual(opened());
    expect(await l.put(opened({ status: 'closed', version: 2 }), 1)).toBe(false);
    expect(await l.put(opened({ status: 'closed', version: 3 }), 1)).toBe(false);
    expect((await l.get('shop', 'abc', 1))?.status).toBe('open');
    expect(await l.put(opened({ status: 'closed', version: 3 }), 2)).toBe(true);
    expect(await l.get('shop', 'abc', 1)).toEqual(opened({ status: 'closed', version: 3 }));
  });

  test('a put that does not advance the version throws, and writes nothing', async () => {
    const { ledger: l, scan } = await ledger();
    await expect(l.put(record({ version: 0 }), undefined)).rejects.toThrow(/advance its version/);
    expect(await scan()).toEqual([]);
    await l.put(record(), undefined);
    await expect(l.put(opened({ version: 1 }), 1)).rejects.toThrow(/advance its version past 1/);
    expect(await l.get('shop', 'abc', 1)).toEqual(record());
  });

  test("previous is the latest earlier episode of the same finding, never another finding's", async () => {
    const { ledger: l } = await ledger();
    for (const [findingId, episode] of [
      ['abc', 1],
      ['abc', 3],
      ['abc', 10],
      ['abcd', 4],
      ['ab', 2],
    ] as const) {
      await l.put(opened({ findingId, episode }), undefined);
    }
    expect((await l.previous('shop', 'abc', 11))?.episode).toBe(10);
    // Zero-padded episodes: 3 is before 10, not after it in string order.
    expect((await l.previous('shop', 'abc', 10))?.episode).toBe(3);
    expect((await l.previous('shop', 'abc', 5))?.episode).toBe(3);
    expect(await l.previous('shop', 'abc', 1)).toBeUndefined();
    expect(await l.previous('shop', 'abcd', 4)).toBeUndefined();
    expect(await l.previous('shop', 'ab', 2)).toBeUndefined();
    expect(await l.previous('other', 'abc', 11)).toBeUndefined();
  });

  test('list returns every record of one estate only', async () => {
    const { ledger: l } = await ledger();
    await l.put(opened({ findingId: 'a' }), undefined);
    await l.put(opened({ findingId: 'a', episode: 2 }), undefined);
    await l.put(record({ findingId: 'b' }), undefined);
    await l.put(opened({ estate: 'shop-eu', findingId: 'a' }), undefined);
    const listed = await l.list('shop');
    expect(listed.map((r) => [r.findingId, r.episode, r.status]).sort()).toEqual([
      ['a', 1, 'open'],
      ['a', 2, 'open'],
      ['b', 1, 'claimed'],
    ]);
    expect(listed).toContainEqual(opened({ findingId: 'a' }));
    expect((await l.list('shop-eu')).map((r) => r.estate)).toEqual(['shop-eu']);
    expect(await l.list('nothing')).toEqual([]);
  });

  test('# and % in estate names and finding ids do not collide', async () => {
    const { ledger: l } = await ledger();
    // Unescaped, `a#b` + `c` and `a` + `b#c` would share one key.
    await l.put(opened({ estate: 'a#b', findingId: 'c' }), undefined);
    expect(await l.put(opened({ estate: 'a', findingId: 'b#c' }), undefined)).toBe(true);
    expect(await l.put(opened({ estate: 'a%23b', findingId: 'c' }), undefined)).toBe(true);
    expect(await l.put(opened({ estate: 'x', findingId: 'f#000001' }), undefined)).toBe(true);
    expect((await l.list('a#b')).map((r) => r.findingId)).toEqual(['c']);
    expect((await l.list('a')).map((r) => r.findingId)).toEqual(['b#c']);
    expect((await l.list('a%23b')).map((r) => r.estate)).toEqual(['a%23b']);
    expect(await l.previous('x', 'f', 2)).toBeUndefined();
  });

  test(`every item's pk starts with ${TICKET_PK_PREFIX}`, async () => {
    const { ledger: l, scan } = await ledger();
    await l.put(record(), undefined);
    await l.put(opened({ estate: 'a#b', findingId: 'x%y', episode: 7 }), undefined);
    const items = await scan();
    expect(items).toHaveLength(2);
    for (const item of items) expect(String(item.pk)).toMatch(/^TICKET#/);
  });
});
