import type { Severity } from '../core/severity';
import { TrackerRateLimited, TrackerUnavailable } from '../core/tickets/ticket-errors';
import type { TicketComment, TicketDraft, TicketRef, TicketTracker } from '../ports/ticket-tracker';

export interface Patience {
  sleep(ms: number): Promise<void>;
  /** The longest wait one call may take in place (a rate limit asking for longer goes back to the queue). */
  maxWaitMs: number;
  /** Tries of a call the tracker failed on its side (5xx, network). */
  attempts: number;
}

/** Backoff after the tracker failed on its side: 1 s, 2 s, 4 s… */
const backoffMs = (attempt: number): number => 1000 * 2 ** attempt;

// A rate limit means the tracker did nothing; a failure on its side may come after it acted (a
// timeout after the create): only calls that are safe to repeat are retried then.
async function patiently<T>(call: () => Promise<T>, p: Patience, repeatable = true): Promise<T> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await call();
    } catch (err) {
      const last = attempt + 1 >= p.attempts;
      if (err instanceof TrackerRateLimited && !last && err.retryAfterMs <= p.maxWaitMs) await p.sleep(err.retryAfterMs);
      else if (err instanceof TrackerUnavailable && repeatable && !last) await p.sleep(Math.min(backoffMs(attempt), p.maxWaitMs));
      else throw err;
    }
  }
}

/**
 * The one place tracker calls wait and retry: a short rate-limit wait (GitHub's `Retry-After`,
 * Jira's 429) is slept in place, a failure on the tracker's side retried with backoff; anything
 * longer or still failing is thrown, so the message goes back to the queue and nothing is lost. A
 * create or comment that failed on the tracker's side is not repeated here: it may have landed.
 */
export function patientTracker(tracker: TicketTracker, p: Patience): TicketTracker {
  return {
    name: tracker.name,
    find: (marker: string) => patiently(() => tracker.find(marker), p),
    create: (draft: TicketDraft) => patiently(() => tracker.create(draft), p, false),
    hasComment: (ticket: TicketRef, eventId: string) => patiently(() => tracker.hasComment(ticket, eventId), p),
    comment: (ticket: TicketRef, comment: TicketComment) => patiently(() => tracker.comment(ticket, comment), p, false),
    setSeverity: (ticket: TicketRef, severity: Severity, previous: Severity | undefined) =>
      patiently(() => tracker.setSeverity(ticket, severity, previous), p),
    close: (ticket: TicketRef, reason: string) => patiently(() => tracker.close(ticket, reason), p),
  };
}
