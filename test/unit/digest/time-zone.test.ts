import { acceptedByDateTimeFormat, isTimeZone } from '../../../lambdas/core/digest/time-zone';

// The fast path (a set of the canonical names) must agree with what Intl.DateTimeFormat accepts.
describe('time zone names', () => {
  const names = [
    ...Intl.supportedValuesOf('timeZone'),
    'UTC',
    'Etc/UTC',
    'utc',
    'US/Eastern',
    'Asia/Kolkata',
    'europe/berlin',
    'Europe/Berln',
    'Mars/Olympus',
    '',
    '+01:00',
    'GMT',
    'Etc/GMT+5',
  ];

  it.each([['Europe/Berlin'], ['UTC'], ['America/New_York'], ['US/Eastern']])('accepts %s', (tz) => {
    expect(isTimeZone(tz)).toBe(true);
  });

  it.each([['Europe/Berln'], ['Mars/Olympus'], ['']])('refuses %p', (tz) => {
    expect(isTimeZone(tz)).toBe(false);
  });

  it('agrees with Intl.DateTimeFormat on every listed name, alias and misspelling', () => {
    for (const tz of names) expect({ tz, accepted: isTimeZone(tz) }).toEqual({ tz, accepted: acceptedByDateTimeFormat(tz) });
  });
});
