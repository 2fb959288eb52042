import { flagMarkerName } from '../../lambdas/core/flags/flags-seen';
import type { LoadedEstate } from '../../lambdas/ports/estate-source';
import { runAudit, type CollectSnapshots } from '../../lambdas/use-cases/run-audit';
import { useDynalite } from '../helpers/dynalite';
import { estateFrom, estateYaml, snapshot } from '../helpers/estate';

const db = useDynalite();

const estate = estateFrom(estateYaml(['us', 'eu'], 'baseline:\n  undeclared: ignore\n'));
const loaded: LoadedEstate = { ref: { key: 'drift.yaml' }, estate, baseline: { file: 'drift.yaml', sha256: 'abc' } };
const KEY = 'feature.search.v2.enabled';
const DAY = 86_400_000;
const T0 = new Date('2026-09-02T02:00:00Z');
const day = (n: number) => new Date(T0.getTime() + n * DAY);

// Recorded files carry no modification time: only the store's memory can age these flags.
const collected =
  (us: string, eu: string): CollectSnapshots =>
  async () => ({ snapshots: [snapshot('us', { values: { [KEY]: us } }), snapshot('eu', { values: { [KEY]: eu } })], keyId: 'k1' });

type Store = Awaited<ReturnType<typeof db.freshTable>>['store'];
async function run(store: Store, n: number, us: string, eu = us): Promise<string[]> {
  const out = await runAudit({ loaded, collect: collected(us, eu), now: day(n), record: { store, runId: `run-${n}` } });
  return out.judged.findings.filter((f) => f.kind === 'stale-flag').map((f) => f.message);
}

describe('flag ages from the store: the first run that saw the value everywhere', () => {
  test('two stored runs 90 days apart, equal everywhere: exactly the finding, dated by the first', async () => {
    const { store } = await db.freshTable();
    expect(await run(store, 0, 'true')).toEqual([]);
    expect(await run(store, 90, 'true')).toEqual([
      'feature.search.v2.enabled has been true everywhere since 2026-09-02: remove the flag and the code that reads it',
    ]);
  });

  test('equal for only 10 days: none', async () => {
    const { store } = await db.freshTable();
    await run(store, 0, 'true');
    expect(await run(store, 10, 'true')).toEqual([]);
  });

  test('a flag that differed in one environment in between is aged from when it became equal again', async () => {
    const { store } = await db.freshTable();
    await run(store, 0, 'true');
    expect(await run(store, 50, 'true', 'false')).toEqual([]);
    expect(await run(store, 60, 'true')).toEqual([]);
    expect(await run(store, 100, 'true')).toEqual([
      `feature.search.v2.enabled has been true everywhere since ${day(60).toISOString().slice(0, 10)}: remove the flag and the code that reads it`,
    ]);
  });

  test('the memory is written when the state changes only, and a run that missed an environment leaves it alone', async () => {
    const { store } = await db.freshTable();
    await run(store, 0, 'true');
    const marker = () => store.getMarker(estate.name, flagMarkerName(KEY));
    expect(await marker()).toBe(`${day(0).toISOString()}|true`);
    await run(store, 5, 'true');
    expect(await marker()).toBe(`${day(0).toISOString()}|true`);
    const usOnly: CollectSnapshots = async () => ({ snapshots: [snapshot('us', { values: { [KEY]: 'false' } })], keyId: 'k1' });
    await runAudit({ loaded, collect: usOnly, now: day(6), record: { store, runId: 'run-partial' } });
    expect(await marker()).toBe(`${day(0).toISOString()}|true`);
    await run(store, 7, 'true', 'false');
    expect(await marker()).toBe(`${day(7).toISOString()}|differs`);
  });
});

describe('flag ages are read in one query, however many candidate flags there are', () => {
  test('a thousand `*.enabled` candidates cost one Query and no GetItem per key; the stored flags are found by name', async () => {
    const { store } = await db.freshTable();
    const many = Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`svc${i}#x.enabled`, 'true']));
    const collect: CollectSnapshots = async () => ({
      snapshots: [snapshot('us', { values: { ...many, [KEY]: 'true' } }), snapshot('eu', { values: { ...many, [KEY]: 'true' } })],
      keyId: 'k1',
    });
    await runAudit({ loaded, collect, now: day(0), record: { store, runId: 'run-a' } });
    const before = store.stats();
    const out = await runAudit({ loaded, collect, now: day(90), record: { store, runId: 'run-b' } });
    const after = store.stats();
    expect(out.judged.findings.filter((f) => f.kind === 'stale-flag').map((f) => f.key)).toEqual([KEY]);
    // The whole run reads far fewer items than there are candidates.
    expect(after.reads - before.reads).toBeLessThan(100);
  });
});
