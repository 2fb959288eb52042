import type { AuditedEstate } from '../../lambdas/ports/audited-estates';
import { EstateLoadError, type EstateRef, type EstateSource } from '../../lambdas/ports/estate-source';
import { planRun, type PlanRunDeps } from '../../lambdas/use-cases/plan-run';
import { estateFrom } from '../helpers/estate';

const estate = (name: string) =>
  estateFrom(`version: 1\nname: ${name}\nenvironments:\n  production:\n    sources:\n      - ssm: { path: /production/${name}/ }\n`);

/** A bucket whose files declare the estates named (by key); a key mapped to undefined is broken. */
function bucket(files: Record<string, string | undefined>): EstateSource {
  return {
    listKeys: async () => Object.keys(files).sort(),
    load: async (ref: EstateRef) => {
      const name = files[ref.key];
      if (name === undefined) throw new EstateLoadError([{ file: ref.key, line: 1, column: 1, message: 'broken' }]);
      return { ref: { ...ref, versionId: 'v9' }, estate: estate(name), baseline: { file: ref.key, sha256: 'abc' } };
    },
  };
}

const audited = (name: string): AuditedEstate => ({
  name,
  ref: { key: `estates/${name}/drift.yaml`, versionId: 'v1' },
  runId: 'run-0',
  at: '2026-11-24T02:00:00.000Z',
});

const deps = (files: Record<string, string | undefined>, known: AuditedEstate[]): PlanRunDeps => ({
  estates: bucket(files),
  audited: { listAudited: async () => known },
  defaultRegion: 'us-east-1',
  now: () => new Date('2026-11-25T02:00:00Z'),
});

const removed = (plan: Awaited<ReturnType<typeof planRun>>) => plan.estates.filter((e) => e.removed).map((e) => e.removed!.estate);

describe('an estate the installation audited that the bucket no longer declares', () => {
  test('is planned as removed, pinned to the files last audited, with no target of its own', async () => {
    const plan = await planRun({ runId: 'run-1' }, deps({ 'estates/shop/drift.yaml': 'shop' }, [audited('shop'), audited('cart')]));
    expect(plan.estates).toEqual([
      { key: 'estates/shop/drift.yaml', versionId: 'v9' },
      { key: 'estates/cart/drift.yaml', versionId: 'v1', removed: { estate: 'cart', run: 'run-0' } },
    ]);
    expect(plan.targets).toEqual([{ account: 'default', region: 'us-east-1' }]);
  });

  test('renamed in place (its file now declares another name): the old name is removed', async () => {
    const plan = await planRun({ runId: 'run-1' }, deps({ 'estates/shop/drift.yaml': 'shop-api' }, [audited('shop')]));
    expect(removed(plan)).toEqual(['shop']);
  });

  test('nothing is taken for removed while any file does not load, or the bucket lists none, or in a targeted run', async () => {
    const known = [audited('shop'), audited('cart')];
    const broken = await planRun(
      { runId: 'run-1' },
      deps({ 'estates/shop/drift.yaml': 'shop', 'estates/cart2/drift.yaml': undefined }, known),
    );
    expect(removed(broken)).toEqual([]);
    await expect(planRun({ runId: 'run-1' }, deps({}, known))).resolves.toMatchObject({ estates: [] });
    const targeted = await planRun(
      { runId: 'run-1', execution: { targeted: { estates: { shop: ['production'] } } } as never },
      deps({ 'estates/shop/drift.yaml': 'shop' }, known),
    );
    expect(removed(targeted)).toEqual([]);
  });
});
