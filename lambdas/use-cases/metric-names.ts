/** The namespace and `service` dimension the functions' metrics go under (Powertools' EMF): what the alarms read. */
export const METRICS = { namespace: 'drift', service: 'drift' } as const;

/** What notify-run counts per invocation; a failed delivery is tried again next run, and alarmed. */
export const NOTIFY_METRICS = {
  snsSent: 'SnsSent',
  snsFailed: 'SnsFailed',
  digestsSent: 'DigestsSent',
  digestsFailed: 'DigestsFailed',
  immediateSent: 'ImmediateSent',
  immediateFailed: 'ImmediateFailed',
} as const;

/** What route-events counts per batch of change events. */
export const ROUTE_METRICS = {
  changes: 'ChangeEvents',
  dropped: 'ChangeEventsDropped',
  runs: 'TargetedRunsStarted',
  /** Runs that could not start: their messages go back to the queue. */
  failedRuns: 'TargetedRunsFailed',
  /** Estate files that do not load: their changes are dropped until they are fixed. */
  unreadableEstates: 'EstatesUnreadable',
} as const;

/** What sync-tickets counts per batch of lifecycle events. */
export const TICKET_METRICS = {
  created: 'TicketsCreated',
  closed: 'TicketsClosed',
  failed: 'TicketEventsFailed',
  dropped: 'TicketMessagesDropped',
} as const;
