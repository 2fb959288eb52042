import { DynamoDbStore } from '../../../lambdas/adapters/dynamodb/dynamodb-store';
import { useDynalite } from '../../helpers/dynalite';
import { ESTATE, T2, T3, finding, state } from './fixtures';

const dynalite = useDynalite();

describe('finding states', () => {
  test('create once: a second create of the same id is a conflict', async () => {
    const { store } = await dynalite.freshTable();
    expect(await store.getFindingState(ESTATE, 'f-1')).toBeUndefined();
    expect(await store.writeFindingState(state(), undefined)).toBe(true);
    expect(await store.getFindingState(ESTATE, 'f-1')).toEqual(state());
    expect(await store.writeFindingState(state({ openedRun: 'run-other' }), undefined)).toBe(false);
    expect(await store.getFindingState(ESTATE, 'f-1')).toEqual(state());
  });

  test('conditional update on the version read; a stale version is a conflict', async () => {
    const { store } = await dynalite.freshTable();
    await store.writeFindingState(state(), undefined);
    const resolved = state({
      status: 'resolved',
      resolvedRun: 'run-2',
      resolvedAt: T2,
      reason: 'value fixed',
      lastChangedAt: T2,
      version: 2,
    });
    expect(await store.writeFindingState(resolved, 1)).toBe(true);
    // A second writer that also read version 1 loses and must re-read.
    expect(await store.writeFindingState(state({ severity: 'critical', lastChangedAt: T2, version: 2 }), 1)).toBe(false);
    expect(await store.getFindingState(ESTATE, 'f-1')).toEqual(resolved);
  });

  test('a run that started earlier never overwrites a state a later run wrote', async () => {
    const { store } = await dynalite.freshTable();
    await store.writeFindingState(state({ lastChangedAt: T3 }), undefined);
    expect(await store.writeFindingState(state({ lastChangedAt: T2, version: 2, contentHash: 'old' }), 1)).toBe(false);
    // The same instant written another way is not earlier.
    expect(await store.writeFindingState(state({ lastChangedAt: '2026-11-26T02:00:00Z', version: 2 }), 1)).toBe(true);
    expect(await store.writeFindingState(state({ lastChangedAt: '2026-11-27T00:00:00Z', version: 3 }), 2)).toBe(true);
  });

  test('a write that does not advance the version is a programming error', async () => {
    const { store } = await dynalite.freshTable();
    await store.writeFindingState(state(), undefined);
    await expect(store.writeFindingState(state({ version: 1 }), 1)).rejects.toThrow(/advance the version/);
  });

  test('loadFindingStates reads every page of a partition over 1 MB, and only this estate', async () => {
    const { store } = await dynalite.freshTable();
    const big = 'x'.repeat(30_000);
    for (let i = 0; i < 40; i++) {
      const id = `f-${String(i).padStart(2, '0')}`;
      await store.writeFindingState(state({ id, finding: finding(id, { message: big }) }), undefined);
    }
    await store.writeFindingState(state({ id: 'other', estate: 'other-estate' }), undefined);
    const before = store.stats().reads;
    const states = await store.loadFindingStates(ESTATE);
    expect(states.map((s) => s.id)).toEqual(Array.from({ length: 40 }, (_, i) => `f-${String(i).padStart(2, '0')}`));
    expect(store.stats().reads - before).toBeGreaterThanOrEqual(2);
  });

  test('an item over 350 KB that no cut of its text brings under is refused with a clear error, and nothing is written', async () => {
    const { store, scan } = await dynalite.freshTable();
    const values = Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`environment-${i}`, 'y'.repeat(300)]));
    const huge = state({ finding: finding('f-1', { values }) });
    await expect(store.writeFindingState(huge, undefined)).rejects.toThrow(
      /refusing to write a \d+ KB item to E#checkout-api#F \/ f-1: items are kept under 350 KB/,
    );
    expect(await scan()).toEqual([]);
  });

  test('errors other than a failed condition are thrown', async () => {
    const store = new DynamoDbStore({ client: dynalite.client, table: 'no-such-table' });
    await expect(store.writeFindingState(state(), undefined)).rejects.toThrow(/not found|ResourceNotFound/i);
  });
});
