import { useDynalite } from '../../helpers/dynalite';

const db = useDynalite();

const shop = (runId: string, versionId: string) => ({
  name: 'shop',
  ref: { key: 'estates/shop/drift.yaml', versionId, baseline: { key: 'estates/shop/baseline.yaml', versionId: `b-${versionId}` } },
  runId,
  at: '2026-11-24T02:00:00.000Z',
});

describe('the estates an installation audited', () => {
  test('an estate audited again from the same files writes nothing: an unchanged night costs no write', async () => {
    const { store } = await db.freshTable();
    await store.markAudited(shop('run-1', 'v1'));
    const writes = store.stats().writes;
    await store.markAudited(shop('run-2', 'v1'));
    expect(store.stats().writes).toBe(writes);
    expect(await store.listAudited()).toEqual([shop('run-1', 'v1')]);
    await store.markAudited(shop('run-3', 'v2'));
    expect(await store.listAudited()).toEqual([shop('run-3', 'v2')]);
  });

  test('a settled removal is listed no more, unless a run audited the estate again in between or after', async () => {
    const { store } = await db.freshTable();
    await store.markAudited(shop('run-1', 'v1'));
    // A run audited it from newer files after the plan that took it for removed: that entry stands.
    await store.markAudited(shop('run-2', 'v2'));
    await store.settleRemoved('shop', 'run-1', '2026-11-25T02:00:00.000Z');
    expect((await store.listAudited()).map((a) => a.runId)).toEqual(['run-2']);

    await store.settleRemoved('shop', 'run-2', '2026-11-26T02:00:00.000Z');
    expect(await store.listAudited()).toEqual([]);
    // The estate back under its name: audited, and listed again.
    await store.markAudited(shop('run-4', 'v2'));
    expect((await store.listAudited()).map((a) => a.runId)).toEqual(['run-4']);
  });
});
