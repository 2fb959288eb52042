import { buildDigest } from '../../../lambdas/core/digest/build-digest';
import type { Digest, Inline } from '../../../lambdas/core/digest/digest-model';
import type { Finding } from '../../../lambdas/core/model';

// An exception's `expires` is a UTC day, inclusive; the digest's header is the day in its own time zone.
const excused = (expires: string, over: Partial<Finding> = {}): Finding => ({
  id: `f-${expires}`,
  kind: 'mismatch',
  severity: 'high',
  estate: 'shop',
  environment: 'production',
  key: 'log.level',
  actual: 'DEBUG',
  message: 'excused',
  exception: { environment: 'production', key: 'log.level', reason: 'INC-1', expires },
  ...over,
});

const digestAt = (windowEnd: string, timezone: string, suppressed: Finding[]): Digest =>
  buildDigest({ estate: 'shop', windowEnd, timezone, events: [], open: [], suppressed, minSeverity: 'low', allClear: true })!;

const plain = (parts: readonly Inline[]): string =>
  parts
    .map((p) => {
      if (typeof p === 'string') return p;
      if ('user' in p) return p.user;
      if ('code' in p) return p.code;
      if ('strong' in p) return plain(p.strong);
      if ('em' in p) return plain(p.em);
      return '';
    })
    .join('');

const expiring = (d: Digest): string[] => d.sections.at(-1)!.lines.map((l) => plain(l.text).replace(/^.* · expires /, ''));

describe('exceptions expiring soon, in the digest time zone', () => {
  test.each([
    // 08:00 on the 29th in Kiritimati (UTC+14) is still the 28th in UTC: the exception holds until 14:00 local.
    [
      'Pacific/Kiritimati',
      '2026-11-28T18:00:00Z',
      '2026-11-29',
      '2026-11-28',
      '2026-11-28 UTC, ends 2026-11-29 14:00 Pacific/Kiritimati (its last day)',
    ],
    // 20:00 on the 24th in Los Angeles is the 25th in UTC.
    [
      'America/Los_Angeles',
      '2026-11-25T04:00:00Z',
      '2026-11-24',
      '2026-11-27',
      '2026-11-27 UTC, ends 2026-11-27 16:00 America/Los_Angeles (in 2 days)',
    ],
    [
      'Europe/Berlin',
      '2026-11-24T07:00:00Z',
      '2026-11-24',
      '2026-11-24',
      '2026-11-24 UTC, ends 2026-11-25 01:00 Europe/Berlin (its last day)',
    ],
    // Summer time: two hours ahead.
    [
      'Europe/Berlin',
      '2026-07-01T06:00:00Z',
      '2026-07-01',
      '2026-07-03',
      '2026-07-03 UTC, ends 2026-07-04 02:00 Europe/Berlin (in 2 days)',
    ],
    // A zone at UTC says the date alone.
    ['UTC', '2026-11-24T08:00:00Z', '2026-11-24', '2026-11-27', '2026-11-27 (in 3 days)'],
    ['Europe/London', '2026-11-24T08:00:00Z', '2026-11-24', '2026-11-27', '2026-11-27 (in 3 days)'],
  ])('%s at %s: header %s, an exception expiring %s reads "%s"', (timezone, windowEnd, header, expires, said) => {
    const d = digestAt(windowEnd, timezone, [excused(expires, { expiresSoon: true })]);
    expect(d.date).toBe(header);
    expect(expiring(d)).toEqual([said]);
  });

  // The audit judged "within 7 days" from its own UTC day: at 00:30 in Berlin, the day before the digest's.
  test('judged again at the window end: 7 days left is listed though the audit ran the UTC day before', () => {
    const d = digestAt('2026-11-28T07:00:00Z', 'Europe/Berlin', [excused('2026-12-05'), excused('2026-12-06')]);
    expect(expiring(d)).toEqual(['2026-12-05 UTC, ends 2026-12-06 01:00 Europe/Berlin (in 7 days)']);
    expect(d.sections.at(-1)!.title).toBe('Exceptions expiring within 7 days (1)');
  });

  test('an exception that ended between the audit and the digest is said to be over, never "in -1 days"', () => {
    const d = digestAt('2026-11-28T00:05:00Z', 'America/Los_Angeles', [excused('2026-11-27', { expiresSoon: true })]);
    expect(d.date).toBe('2026-11-27');
    expect(expiring(d)).toEqual(['2026-11-27 UTC, ends 2026-11-27 16:00 America/Los_Angeles (already over)']);
  });

  test('an accepted difference (permanent) and one more than 7 days off are not listed, whatever the audit flagged', () => {
    const permanent = excused('2026-11-25', { id: 'p', expiresSoon: true });
    permanent.exception = { ...permanent.exception!, permanent: true };
    const d = digestAt('2026-11-24T07:00:00Z', 'Europe/Berlin', [permanent, excused('2026-12-02', { expiresSoon: true })]);
    expect(expiring(d)).toEqual([]);
  });
});
