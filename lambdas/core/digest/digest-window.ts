import { CronExpressionParser } from 'cron-parser';

/**
 * Whether a digest is due: the window's schedule (`notify.slack.window`, a cron in the estate's time
 * zone) has ticked since the last digest. The first digest is due at the first tick.
 */
export function digestDue(window: string, timezone: string, lastDigestAt: string | undefined, now: Date): boolean {
  const schedule = CronExpressionParser.parse(window, {
    currentDate: lastDigestAt ? new Date(lastDigestAt) : new Date(now.getTime() - 86_400_000 * 31),
    tz: timezone,
  });
  return schedule.next().getTime() <= now.getTime();
}

/** A cron the digest window accepts, or why not. */
export function windowProblem(window: string, timezone: string): string | undefined {
  try {
    CronExpressionParser.parse(window, { tz: timezone });
    return undefined;
  } catch (err) {
    return `not a cron expression: ${(err as Error).message}`;
  }
}
