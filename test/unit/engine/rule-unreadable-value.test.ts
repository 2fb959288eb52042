import { audit } from '../../../lambdas/core/engine/audit';
import { estateFrom, estateYaml, NOW, snapshot, paymentRuleBaseline } from '../../helpers/estate';

const BASELINE = paymentRuleBaseline('wait');

function ruleMessages(timeout: string | { kind: 'opaque'; reason: string }) {
  const estate = estateFrom(estateYaml(['prod'], BASELINE));
  const r = audit(estate, [snapshot('prod', { values: { 'payment.timeout': timeout, 'payment.max.retries': '3' } })], NOW);
  return { messages: r.findings.filter((f) => f.kind === 'rule').map((f) => f.message), skipped: r.summary.rulesSkipped };
}

describe('a rule over a key that is set but cannot be read is not skipped as if the key were absent', () => {
  test('a value too long to keep (compared by digest) cannot be evaluated, and says why', () => {
    expect(ruleMessages('x'.repeat(5000))).toEqual({
      messages: ['rule wait fails in prod: cannot be evaluated: payment.timeout is 5000 characters long, too long for a rule to read'],
      skipped: 0,
    });
  });

  test('a value present but not recorded says so', () => {
    expect(ruleMessages({ kind: 'opaque', reason: 'value not recorded' })).toEqual({
      messages: ['rule wait fails in prod: cannot be evaluated: payment.timeout cannot be read (value not recorded)'],
      skipped: 0,
    });
  });

  test('a readable value is judged as before', () => {
    expect(ruleMessages('30s')).toEqual({ messages: [], skipped: 0 });
  });
});
