import { DriftError } from '../errors';
import { parseCron } from './cron-syntax';
import { ticksBetween } from './cron-ticks';

/** A window the estate's check let through but that is no cron: a fault of drift's, not the user's. */
class WindowError extends DriftError {
  readonly name = 'WindowError';
  readonly userFacing = false;
}

/**
 * Whether a digest is due: the window's schedule (`notify.slack.window`, a cron in the estate's time
 * zone) has ticked since the last digest. The first digest is due at the first tick.
 */
export function digestDue(window: string, timezone: string, lastDigestAt: string | undefined, now: Date): boolean {
  const parsed = parseCron(window);
  if (!parsed.ok) throw new WindowError(`the digest window is not a cron expression: ${parsed.problem}`);
  const after = lastDigestAt ? Date.parse(lastDigestAt) : now.getTime() - 86_400_000 * 31;
  return ticksBetween(parsed.cron, timezone, after, now.getTime());
}

/**
 * How far before a window's start the digest still looks for events logged late: a run logs its
 * events with the time it started, and an overlapping or retried run, or one that settles what a
 * killed run still owed, may log them after the digest that window's start was.
 */
export const LATE_EVENT_DAYS = 7;

/** Where the digest starts reading the log for the window that starts at `windowStart`. */
export const digestReadFrom = (windowStart: string | undefined): string | undefined =>
  windowStart === undefined ? undefined : new Date(Date.parse(windowStart) - LATE_EVENT_DAYS * 86_400_000).toISOString();

/**
 * Whether the digest of the window starting at `windowStart` lists an event: not posted yet (no
 * `sentMark`, the channel's: digestMarks), and of the window by its run's start or by when it was
 * logged. One logged before the window started was in the log when the previous digest read it,
 * so it is never posted again, marked or not.
 */
export function owedToDigest(
  e: { at: string; loggedAt?: string; sent?: Record<string, string> },
  windowStart: string | undefined,
  sentMark: string,
): boolean {
  if (e.sent?.[sentMark] !== undefined) return false;
  if (windowStart === undefined || e.at >= windowStart) return true;
  return e.loggedAt !== undefined && e.loggedAt >= windowStart;
}
