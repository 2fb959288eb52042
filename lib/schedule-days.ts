import { ContextError } from './context-values';
import { offsetAt, wallClock, wallTime } from '../lambdas/core/digest/cron-ticks';

/**
 * EventBridge Scheduler runs a cron in its time zone and skips a time the clocks jump over: a daily
 * `cron(0 2 * * ? *)` in Europe/Berlin or America/New_York runs no audit on the spring night 02:00
 * does not exist. Only daily crons at one time are judged (the nightly run's shape); any other is left as written.
 */

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
/** Two years: every zone's spring night comes once in them. */
const HORIZON_DAYS = 731;

/** The hour and minute of a cron that runs once a day, every day; undefined for any other expression. */
function dailyTime(expression: string): { hour: number; minute: number } | undefined {
  const m = /^cron\(\s*(\d{1,2})\s+(\d{1,2})\s+(\S+)\s+\*\s+(\S+)\s+\*\s*\)$/.exec(expression);
  if (!m) return undefined;
  const [, minute, hour, day, weekday] = m;
  const every = (f: string | undefined) => f === '*' || f === '?';
  return every(day) && every(weekday) ? { hour: Number(hour), minute: Number(minute) } : undefined;
}

/**
 * The first local date (`YYYY-MM-DD`) within two years of `from` on which `hour:minute` does not
 * happen in `timeZone`: the clocks move forward over it. Undefined when it happens every day.
 */
export function skippedDay(hour: number, minute: number, timeZone: string, from: number): string | undefined {
  const format = wallClock(timeZone);
  const wall = (instant: number): number => wallTime(format, instant);
  const offset = (instant: number): number => offsetAt(format, instant);
  const first = Math.floor(from / DAY_MS) * DAY_MS;
  for (let day = first; day < first + HORIZON_DAYS * DAY_MS; day += DAY_MS) {
    // Any zone's day lies within 14 hours of the UTC day: without a change of offset across it, every time happens.
    const before = offset(day - 14 * HOUR_MS);
    const after = offset(day + DAY_MS + 14 * HOUR_MS);
    if (before === after) continue;
    const time = day + hour * HOUR_MS + minute * 60_000;
    if (![before, after].some((o) => wall(time - o) === time)) return new Date(day).toISOString().slice(0, 10);
  }
  return undefined;
}

const two = (n: number) => String(n).padStart(2, '0');

/** Stops synth for a daily schedule at a time its zone skips once a year, naming a later hour that every day has. */
export function checkScheduleDays(expression: string, timeZone: string, from: number): void {
  const time = dailyTime(expression);
  if (!time) return;
  const skipped = skippedDay(time.hour, time.minute, timeZone, from);
  if (!skipped) return;
  const later = [1, 2, 3, 4, 5].map((h) => (time.hour + h) % 24).find((h) => !skippedDay(h, time.minute, timeZone, from));
  throw new ContextError(
    `-c schedule: ${JSON.stringify(expression)} runs at ${two(time.hour)}:${two(time.minute)} in ${timeZone}, a time its clocks skip on ${skipped}: ` +
      `EventBridge Scheduler then runs no audit that night; choose a time every day has` +
      (later === undefined ? '' : `, e.g. -c schedule=cron(${time.minute} ${later} * * ? *)`),
  );
}
