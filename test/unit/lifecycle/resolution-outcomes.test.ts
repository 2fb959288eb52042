import { FINDING_KINDS, type FindingKind } from '../../../lambdas/core/kinds';
import { ESTATE_REMOVED } from '../../../lambdas/core/lifecycle/estate-removed';
import { RESOLUTIONS, reportedAs, resolutionOutcome } from '../../../lambdas/core/lifecycle/resolutions';

describe('what a resolution reason means, from its registry entry', () => {
  test('each registered reason reads as its entry says', () => {
    for (const [reason, entry] of Object.entries(RESOLUTIONS)) expect([reason, resolutionOutcome(reason)]).toEqual([reason, entry.outcome]);
  });

  test('a finding carried on under any other kind, or its estate removed, is set aside, not fixed', () => {
    for (const kind of Object.keys(FINDING_KINDS) as FindingKind[]) expect(resolutionOutcome(reportedAs(kind))).toBe('set-aside');
    expect(resolutionOutcome(ESTATE_REMOVED)).toBe('set-aside');
  });

  test('no reason, or words no entry has (an older version’s), read as fixed; no guess from the words', () => {
    expect(resolutionOutcome(undefined)).toBe('fixed');
    expect(resolutionOutcome('value fixed after the exception ended')).toBe('fixed');
    expect(resolutionOutcome('now reported as something')).toBe('fixed');
  });
});
