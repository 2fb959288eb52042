import type { Severity } from '../severity';

import type { TrackerName } from './tracker-kinds';

export type { TrackerName } from './tracker-kinds';

/** A ticket as drift remembers it: the tracker's own id (a GitHub issue number, a Jira key) and its page. */
export interface TicketRef {
  tracker: TrackerName;
  id: string;
  url: string;
}

/** A run of text inside a block; values always go in `code` (no Markdown, mentions or issue links in them). */
export type TicketInline = { text: string } | { code: string } | { strong: string } | { link: string; text: string };

/** One block of a ticket's body or comment: each tracker renders it its own way (Markdown, Atlassian document format). */
export type TicketBlock =
  | { type: 'paragraph'; content: TicketInline[] }
  | { type: 'facts'; rows: Array<{ label: string; content: TicketInline[] }> }
  | { type: 'code'; text: string };

export type TicketDoc = TicketBlock[];

/** What a new ticket says and where it is routed. */
export interface TicketDraft {
  /** Finds the ticket again through the tracker's search when the mapping is lost (`drift-{findingId}-{episode}`). */
  marker: string;
  /** One line, at most 200 characters. */
  title: string;
  body: TicketDoc;
  /** The estate's labels and the owner's (GitHub adds `severity:{severity}`; Jira adds the marker). */
  labels: string[];
  severity: Severity;
  /** A GitHub login or a Jira account id, from the owner mapping. */
  assignee?: string;
  /** Jira components (GitHub has none: they are left out there). */
  components: string[];
}

/** A comment drift adds for one lifecycle event; `eventId` is kept hidden in it so a retry can tell it is there. */
export interface TicketComment {
  eventId: string;
  body: TicketDoc;
}
