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
