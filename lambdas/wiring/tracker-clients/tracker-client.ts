import type { TrackerConfigOf, TrackerCredentialsOf, TrackerName } from '../../core/tickets/tracker-kinds';
import type { TicketTracker } from '../../ports/ticket-tracker';

/** How a tracker's adapter is built with its client. */
export type TrackerClient<K extends TrackerName> = (
  config: TrackerConfigOf<K>,
  credentials: TrackerCredentialsOf<K>,
  timeoutMs: number,
) => TicketTracker;
