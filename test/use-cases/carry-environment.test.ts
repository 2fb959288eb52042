import { sourceLabel } from '../../lambdas/core/estate/source-label';
import type { AuditStore } from '../../lambdas/ports/audit-store';
import { carryEnvironment } from '../../lambdas/use-cases/carry-environment';
import { sourceKey } from '../../lambdas/use-cases/source-key';
import { useDynalite } from '../helpers/dynalite';
import { estateFrom, NOW, source } from '../helpers/estate';

const db = useDynalite();
const estate = estateFrom(
  'version: 1\nname: shop\nenvironments:\n  eu:\n    sources:\n      - file: { from: a.yml }\n      - file: { from: b.yml }\n',
);
const eu = estate.environments[0]!;

/** Stores the last snapshot of the environment's `index`th source, made with fingerprint key `keyId`. */
async function stored(store: AuditStore, index: number, values: Record<string, string>, keyId = 'k1'): Promise<void> {
  const label = sourceLabel(eu.sources[index]!).label;
  const observations = source(index, { values }).observations;
  await store.saveSnapshot(
    'shop',
    {
      environment: 'eu',
      sourceKey: sourceKey(label),
      label,
      hash: `h${index}`,
      runId: 'run-1',
      observedAt: '2026-11-23T02:00:00Z',
      keyId,
      observations,
    },
    NOW,
  );
}

describe('carryEnvironment: an environment a targeted run did not read', () => {
  test('stands on the last stored snapshot of each of its sources, in source order, unfailed', async () => {
    const { store } = await db.freshTable();
    await stored(store, 0, { 'db.timeout': '10s' });
    await stored(store, 1, { pool: '20' });
    const c = await carryEnvironment(store, estate, eu, 'k1');
    expect(c.carried).toBe(true);
    expect(c.snapshot.environment).toBe('eu');
    expect(c.snapshot.sources.map((s) => [s.source.label, s.observations.map((o) => o.key), s.errors, s.observedAt])).toEqual([
      [sourceLabel(eu.sources[0]!).label, ['db.timeout'], [], '2026-11-23T02:00:00Z'],
      [sourceLabel(eu.sources[1]!).label, ['pool'], [], '2026-11-23T02:00:00Z'],
    ]);
  });

  test('with a source never stored (a first run, a source added since): every source fails and says why', async () => {
    const { store } = await db.freshTable();
    await stored(store, 0, { 'db.timeout': '10s' });
    const c = await carryEnvironment(store, estate, eu, 'k1');
    expect(c.carried).toBe(false);
    expect(c.snapshot.sources.map((s) => [s.observations.length, s.errors])).toEqual([
      [0, ['eu was not read by this targeted run, and not every source of it has a stored snapshot yet: the next full run reads it']],
      [0, ['eu was not read by this targeted run, and not every source of it has a stored snapshot yet: the next full run reads it']],
    ]);
  });

  test('stored with another fingerprint key than this run’s reads: not carried (its secrets would look changed)', async () => {
    const { store } = await db.freshTable();
    await stored(store, 0, { 'db.timeout': '10s' }, 'k0');
    await stored(store, 1, { pool: '20' });
    const c = await carryEnvironment(store, estate, eu, 'k1');
    expect(c.carried).toBe(false);
    expect(c.snapshot.sources[0]!.errors[0]).toMatch(/fingerprinted with another key: the next full run reads it$/);
    // Nothing read this run to compare with: the stored key stands.
    expect((await carryEnvironment(store, estate, eu, '')).carried).toBe(true);
  });
});
