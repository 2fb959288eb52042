import { EstateLoadError, type EstateRef, type EstateSource } from '../../lambdas/ports/estate-source';
import { planRun, type PlanRunDeps } from '../../lambdas/use-cases/plan-run';
import { estateFrom } from '../helpers/estate';

const shop = estateFrom(`version: 1
name: shop
environments:
  production:
    sources:
      - ssm: { path: /production/shop/ }
`);
const BROKEN = 'estates/broken/drift.yaml';
const brokenError = new EstateLoadError([{ file: BROKEN, line: 5, column: 9, message: 'unknown field "pth" (did you mean "path"?)' }]);

/** An estate bucket holding `keys`: shop loads, every other file is broken. */
function bucket(keys: string[]): EstateSource {
  return {
    listKeys: async () => keys,
    load: async (ref: EstateRef) => {
      if (ref.key !== 'estates/shop/drift.yaml') throw brokenError;
      return { ref, estate: shop, baseline: { file: ref.key, sha256: 'abc' } };
    },
  };
}

const deps = (keys: string[], counted: Array<[string, number]> = []): PlanRunDeps => ({
  estates: bucket(keys),
  defaultRegion: 'us-east-1',
  now: () => new Date('2026-11-25T02:00:00Z'),
  count: (name, value) => counted.push([name, value]),
});

describe("a scheduled run with one team's estate file broken", () => {
  test("plans every other estate, and lists the broken file with its positioned problems (the run fails after the others' audit and notification)", async () => {
    const counted: Array<[string, number]> = [];
    const plan = await planRun({ runId: 'run-1' }, deps(['estates/broken/drift.yaml', 'estates/shop/drift.yaml'], counted));
    expect(plan.estates.map((e) => e.key)).toEqual(['estates/shop/drift.yaml']);
    expect(plan.targets).toEqual([{ account: 'default', region: 'us-east-1' }]);
    expect(plan.unreadable).toEqual([{ key: BROKEN, problems: brokenError.message }]);
    expect(plan.unreadable[0]!.problems).toMatch(/^estates\/broken\/drift\.yaml:5:9: unknown field/);
    expect(counted).toContainEqual(['EstatesUnreadable', 1]);
  });

  test('a run with no estate file readable at all still fails, with the problems', async () => {
    await expect(planRun({ runId: 'run-1' }, deps([BROKEN]))).rejects.toThrow(/^estates\/broken\/drift\.yaml:5:9: /m);
  });

  test('the list stays small whatever the number of broken files (it travels in the run state)', async () => {
    const keys = [...Array.from({ length: 500 }, (_, i) => `estates/broken-${i}/drift.yaml`), 'estates/shop/drift.yaml'];
    const plan = await planRun({ runId: 'run-1' }, deps(keys));
    expect(plan.estates).toHaveLength(1);
    expect(plan.unreadable.length).toBeGreaterThan(0);
    expect(JSON.stringify(plan.unreadable).length).toBeLessThan(64 * 1024);
    expect(plan.unreadableCount).toBe(500);
  });

  test("a targeted run of a readable estate lists nothing: another team's file is the nightly run's to report", async () => {
    const plan = await planRun(
      { runId: 'run-1', execution: { targeted: { estates: { shop: ['production'] } } } as never },
      deps([BROKEN, 'estates/shop/drift.yaml']),
    );
    expect(plan.estates.map((e) => e.key)).toEqual(['estates/shop/drift.yaml']);
    expect(plan.unreadable).toEqual([]);
  });
});

describe('two estate files that declare the same name', () => {
  const billing = estateFrom(`version: 1
name: billing
environments:
  production:
    sources:
      - ssm: { path: /production/billing/ }
`);
  const source: EstateSource = {
    listKeys: async () => ['estates/billing/drift.yaml', 'estates/shop/drift.yaml', 'estates/shop-copy/drift.yaml'],
    load: async (ref: EstateRef) => ({
      ref,
      estate: ref.key.startsWith('estates/billing/') ? billing : shop,
      baseline: { file: ref.key, sha256: 'abc' },
    }),
  };
  const plan = (input: Parameters<typeof planRun>[0]) =>
    planRun(input, { estates: source, defaultRegion: 'us-east-1', now: () => new Date('2026-11-25T02:00:00Z') });

  test('a scheduled run audits the other estates and lists both files (which one is right is for their team to say)', async () => {
    const p = await plan({ runId: 'run-1' });
    expect(p.estates.map((e) => e.key)).toEqual(['estates/billing/drift.yaml']);
    expect(p.unreadable.map((u) => u.key)).toEqual(['estates/shop/drift.yaml', 'estates/shop-copy/drift.yaml']);
    for (const u of p.unreadable)
      expect(u.problems).toMatch(/^estates\/shop(-copy)?\/drift\.yaml:1:1: estate "shop" is also declared by estates\/shop/);
  });

  test('a targeted run naming the shared name fails, saying so', async () => {
    await expect(plan({ runId: 'run-1', execution: { targeted: { estates: { shop: ['production'] } } } as never })).rejects.toThrow(
      /estate "shop" is also declared by/,
    );
  });

  test('a targeted run naming another estate is not stopped by them', async () => {
    const p = await plan({ runId: 'run-1', execution: { targeted: { estates: { billing: ['production'] } } } as never });
    expect(p.estates.map((e) => e.key)).toEqual(['estates/billing/drift.yaml']);
  });
});
