import { daysBetween, expiresIn } from '../../../lambdas/core/engine/dates';

describe('expiresIn: how long an exception still holds, for people', () => {
  it.each([
    ['2026-11-24', '2026-11-27', 'in 3 days'],
    ['2026-11-24', '2026-11-25', 'in 1 day'],
    // Expiry is inclusive: on its date the exception still holds, for the last day.
    ['2026-11-24', '2026-11-24', 'its last day'],
    // A result read after the date (a digest sent past midnight UTC): never `in -1 days`.
    ['2026-11-25', '2026-11-24', 'already over'],
  ])('from %s to %s: %s', (today, expires, said) => {
    expect(expiresIn(daysBetween(today, expires))).toBe(said);
  });
});
