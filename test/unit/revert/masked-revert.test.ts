import { effectiveConfig } from '../../../lambdas/core/engine/effective-config';
import type { SourceSnapshot } from '../../../lambdas/core/model';
import { planRevert, type KeyRevert } from '../../../lambdas/core/revert/plan-revert';
import { makeValue } from '../../../lambdas/core/values/value';
import { testFingerprinter } from '../../helpers/context';
import { estateFrom } from '../../helpers/estate';

const PASSWORD = 'CANARYpw9xQ2';
const estate = estateFrom(`version: 1
name: shop
environments:
  prod:
    region: us-east-1
    sources:
      - ssm: { path: /prod/, from: prod-ssm.json }
baseline:
  keys:
    db.url: { type: url, value: "postgres://app@db.internal:5432/orders" }
`);
const environment = estate.environments[0]!;

/** The revert of db.url where Parameter Store holds `running` (its password masked as drift reads it). */
function revertOf(running: string): KeyRevert {
  const source = { index: 0, type: 'ssm' as const, label: 'ssm /prod/' };
  const snapshot: SourceSnapshot = {
    source,
    observations: [
      {
        key: 'db.url',
        rawKey: '/prod/db/url',
        value: makeValue(running, false, testFingerprinter(), 'db.url'),
        origin: { source, location: '/prod/db/url' },
      },
    ],
    dangling: [],
    errors: [],
  };
  return planRevert(estate.baseline, environment, effectiveConfig({ environment: 'prod', sources: [snapshot] }), 'db.url');
}

describe('reverting a URL whose password drift hides', () => {
  test('plans nothing when the URL is the expected one but for the password the baseline cannot hold', () => {
    const r = revertOf(`postgres://app:${PASSWORD}@db.internal:5432/orders`);
    expect(r).toMatchObject({ outcome: 'nothing' });
    expect(JSON.stringify(r)).not.toContain(PASSWORD);
  });

  test('writes no command that would replace it with a URL without its password: the host is changed by hand, keeping the password', () => {
    const r = revertOf(`postgres://app:${PASSWORD}@db-eu.internal:5432/orders`);
    expect(r.outcome).toBe('by-hand');
    expect(r.outcome !== 'plan' && r.reason).toMatch(/password/);
    expect(r.outcome !== 'plan' && r.reason).toContain('postgres://app@db.internal:5432/orders');
    expect(r.outcome !== 'plan' && r.reason).toContain('/prod/db/url');
    expect(JSON.stringify(r)).not.toContain(PASSWORD);
  });
});
