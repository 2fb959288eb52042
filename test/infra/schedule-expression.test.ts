import { Template } from 'aws-cdk-lib/assertions';
import { timeZone } from '../../lib/aws-identifiers';
import { checkScheduleDays, skippedDay } from '../../lib/schedule-days';
import { scheduleExpression } from '../../lib/schedule-expression';
import { buildWith, SKIP_BUNDLING } from './support/synth';

// EventBridge Scheduler refuses these at deploy (CREATE_FAILED on the schedule, the whole first
// deploy rolled back): its cron has six fields and `?` in exactly one day field; a rate is a positive
// whole number of minutes, hours or days, singular for 1 and plural above; at() is a date and a time.
const REFUSED: Array<[string, string, string]> = [
  ['Unix cron, five fields', 'cron(0 2 * * *)', "has 5 fields: Scheduler's cron has 6"],
  ['* in both day fields', 'cron(0 2 * * * *)', 'must have ? in exactly one of day-of-month ("*") and day-of-week ("*")'],
  ['a weekday and a day of the month', 'cron(0 2 1 * MON *)', 'must have ? in exactly one'],
  ['? in both day fields', 'cron(0 2 ? * ? *)', 'must have ? in exactly one'],
  ['an hour out of range', 'cron(0 24 * * ? *)', '"24" is not a hours value (0-23)'],
  ['Unix weekday 0', 'cron(0 2 ? * 0 *)', '"0" is not a day-of-week value (1-7 or SUN-SAT)'],
  ['? in the minutes', 'cron(? 2 * * ? *)', 'only day-of-month and day-of-week take it'],
  ['a unit Scheduler does not know', 'rate(1 week)', 'is not rate(VALUE UNIT)'],
  ['a rate of zero', 'rate(0 minutes)', 'is not rate(VALUE UNIT)'],
  ['a singular unit above 1', 'rate(5 minute)', 'write rate(5 minutes)'],
  ['a plural unit for 1', 'rate(1 days)', 'write rate(1 day)'],
  ['at() with a date only', 'at(2030-01-31)', 'is not at(yyyy-mm-ddThh:mm:ss)'],
  ['no kind', '0 2 * * ? *', 'is not a Scheduler expression'],
];

const ACCEPTED = [
  'cron(0 2 * * ? *)',
  'cron(15 10 ? * MON-FRI *)',
  'cron(0/15 * * * ? *)',
  'cron(0 18 ? * 6#3 *)',
  'cron(0 8 L * ? *)',
  'cron(0 8 15W * ? *)',
  'cron(0 8 ? * 5L *)',
  'cron(0 0 1 JAN,JUL ? 2030-2035)',
  'rate(1 day)',
  'rate(12 hours)',
  'at(2030-01-31T02:00:00)',
];

describe('-c schedule: what EventBridge Scheduler accepts, checked at synth', () => {
  test.each(REFUSED)('%s (%s) stops synth with a ContextError naming the key and saying why', async (_what, schedule, why) => {
    const failure = buildWith({ ...SKIP_BUNDLING, estates: 'examples/live/drift.yaml', schedule });
    await expect(failure).rejects.toMatchObject({
      name: 'ContextError',
      message: expect.stringContaining(`-c schedule: ${JSON.stringify(schedule)} `),
    });
    await expect(failure).rejects.toMatchObject({ message: expect.stringContaining(why) });
  });

  test.each(ACCEPTED)('%s is the schedule, as written', (schedule) => {
    expect(scheduleExpression(schedule)).toEqual({ value: schedule });
  });

  test('an accepted one reaches the Scheduler schedule', async () => {
    const built = await buildWith({ ...SKIP_BUNDLING, estates: 'examples/live/drift.yaml', schedule: 'cron(30 1 ? * MON-FRI *)' });
    Template.fromStack(built.installation).hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(30 1 ? * MON-FRI *)',
    });
  });
});

describe('-c timezone: the IANA name as IANA spells it (the runtime takes any case, Scheduler does not)', () => {
  test.each([
    ['america/new_york', 'America/New_York'],
    ['utc', 'UTC'],
    ['Asia/Kolkata', 'Asia/Kolkata'],
    ['US/Eastern', 'US/Eastern'],
    // An alias Intl lists under its zone's name only: miscased, it is written as that zone.
    ['us/eastern', 'America/New_York'],
    ['etc/utc', 'UTC'],
  ])('%s is %s', (timezone, spelled) => {
    expect(timeZone(timezone)).toEqual({ value: spelled });
  });

  test('europe/berlin reaches the Scheduler schedule as Europe/Berlin', async () => {
    const built = await buildWith({
      ...SKIP_BUNDLING,
      estates: 'examples/live/drift.yaml',
      timezone: 'europe/berlin',
      schedule: 'cron(0 3 * * ? *)',
    });
    Template.fromStack(built.installation).hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpressionTimezone: 'Europe/Berlin',
    });
  });
});

describe('a nightly schedule at a time its time zone skips once a year (Scheduler runs nothing that night)', () => {
  const JUNE_2026 = Date.parse('2026-06-01T00:00:00Z');
  test.each([
    ['Europe/Berlin', 2, 0, '2027-03-28'],
    ['Europe/Berlin', 2, 30, '2027-03-28'],
    ['Europe/Berlin', 3, 0, undefined],
    ['America/New_York', 2, 0, '2027-03-14'],
    ['Europe/London', 1, 0, '2027-03-28'],
    ['Pacific/Auckland', 2, 0, '2026-09-27'],
    // Half an hour forward: 02:00 to 02:29 do not happen, 02:30 does.
    ['Australia/Lord_Howe', 2, 0, '2026-10-04'],
    ['Australia/Lord_Howe', 2, 30, undefined],
    ['UTC', 2, 0, undefined],
    ['Asia/Tokyo', 2, 0, undefined],
  ])('%s at %i:%i: skipped on %s', (timeZone, hour, minute, day) => {
    expect(skippedDay(hour, minute, timeZone, JUNE_2026)).toBe(day);
  });

  test('the default nightly cron (02:00) in Europe/Berlin stops synth naming -c schedule and an hour every night has', async () => {
    const failure = buildWith({ ...SKIP_BUNDLING, estates: 'examples/live/drift.yaml', timezone: 'Europe/Berlin' });
    await expect(failure).rejects.toMatchObject({
      name: 'ContextError',
      message: expect.stringMatching(
        /^-c schedule: "cron\(0 2 \* \* \? \*\)" runs at 02:00 in Europe\/Berlin, a time its clocks skip on \d{4}-03-\d\d: .* e\.g\. -c schedule=cron\(0 3 \* \* \? \*\)$/,
      ),
    });
  });

  test('only a daily cron at one time is judged: a weekday one, a rate, an interval are as written', () => {
    for (const expression of ['cron(0 2 ? * MON-FRI *)', 'rate(1 day)', 'cron(0/30 * * * ? *)', 'cron(0 2,14 * * ? *)'])
      expect(() => checkScheduleDays(expression, 'Europe/Berlin', JUNE_2026)).not.toThrow();
  });
});
