import { DriftError } from '../errors';

/** The tracker asked drift to slow down (GitHub's primary or secondary limit, Jira's 429): try again after `retryAfterMs`. */
export class TrackerRateLimited extends DriftError {
  override name = 'TrackerRateLimited';
  readonly userFacing = false;
  constructor(
    readonly retryAfterMs: number,
    message: string,
    options: ConstructorParameters<typeof DriftError>[1] = {},
  ) {
    super(message, options);
  }
}

/** The tracker could not be reached or failed on its side (network, 5xx): the message is retried, nothing is lost. */
export class TrackerUnavailable extends DriftError {
  override name = 'TrackerUnavailable';
  readonly userFacing = false;
}

/**
 * The tracker refused the request for a reason retrying will not change (a bad token, a repository
 * or project that does not exist, a transition that is not there). Its message names the fix.
 */
export class TrackerRejected extends DriftError {
  override name = 'TrackerRejected';
  readonly userFacing = true;
}

/**
 * The ticket itself is not there any more (deleted or moved by a person: GitHub's 410 or 404, Jira's
 * 404 on that issue): a fact about this ticket, never about the configuration.
 */
export class TicketGone extends DriftError {
  override name = 'TicketGone';
  readonly userFacing = false;
}

/** The tracker is down or rate-limited: the events after this one wait for a later sync instead of being tried now. */
export const trackerAskedToWait = (err: unknown): boolean => err instanceof TrackerRateLimited || err instanceof TrackerUnavailable;
