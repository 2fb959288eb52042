import { audit } from '../../../lambdas/core/engine/audit';
import type { Value } from '../../../lambdas/core/values/value';
import { estateFrom, estateYaml, NOW, snapshot } from '../../helpers/estate';

// An ECS secret naming a parameter no source of the environment snapshots: drift holds the reference, not the value.
const REF: Value = { kind: 'ref', target: '/shared/payment/timeout' };

function findingsOf(spec: string, value: Value = REF) {
  const estate = estateFrom(estateYaml(['prod'], `baseline:\n  undeclared: ignore\n  keys:\n    payment.timeout: ${spec}\n`));
  return audit(estate, [snapshot('prod', { type: 'ecs', values: { 'payment.timeout': value } })], NOW).findings;
}

describe('an expected value against a reference that resolves to nothing snapshotted', () => {
  it('is not judged: the value the reference leads to cannot be read, so it neither matches nor differs', () => {
    expect(findingsOf('{ type: duration, value: 30s }').filter((f) => f.kind === 'mismatch')).toEqual([]);
    expect(findingsOf('{ value: "30" }').filter((f) => f.kind === 'mismatch')).toEqual([]);
  });

  it('is judged where the baseline expects the reference itself, as drift shows it', () => {
    expect(findingsOf('{ value: "<ref:/shared/payment/timeout>" }').filter((f) => f.kind === 'mismatch')).toEqual([]);
    const other = findingsOf('{ value: "<ref:/shared/payment/timeout_v2>" }').filter((f) => f.kind === 'mismatch');
    expect(other.map((f) => [f.key, f.actual, f.expected])).toEqual([
      ['payment.timeout', '<ref:/shared/payment/timeout>', '<ref:/shared/payment/timeout_v2>'],
    ]);
  });

  it('compares a long reference by its whole target, not by the cut text drift shows', () => {
    const target = `/shared/payment/${'deep/'.repeat(60)}timeout`;
    const long: Value = { kind: 'ref', target };
    expect(findingsOf(`{ value: "<ref:${target}>" }`, long).filter((f) => f.kind === 'mismatch')).toEqual([]);
    const other = findingsOf(`{ value: "<ref:${target}_v2>" }`, long).filter((f) => f.kind === 'mismatch');
    expect(other.map((f) => f.key)).toEqual(['payment.timeout']);
  });

  it('still differs from an expected value when it is a value, not a reference', () => {
    expect(findingsOf('{ type: duration, value: 30s }', { kind: 'text', text: '60s' }).map((f) => f.kind)).toEqual(['mismatch']);
  });
});
