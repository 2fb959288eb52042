import { changedValues, observationsHash } from '../../../lambdas/core/lifecycle/snapshot-diff';
import type { Observation } from '../../../lambdas/core/model';

const source = { index: 0, type: 'ssm' as const, label: 's' };
const observations = (n: number): Observation[] =>
  Array.from({ length: n }, (_, i) => ({
    key: `k.${i}`,
    rawKey: `K_${i}`,
    value: i % 3 ? { kind: 'text', text: `v${i}` } : { kind: 'secret', fingerprint: `f${i}`, keyId: 'kid' },
    origin: {
      source,
      location: `/p/k_${i}`,
      version: i,
      modifiedAt: i % 2 ? '2026-11-01T00:00:00.000Z' : undefined,
      modifiedBy: i % 5 ? undefined : 'alice',
    },
  }));

describe('observationsHash', () => {
  it('keeps the digests stored snapshots were made with, for small sources and big ones', () => {
    // A digest that moved would make every source of every installation look changed once.
    expect(observationsHash(observations(3))).toBe('f44a3b6f9245b765efc9716b9639c1ae');
    expect(observationsHash(observations(20_000))).toBe('f44fb598fab7e593e1e17f9873471b1e');
  });

  it('moves with any value, location or metadata, and with the order', () => {
    const base = observations(5);
    const digest = observationsHash(base);
    const edits: Array<(o: Observation[]) => void> = [
      (o) => (o[1] = { ...o[1]!, value: { kind: 'text', text: 'other' } }),
      (o) => (o[2] = { ...o[2]!, origin: { ...o[2]!.origin, location: '/p/elsewhere' } }),
      (o) => (o[3] = { ...o[3]!, origin: { ...o[3]!.origin, modifiedBy: 'bob' } }),
      (o) => o.reverse(),
    ];
    for (const edit of edits) {
      const copy = [...base];
      edit(copy);
      expect(observationsHash(copy)).not.toBe(digest);
    }
  });
});

describe('changedValues', () => {
  it('reports new, changed and removed keys, and not a secret seen through a rotated key', () => {
    const before = observations(4);
    const after = observations(4).slice(1);
    after[0] = { ...after[0]!, value: { kind: 'text', text: 'changed' } };
    after.push({ ...before[0]!, key: 'new.key', value: { kind: 'text', text: 'n' } });
    after[2] = { ...after[2]!, value: { kind: 'secret', fingerprint: 'other', keyId: 'rotated' } };
    expect(changedValues(before, after).map((c) => [c.key, c.before && 'was', c.after && 'now'])).toEqual([
      ['k.1', 'was', 'now'],
      ['new.key', null, 'now'],
      ['k.0', 'was', null],
    ]);
  });
});
