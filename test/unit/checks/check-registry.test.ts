import { CHECK_OF, CHECKS } from '../../../lambdas/core/checks/registry';

describe('the check registry: one check per finding kind a check finds', () => {
  test('each check is filed under the kind it finds', () => {
    for (const [kind, check] of Object.entries(CHECK_OF)) expect(check.id).toBe(kind);
  });

  test('the audit runs them all, in the registry order', () => {
    expect(CHECKS).toEqual(Object.values(CHECK_OF));
    expect(new Set(CHECKS).size).toBe(CHECKS.length);
  });
});
