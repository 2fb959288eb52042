import { audit } from '../../../lambdas/core/engine/audit';
import { findingId } from '../../../lambdas/core/engine/finding-factory';
import { scopeKindOf, scopeLabel } from '../../../lambdas/core/finding-scope';
import type { Finding } from '../../../lambdas/core/model';
import { estateFrom, estateYaml, NOW, snapshot, type SourceGiven, paymentRuleBaseline } from '../../helpers/estate';

const BASELINE = paymentRuleBaseline('payment-worst-case-wait', ', severity: critical');
const ENVS = ['dev', 'staging', 'prod'];

function run(given: Record<string, SourceGiven[]>, baseline = BASELINE) {
  const estate = estateFrom(estateYaml(ENVS, baseline));
  return audit(
    estate,
    Object.entries(given).map(([env, sources]) => snapshot(env, ...sources)),
    NOW,
  );
}
const estateWide = (findings: Finding[]) =>
  findings.filter((f) => f.kind === 'rule' && f.environment === undefined && f.group === undefined);

describe('a rule judged in no environment is a finding, never only a count', () => {
  test('skipped everywhere: one estate-wide finding naming the rule and the absent key', () => {
    const retries = [{ values: { 'payment.max.retries': '3' } }];
    const r = run({ dev: retries, staging: retries, prod: retries });
    expect(estateWide(r.findings)).toEqual([
      expect.objectContaining({
        kind: 'rule',
        // Not the rule's critical: nothing is known to be violated (see the test below).
        severity: 'low',
        rule: 'payment-worst-case-wait',
        expected: 'payment.timeout * payment.max.retries <= 120s',
        message: 'rule payment-worst-case-wait could not be judged in any environment: payment.timeout is set nowhere',
      }),
    ]);
    const [f] = estateWide(r.findings);
    expect(f).not.toHaveProperty('environment');
    expect(f).not.toHaveProperty('group');
    expect([scopeKindOf(f!), scopeLabel(f!)]).toEqual(['estate', 'all environments']);
    // The summary still counts the per-environment skips.
    expect(r.summary.rulesSkipped).toBe(3);
    expect(r.summary.byKind.rule).toBe(1);
  });

  test('a rule nobody could judge is low, whatever its own severity, never above it: it fails no gate as if it were violated', () => {
    const nowhere = { dev: [{}], staging: [{}], prod: [{}] };
    for (const [declared, shown] of [
      ['critical', 'low'],
      ['high', 'low'],
      ['medium', 'low'],
      ['low', 'low'],
      ['info', 'info'],
    ])
      expect([
        declared,
        estateWide(run(nowhere, BASELINE.replace('severity: critical', `severity: ${declared}`)).findings)[0]?.severity,
      ]).toEqual([declared, shown]);
  });

  test('keys absent in different places are named where they are missing', () => {
    const baseline = BASELINE.replace(', severity: critical', '');
    const r = run(
      { dev: [{ values: { 'payment.max.retries': '3' } }], staging: [{ values: { 'payment.timeout': '5s' } }], prod: [{}] },
      baseline,
    );
    expect(estateWide(r.findings).map((f) => [f.severity, f.message])).toEqual([
      [
        'low',
        'rule payment-worst-case-wait could not be judged in any environment: payment.timeout is missing in dev, prod; payment.max.retries is missing in staging, prod',
      ],
    ]);
  });

  test('judged in one environment: no estate-wide finding', () => {
    const r = run({ dev: [{}], staging: [{}], prod: [{ values: { 'payment.timeout': '5s', 'payment.max.retries': '3' } }] });
    expect(estateWide(r.findings)).toEqual([]);
    expect(r.summary.rulesSkipped).toBe(2);
  });

  test('only the environments the rule names count', () => {
    const baseline = BASELINE.replace('severity: critical }', 'severity: critical, environments: [prod] }');
    const judged = { values: { 'payment.timeout': '5s', 'payment.max.retries': '3' } };
    expect(estateWide(run({ dev: [judged], staging: [judged], prod: [{}] }, baseline).findings)).toHaveLength(1);
  });

  test('a partial run (--env) or a failed source claims nothing: the keys may be where it did not look', () => {
    expect(estateWide(run({ dev: [{}], staging: [{}] }).findings)).toEqual([]);
    expect(estateWide(run({ dev: [{}], staging: [{}], prod: [{}, { errors: ['AccessDenied'] }] }).findings)).toEqual([]);
  });

  test("its id is its own: scope `estate`, distinct from the rule's per-environment findings", () => {
    const everywhere = estateWide(run({ dev: [{}], staging: [{}], prod: [{}] }).findings)[0]!;
    const failing = run({
      dev: [{}],
      staging: [{}],
      prod: [{ values: { 'payment.timeout': '60s', 'payment.max.retries': '5' } }],
    }).findings.find((f) => f.kind === 'rule')!;
    expect(failing.environment).toBe('prod');
    expect(everywhere.id).not.toBe(failing.id);
    expect(everywhere.id).toMatch(/^[0-9a-f]{20}$/);
    // Neither environment nor group: not the id of a group with an empty name.
    expect(findingId('e', { kind: 'rule', subject: 's' })).not.toBe(findingId('e', { kind: 'rule', group: '', subject: 's' }));
  });

  test('an exception covering every environment excuses it; one environment does not', () => {
    const excusing = (environment: string) =>
      `${BASELINE}  exceptions:\n    - { environment: "${environment}", key: payment-worst-case-wait, reason: "keys arrive in v3", expires: 2026-12-31 }\n`;
    expect(estateWide(run({ dev: [{}], staging: [{}], prod: [{}] }, excusing('*')).findings)).toEqual([]);
    expect(estateWide(run({ dev: [{}], staging: [{}], prod: [{}] }, excusing('prod')).findings)).toHaveLength(1);
  });
});
