import type { Cron } from './cron-syntax';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** A formatter of the time zone's wall-clock time, to the minute. */
export const wallClock = (timeZone: string): Intl.DateTimeFormat =>
  new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
  });

/** The wall-clock time at instant `t` (ms) in `format`'s zone (wallClock), as if it were UTC (ms), to the minute. */
export function wallTime(format: Intl.DateTimeFormat, t: number): number {
  const part: Record<string, number> = {};
  for (const p of format.formatToParts(t)) if (p.type !== 'literal') part[p.type] = Number(p.value);
  return Date.UTC(part.year as number, (part.month as number) - 1, part.day, part.hour, part.minute);
}

/** The time zone's offset from UTC at instant `t` (ms), to the minute, by its wall clock. */
export const offsetAt = (format: Intl.DateTimeFormat, t: number): number => wallTime(format, t) - Math.floor(t / MINUTE) * MINUTE;

/**
 * A time zone's offsets over a stretch of time, asked of Intl about twice a day rather than each
 * minute: a zone changes its offset at most once in a day, so an equal offset a day apart holds
 * all day, and a change is found by halving the day.
 */
function offsets(format: Intl.DateTimeFormat): (t: number) => number {
  let from = 0;
  let to = 0;
  let offset = 0;
  return (t) => {
    if (t >= from && t < to) return offset;
    offset = offsetAt(format, t);
    let [lo, hi] = [t, t + DAY];
    if (offsetAt(format, hi) !== offset) {
      while (hi - lo > MINUTE) {
        const mid = Math.floor((lo + hi) / 2 / MINUTE) * MINUTE;
        if (offsetAt(format, mid) === offset) lo = mid;
        else hi = mid;
      }
    }
    [from, to] = [t, hi];
    return offset;
  };
}

function dayMatches(cron: Cron, local: Date): boolean {
  const day = cron.days.has(local.getUTCDate());
  const weekday = cron.weekdays.has(local.getUTCDay());
  if (!cron.anyDay && !cron.anyWeekday) return day || weekday;
  return cron.anyWeekday ? day : weekday;
}

/** The hours a clock skipped when it sprang forward into local hour `hour` (empty on any other hour). */
function skippedBefore(hour: number, previousHour: number): number[] {
  const skipped: number[] = [];
  for (let h = (previousHour + 1) % 24; h !== hour; h = (h + 1) % 24) skipped.push(h);
  return skipped;
}

/**
 * True when `cron`, read on the wall clock of `timeZone`, ticks in `(after, until]` (ms). Across a
 * change of the clock it reads the way cron-parser does: a time the clock skips forward over fires
 * in the hour it lands on; an hour the clock goes back over fires once, the first time.
 */
export function ticksBetween(cron: Cron, timeZone: string, after: number, until: number): boolean {
  const format = wallClock(timeZone);
  const offset = offsets(format);
  for (let t = Math.floor(after / MINUTE) * MINUTE + MINUTE; t <= until; t += MINUTE) {
    const shown = t + offset(t);
    // The minute first, without a Date: most minutes of a day fail it.
    if (!cron.minutes.has((shown / MINUTE) % 60)) continue;
    const local = new Date(shown);
    if (!cron.months.has(local.getUTCMonth() + 1) || !dayMatches(cron, local)) continue;
    // The hour the clock showed just before this local hour began: another than the one before it means the clock changed.
    const hourStart = t - local.getUTCMinutes() * MINUTE;
    const before = new Date(hourStart - MINUTE + offsetAt(format, hourStart - MINUTE)).getUTCHours();
    const hour = local.getUTCHours();
    if (before === hour) continue; // the second time through an hour the clock went back over
    if (cron.hours.has(hour) || skippedBefore(hour, before).some((h) => cron.hours.has(h))) return true;
  }
  return false;
}
