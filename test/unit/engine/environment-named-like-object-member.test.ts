import { audit } from '../../../lambdas/core/engine/audit';
import { planAdopt } from '../../../lambdas/core/adopt/plan-adopt';
import { effectiveConfig } from '../../../lambdas/core/engine/effective-config';
import { estateFrom, estateYaml, NOW, snapshot } from '../../helpers/estate';

// An environment is any name the estate gives it: `constructor` or `toString` as well. A key's
// `values` written for other environments must not answer for it with what every JavaScript object
// inherits (a function), which crashed the audit ("text.startsWith is not a function").
describe('an environment named like a member every object has', () => {
  const names = ['toString', 'constructor', 'hasOwnProperty', 'valueOf'];
  const estate = estateFrom(
    estateYaml(['prod', ...names], 'baseline:\n  keys:\n    pool.size: { type: int, value: 20, values: { prod: 10 } }\n'),
  );

  it.each(names)('%s is held to the key’s value, not to something inherited', (env) => {
    const findings = audit(estate, [snapshot(env, { values: { 'pool.size': '5' } })], NOW).findings;
    expect(findings.map((f) => [f.kind, f.environment, f.expected, f.actual])).toEqual([['mismatch', env, '20', '5']]);
  });

  it('its running value is adopted as the key’s, not as a value of its own', () => {
    const plan = planAdopt(estate, effectiveConfig(snapshot('toString', { values: { 'pool.size': '5' } })), ['pool.size']);
    expect(plan.ok && plan.adoptions.map((a) => a.environmentValue)).toEqual([false]);
  });
});
