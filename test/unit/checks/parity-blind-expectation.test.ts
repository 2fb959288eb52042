import { audit } from '../../../lambdas/core/engine/audit';
import { makeValue, type Value } from '../../../lambdas/core/values/value';
import { testFingerprinter } from '../../helpers/context';
import { estateFrom, estateYaml, NOW, snapshot, type SourceGiven } from '../../helpers/estate';

const ENVS = ['staging', 'production', 'dr'];
const fp = testFingerprinter();
// A value secret by its source (an SSM parameter an ECS task takes through `secrets`): a fingerprint only.
const secret = (text: string): Value => makeValue(text, true, fp);

/** The payment.timeout findings of a group of three, each member's one source as given, the baseline expecting 30s. */
function timeoutFindings(given: Record<string, SourceGiven>) {
  const estate = estateFrom(
    estateYaml(
      ENVS,
      `parity:\n  - { name: all, environments: [staging, production, dr] }\nbaseline:\n  keys:\n    payment.timeout: { type: duration, value: 30s }\n`,
    ),
  );
  return audit(
    estate,
    ENVS.map((e) => snapshot(e, given[e] ?? {})),
    NOW,
  ).findings.filter((f) => f.key === 'payment.timeout');
}

describe('an expected value that cannot judge a secret', () => {
  test('the members it cannot judge are compared with each other, by fingerprint', () => {
    const found = timeoutFindings({
      staging: { values: { 'payment.timeout': secret('30') } },
      production: { values: { 'payment.timeout': secret('60') } },
      dr: { values: { 'payment.timeout': '30s' } },
    });
    expect(found.map((f) => [f.kind, Object.keys(f.values ?? {})])).toEqual([['parity', ['staging', 'production']]]);
    expect(found[0]?.message).toMatch(/; the baseline's 30s cannot judge a secret in staging, production$/);
  });

  test('a member the expected value judges is left to it: an equal plain value beside one blind secret is no finding', () => {
    // staging's plain 30s is what the baseline expects; production's secret 30 cannot be judged by it,
    // and a plain text's fingerprint is no duration: comparing the two would call equal durations different.
    const found = timeoutFindings({
      staging: { values: { 'payment.timeout': '30s' } },
      production: { values: { 'payment.timeout': secret('30') } },
      dr: { values: { 'payment.timeout': '30s' } },
    });
    expect(found).toEqual([]);
  });
});
