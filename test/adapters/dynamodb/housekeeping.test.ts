import { itemBytes } from '../../../lambdas/adapters/dynamodb/item-size';
import { useDynalite } from '../../helpers/dynalite';
import { ESTATE, T1, T2, T3, change, event, finding, observation, run, snapshot, state } from './fixtures';

const dynalite = useDynalite();
const DAY_MS = 86_400_000;

describe('pruneExpired', () => {
  test('deletes exactly the items whose TTL has passed', async () => {
    const t = await dynalite.freshTable();
    const { store } = t;
    const saved = new Date(T1);
    await store.putRun(run('run-1', T1));
    await store.writeFindingState(state({ status: 'resolved' }), undefined);
    await store.appendChanges(ESTATE, [change('db.timeout', T1, 'run-1')]);
    await store.appendEvent(ESTATE, event('old', '2026-08-01T00:00:00Z'));
    await store.appendEvent(ESTATE, event('recent', T3));
    const obs = [observation('db.timeout', { kind: 'text', text: '10s' })];
    await store.saveSnapshot(ESTATE, snapshot('h1', obs, { observedAt: T1 }), saved);
    await store.saveSnapshot(ESTATE, snapshot('h2', obs, { observedAt: T2 }), saved);

    const before = await t.scan();
    // Day 29 after the superseding save: nothing is due yet except the event from August.
    expect(await store.pruneExpired(new Date(saved.getTime() + 29 * DAY_MS))).toBe(1);
    // Day 31: the superseded chunk too; the 90-day-old event of T3 is not due.
    expect(await store.pruneExpired(new Date(saved.getTime() + 31 * DAY_MS))).toBe(1);
    expect(await store.pruneExpired(new Date(saved.getTime() + 31 * DAY_MS))).toBe(0);

    const after = await t.scan();
    const gone = before.filter((b) => !after.some((a) => a.pk === b.pk && a.sk === b.sk));
    expect(gone.map((i) => i.itemType).sort()).toEqual(['event', 'snapshot-chunk']);
    expect(gone.find((i) => i.itemType === 'event')?.eventId).toBe('old');
    expect(String(gone.find((i) => i.itemType === 'snapshot-chunk')?.pk)).toContain('#h1#');
    expect(await store.loadSnapshot(ESTATE, 'production-us', 'src-ssm-1')).toEqual(snapshot('h2', obs, { observedAt: T2 }));
    expect(await store.getFindingState(ESTATE, 'f-1')).toBeDefined();
    expect(await store.latestRun(ESTATE)).toBeDefined();
    expect(await store.history(ESTATE, 'production-us', 'db.timeout')).toHaveLength(1);
  });
});

describe('stats', () => {
  test('counts requests and the capacity units the engine reports', async () => {
    const { store } = await dynalite.freshTable();
    expect(store.stats()).toEqual({ reads: 0, writes: 0, readUnits: 0, writeUnits: 0 });

    await store.writeFindingState(state(), undefined);
    expect(store.stats()).toEqual({ reads: 0, writes: 1, readUnits: 0, writeUnits: 1 });

    // About 5.5 KB: billed per started KB.
    const big = state({ id: 'f-2', finding: finding('f-2', { message: 'x'.repeat(5000) }) });
    const kb = Math.ceil(itemBytes({ ...big }) / 1024);
    await store.writeFindingState(big, undefined);
    expect(store.stats().writeUnits).toBeGreaterThanOrEqual(1 + kb);
    expect(store.stats().writeUnits).toBeLessThanOrEqual(2 + kb);

    // A failed conditional write is a write, and is billed.
    const units = store.stats().writeUnits;
    expect(await store.writeFindingState(state(), undefined)).toBe(false);
    expect(store.stats().writes).toBe(3);
    expect(store.stats().writeUnits).toBe(units + 1);

    await store.getFindingState(ESTATE, 'f-1');
    await store.loadFindingStates(ESTATE);
    expect(store.stats().reads).toBe(2);
    // Strongly consistent reads of small items: one unit each (the query reads 4 KB-rounded totals).
    expect(store.stats().readUnits).toBe(1 + 2);
  });
});
