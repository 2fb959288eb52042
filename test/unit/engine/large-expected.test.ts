import { audit } from '../../../lambdas/core/engine/audit';
import { effectiveConfig } from '../../../lambdas/core/engine/effective-config';
import { planRevert } from '../../../lambdas/core/revert/plan-revert';
import { LARGE_VALUE_CHARS } from '../../../lambdas/core/values/value';
import { estateFrom, estateYaml, NOW, snapshot } from '../../helpers/estate';

// A value over the size drift keeps whole: it holds its digest, and compares by it.
const HUGE = JSON.stringify({ rules: Array.from({ length: 400 }, (_, i) => ({ id: i, on: i % 2 === 0 })) });
const estateExpecting = (expected: string) =>
  estateFrom(estateYaml(['prod'], `baseline:\n  undeclared: ignore\n  keys:\n    flags: { value: ${JSON.stringify(expected)} }\n`));

describe('an expected value too large to keep whole', () => {
  beforeAll(() => expect(HUGE.length).toBeGreaterThan(LARGE_VALUE_CHARS));

  it('is met by the same running value: no mismatch', () => {
    const r = audit(estateExpecting(HUGE), [snapshot('prod', { values: { flags: HUGE } })], NOW);
    expect(r.findings.filter((f) => f.kind === 'mismatch')).toEqual([]);
  });

  it('is not met by another large value', () => {
    const other = HUGE.replace('"on":true', '"on":false');
    const r = audit(estateExpecting(HUGE), [snapshot('prod', { values: { flags: other } })], NOW);
    expect(r.findings.filter((f) => f.kind === 'mismatch').map((f) => f.key)).toEqual(['flags']);
  });

  it('has nothing to revert when the running value is the expected one', () => {
    const estate = estateExpecting(HUGE);
    const config = effectiveConfig(snapshot('prod', { values: { flags: HUGE } }));
    expect(planRevert(estate.baseline, estate.environments[0]!, config, 'flags')).toMatchObject({ outcome: 'nothing' });
  });
});
