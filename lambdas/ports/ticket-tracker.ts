import type { Severity } from '../core/severity';
import type { TicketComment, TicketDraft, TicketRef, TrackerName } from '../core/tickets/ticket-model';

export type { TicketComment, TicketDraft, TicketRef, TrackerName } from '../core/tickets/ticket-model';

/**
 * An issue tracker drift keeps one ticket per finding episode in (GitHub Issues, Jira Cloud). Every
 * call maps the tracker's answer to drift's types; a refusal to go on now is `TrackerRateLimited`
 * (with the wait the tracker asked for), a failure on its side `TrackerUnavailable`, a refusal that
 * retrying will not change `TrackerRejected`. No error message quotes a token or a ticket's text.
 */
export interface TicketTracker {
  readonly name: TrackerName;
  /** The ticket carrying this marker, open or closed (the tracker's search can lag a create by a minute). */
  find(marker: string): Promise<TicketRef | undefined>;
  create(draft: TicketDraft): Promise<TicketRef>;
  /** Whether the ticket already has the comment of this event (a consumer may have died after adding it). */
  hasComment(ticket: TicketRef, eventId: string): Promise<boolean>;
  comment(ticket: TicketRef, comment: TicketComment): Promise<void>;
  /** Shows a new severity: GitHub swaps the `severity:…` label, Jira sets the mapped priority. */
  setSeverity(ticket: TicketRef, severity: Severity, previous: Severity | undefined): Promise<void>;
  /** Closes the ticket (Jira: through the configured transition); a ticket already closed is left as it is. */
  close(ticket: TicketRef, reason: string): Promise<void>;
}
