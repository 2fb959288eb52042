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
