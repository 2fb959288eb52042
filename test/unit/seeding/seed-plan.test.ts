import { planSeeding, type SeededFile } from '../../../lambdas/core/seeding/seed-plan';

const KEEP = { estateFile: 'drift.yaml', alwaysKept: ['code-scan.json'] };
const seed = (key: string, sha256: string, sourceTime: string): SeededFile => ({ key, sha256, sourceTime });

describe('planSeeding: what a deploy writes to estates/, leaves, and removes', () => {
  test.each([
    ['absent from the bucket', 'write', undefined],
    ['the same text, whatever its stamp', 'unchanged', { sha256: 'A', sourceTime: '2026-09-01T00:00:00.000Z' }],
    [
      'other text, stamped earlier (changed in git since the last publish)',
      'write',
      { sha256: 'B', sourceTime: '2026-01-01T00:00:00.000Z' },
    ],
    ['other text, stamped at the same second', 'write', { sha256: 'B', sourceTime: '2026-05-01T00:00:00.000Z' }],
    ['other text, without a stamp (written before stamps)', 'write', { sha256: 'B' }],
    ['other text, stamped later (a newer publish)', 'keptNewer', { sha256: 'B', sourceTime: '2026-05-01T00:00:01.000Z' }],
  ])('a seeded file whose object is %s: %s', (_, outcome, current) => {
    const plan = planSeeding(
      [seed('shop/drift.yaml', 'A', '2026-05-01T00:00:00.000Z')],
      current ? [{ key: 'shop/drift.yaml', ...current }] : [],
      KEEP,
    );
    const where = (['write', 'unchanged', 'keptNewer'] as const).find((k) =>
      plan[k].some((x) => (typeof x === 'string' ? x : x.key) === 'shop/drift.yaml'),
    );
    expect(where).toBe(outcome);
    expect(plan.remove).toEqual([]);
  });

  test('a newer published object is reported with both times', () => {
    const plan = planSeeding(
      [seed('shop/baseline.yaml', 'A', '2026-05-01T00:00:00.000Z')],
      [{ key: 'shop/baseline.yaml', sha256: 'B', sourceTime: '2026-06-01T00:00:00.000Z' }],
      KEEP,
    );
    expect(plan.keptNewer).toEqual([
      { key: 'shop/baseline.yaml', published: '2026-06-01T00:00:00.000Z', deployed: '2026-05-01T00:00:00.000Z' },
    ]);
  });

  test('an estate the deploy no longer has is removed, all of it but its code scan', () => {
    const plan = planSeeding(
      [seed('shop/drift.yaml', 'A', '2026-05-01T00:00:00.000Z')],
      [
        { key: 'shop/drift.yaml', sha256: 'A' },
        { key: 'cart/drift.yaml' },
        { key: 'cart/conf/baseline.yaml' },
        { key: 'cart/code-scan.json' },
        { key: 'shop/code-scan.json' },
      ],
      KEEP,
    );
    expect(plan.remove).toEqual(['cart/conf/baseline.yaml', 'cart/drift.yaml']);
  });

  test('a file of a deployed estate that the deploy does not seed is removed (a baseline renamed in git)', () => {
    const plan = planSeeding(
      [seed('shop/drift.yaml', 'A', '2026-05-01T00:00:00.000Z'), seed('shop/baseline-v2.yaml', 'C', '2026-05-01T00:00:00.000Z')],
      [{ key: 'shop/drift.yaml', sha256: 'X', sourceTime: '2026-04-01T00:00:00.000Z' }, { key: 'shop/baseline.yaml' }],
      KEEP,
    );
    expect(plan.write).toEqual(['shop/baseline-v2.yaml', 'shop/drift.yaml']);
    expect(plan.remove).toEqual(['shop/baseline.yaml']);
  });

  test('an estate whose published drift.yaml is newer keeps every file of its folder: that drift.yaml may name them', () => {
    const plan = planSeeding(
      [seed('shop/drift.yaml', 'A', '2026-05-01T00:00:00.000Z'), seed('shop/baseline.yaml', 'B', '2026-05-01T00:00:00.000Z')],
      [
        { key: 'shop/drift.yaml', sha256: 'X', sourceTime: '2026-07-01T00:00:00.000Z' },
        { key: 'shop/baseline.yaml', sha256: 'B' },
        { key: 'shop/baseline-v2.yaml' },
      ],
      KEEP,
    );
    expect(plan.keptNewer.map((k) => k.key)).toEqual(['shop/drift.yaml']);
    expect(plan.remove).toEqual([]);
  });
});
