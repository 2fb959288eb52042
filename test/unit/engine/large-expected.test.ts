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

describe("an exception's value too large to keep whole", () => {
  const OTHER = HUGE.replace('"on":true', '"on":false');
  const estateExcusing = (excused: string) =>
    estateFrom(
      estateYaml(
        ['prod'],
        `baseline:\n  undeclared: ignore\n  keys:\n    flags: { value: '{}' }\n  exceptions:\n` +
          `    - { environment: prod, key: flags, value: ${JSON.stringify(excused)}, reason: INC-1 flag set, expires: 2026-12-31 }\n`,
      ),
    );

  it('excuses the same running value', () => {
    const r = audit(estateExcusing(HUGE), [snapshot('prod', { values: { flags: HUGE } })], NOW);
    expect(r.findings.filter((f) => f.kind === 'mismatch')).toEqual([]);
    expect(r.suppressed.map((f) => `${f.kind} ${f.key}`)).toEqual(['mismatch flags']);
  });

  it('does not excuse another large value', () => {
    const r = audit(estateExcusing(HUGE), [snapshot('prod', { values: { flags: OTHER } })], NOW);
    expect(r.findings.filter((f) => f.kind === 'mismatch').map((f) => f.key)).toEqual(['flags']);
    expect(r.suppressed).toEqual([]);
  });
});
