import { TrackerUnavailable } from '../../core/tickets/ticket-errors';

/** Pages of a ticket's comments read before giving up: drift writes one comment per event, never this many. */
export const MAX_COMMENT_PAGES = 100;
const PAGE_SIZE = 100;

/**
 * A comment listing that would not end (a proxy or server that pages on for ever): the tracker is
 * failing on its side, so the message is retried later and nothing is lost.
 */
export const endlessComments = (ticket: string): TrackerUnavailable =>
  new TrackerUnavailable(
    `the tracker listed more than ${MAX_COMMENT_PAGES * PAGE_SIZE} comments on ${ticket} without an end; drift stopped reading them`,
  );
