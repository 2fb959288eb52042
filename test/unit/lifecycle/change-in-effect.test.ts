import { findingFactory } from '../../../lambdas/core/engine/finding-factory';
import { changeFindings } from '../../../lambdas/core/lifecycle/change-findings';
import type { ValueChange } from '../../../lambdas/core/lifecycle/snapshot-diff';
import type { Observation } from '../../../lambdas/core/model';

const make = findingFactory('shop');
const DOTENV = { index: 0, type: 'dotenv' as const, label: 'dotenv env/prod.env' };
const SSM = { index: 1, type: 'ssm' as const, label: 'ssm /prod/' };
const change = (after: ValueChange['after']): ValueChange => ({
  key: 'worker.count',
  before: { kind: 'text', text: '8' },
  after,
  origin: { source: DOTENV, location: 'env/prod.env:3' },
});
const observed = (source: typeof DOTENV | typeof SSM, text: string): Observation => ({
  key: 'worker.count',
  rawKey: 'WORKER_COUNT',
  value: { kind: 'text', text },
  origin: { source, location: 'x' },
});

describe('a change in a source another one overrides says it is not in effect', () => {
  test('the environment still runs the overriding value', () => {
    const [f] = changeFindings('prod', [change({ kind: 'text', text: '9' })], make, undefined, () => observed(SSM, '8'));
    expect(f?.message).toBe('worker.count changed in prod: 8 → 9 (not in effect, overridden by ssm /prod/: 8)');
    expect(f?.notInEffect).toEqual({ by: 'ssm /prod/', value: '8' });
  });

  test('a key removed from it is still set by the other', () => {
    const [f] = changeFindings('prod', [change(null)], make, undefined, () => observed(SSM, '8'));
    expect(f?.message).toBe('worker.count was removed from prod (was 8; still set by ssm /prod/: 8)');
  });

  test('a change in the source that decides the key reads as before', () => {
    const [f] = changeFindings('prod', [change({ kind: 'text', text: '9' })], make, undefined, () => observed(DOTENV, '9'));
    expect(f?.message).toBe('worker.count changed in prod: 8 → 9');
    expect(f).not.toHaveProperty('notInEffect');
  });

  test('a secret that overrides is shown by its fingerprint, never its text', () => {
    const secret: Observation = { ...observed(SSM, ''), value: { kind: 'secret', fingerprint: 'ab'.repeat(32), keyId: 'k1' } };
    const [f] = changeFindings('prod', [change({ kind: 'text', text: '9' })], make, undefined, () => secret);
    expect(f?.message).toMatch(/overridden by ssm \/prod\/: <secret:abababab>\)$/);
    expect(JSON.stringify(f)).not.toContain('ab'.repeat(32));
  });
});
