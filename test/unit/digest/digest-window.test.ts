import { cronProblem } from '../../../lambdas/core/digest/cron-syntax';
import { digestDue } from '../../../lambdas/core/digest/digest-window';

describe('the digest window', () => {
  test.each([
    ['before 08:00 Berlin on a day already sent', '2026-11-23T07:00:00Z', '2026-11-24T06:59:00Z', false],
    ['at 08:00 Berlin the next day', '2026-11-23T07:00:00Z', '2026-11-24T07:00:00Z', true],
    ['a run later the same morning sends nothing more', '2026-11-24T07:00:00Z', '2026-11-24T09:30:00Z', false],
    ['never sent before: due once the first tick has passed', undefined, '2026-11-24T07:30:00Z', true],
  ])('%s', (_name, last, now, due) => {
    expect(digestDue('0 8 * * *', 'Europe/Berlin', last, new Date(now))).toBe(due);
  });

  test('the time zone decides when 08:00 is, in winter and in summer', () => {
    expect(digestDue('0 8 * * *', 'Europe/Berlin', '2026-07-01T07:00:00Z', new Date('2026-07-02T06:00:00Z'))).toBe(true); // 08:00 CEST = 06:00Z
    expect(digestDue('0 8 * * *', 'America/New_York', '2026-11-23T13:00:00Z', new Date('2026-11-24T12:59:00Z'))).toBe(false);
  });

  test('a broken cron is refused with a reason', () => {
    expect(cronProblem('61 8 * * *')).toMatch(/minute 61 is outside 0-59/);
    expect(cronProblem('0 8 * * 1-5')).toBeUndefined();
  });
});
