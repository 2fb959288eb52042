import { CronExpressionParser } from 'cron-parser';
import { parseCron, type Cron } from '../../../lambdas/core/digest/cron-syntax';
import { ticksBetween } from '../../../lambdas/core/digest/cron-ticks';

// cron-parser is the reference: the window ticks in (after, until] when its next tick after `after` is no later than `until`.
const reference = (cron: string, tz: string, after: number, until: number): boolean =>
  CronExpressionParser.parse(cron, { currentDate: new Date(after), tz })
    .next()
    .getTime() <= until;

const cronOf = (text: string): Cron => {
  const parsed = parseCron(text);
  if (!parsed.ok) throw new Error(parsed.problem);
  return parsed.cron;
};

function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ZONES = ['Europe/Berlin', 'America/New_York', 'UTC', 'Asia/Kolkata', 'Australia/Sydney', 'America/Santiago', 'Asia/Tehran'];
// Changes of the clock in 2026 (UTC), and ordinary days.
const AROUND = [
  '2026-03-29T01:00:00Z',
  '2026-10-25T01:00:00Z',
  '2026-03-08T07:00:00Z',
  '2026-11-01T06:00:00Z',
  '2026-04-05T16:00:00Z',
  '2026-10-04T16:00:00Z',
  '2026-06-15T12:00:00Z',
  '2026-02-28T23:00:00Z',
].map(Date.parse);
const HOURLY = [
  '0 8 * * *',
  '30 2 * * *',
  '15 3 * * *',
  '0 1-3 * * *',
  '*/20 * * * *',
  '0 0 * * 0',
  '45 23 * * 1-5',
  '0 9 1,15 * *',
  '0 8 13 * 5',
  '0 2 * 3,10 *',
  '@daily',
  '@hourly',
  '0 */6 * * *',
  '59 1 * * *',
];

describe('the ticks of a cron in a time zone', () => {
  it('says a daily window at 08:00 Berlin ticked, in winter and in summer', () => {
    const daily = cronOf('0 8 * * *');
    expect(ticksBetween(daily, 'Europe/Berlin', Date.parse('2026-11-23T07:00:00Z'), Date.parse('2026-11-24T06:59:00Z'))).toBe(false);
    expect(ticksBetween(daily, 'Europe/Berlin', Date.parse('2026-11-23T07:00:00Z'), Date.parse('2026-11-24T07:00:00Z'))).toBe(true);
    expect(ticksBetween(daily, 'Europe/Berlin', Date.parse('2026-07-01T06:00:00Z'), Date.parse('2026-07-02T06:00:00Z'))).toBe(true);
  });

  it.each([
    ['a time the clock springs over fires in the hour it lands on', '2026-03-29T00:00:00Z', '2026-03-29T01:30:00Z', true],
    ['… and not before', '2026-03-29T00:00:00Z', '2026-03-29T01:29:00Z', false],
    ['an hour the clock goes back over fires once', '2026-10-25T00:30:00Z', '2026-10-25T01:45:00Z', false],
    ['… the first time', '2026-10-25T00:00:00Z', '2026-10-25T00:30:00Z', true],
  ])('%s (02:30 in Berlin)', (_name, after, until, ticked) => {
    const [a, u] = [Date.parse(after), Date.parse(until)];
    expect(ticksBetween(cronOf('30 2 * * *'), 'Europe/Berlin', a, u)).toBe(ticked);
    expect(reference('30 2 * * *', 'Europe/Berlin', a, u)).toBe(ticked);
  });

  it('agrees with cron-parser around changes of the clock and on ordinary days', () => {
    const next = random(16);
    for (let i = 0; i < 600; i++) {
      const text = HOURLY[Math.floor(next() * HOURLY.length)] as string;
      const tz = ZONES[Math.floor(next() * ZONES.length)] as string;
      const around = AROUND[Math.floor(next() * AROUND.length)] as number;
      const after = around + Math.floor((next() - 0.6) * 36 * 3_600_000) + (next() < 0.3 ? Math.floor(next() * 60_000) : 0);
      const span = Math.floor(next() * (next() < 0.2 ? 31 * 24 : 30) * 3_600_000);
      const got = ticksBetween(cronOf(text), tz, after, after + span);
      expect({ text, tz, after: new Date(after).toISOString(), span, ticked: got }).toEqual({
        text,
        tz,
        after: new Date(after).toISOString(),
        span,
        ticked: reference(text, tz, after, after + span),
      });
    }
  });
});
