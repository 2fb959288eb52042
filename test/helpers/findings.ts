import type { Finding } from '../../lambdas/core/model';

/** The checkout estate's db.timeout mismatch in production-us (60s, baseline 10s), with `over` applied. */
export const mismatchFinding = (over: Partial<Finding> = {}): Finding => ({
  id: 'f-mismatch',
  kind: 'mismatch',
  severity: 'high',
  estate: 'checkout-api',
  environment: 'production-us',
  key: 'db.timeout',
  expected: '10s',
  actual: '60s',
  source: { type: 'ssm', location: '/production/api/db_timeout', version: 7 },
  owner: 'team-db',
  message: 'db.timeout is 60s in production-us; the baseline expects 10s',
  ...over,
});
