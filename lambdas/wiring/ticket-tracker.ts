import type { TrackerConfig, TrackerCredentials, TrackerName } from '../core/tickets/tracker-kinds';
import type { TicketTracker } from '../ports/ticket-tracker';
import type { TrackerClient } from './tracker-clients/tracker-client';

/**
 * How each tracker's client is loaded: a tracker without one does not compile. Imported when the
 * tracker is first made, so a function (or `drift tickets sync`) loads only the client of the tracker
 * it is configured with: Octokit is not loaded for Jira, nor Jira's client for GitHub.
 */
const TRACKER_CLIENTS: { [K in TrackerName]: () => Promise<TrackerClient<K>> } = {
  github: async () => (await import('./tracker-clients/github')).githubClient,
  jira: async () => (await import('./tracker-clients/jira')).jiraClient,
};

/** The tracker a configuration names, signed in with its credentials (the Lambda's and `drift tickets sync`'s). */
export async function makeTracker(
  config: TrackerConfig,
  credentials: TrackerCredentials,
  requestTimeoutMs: number,
): Promise<TicketTracker> {
  if (config.tracker !== credentials.tracker)
    throw new TypeError(`credentials for ${credentials.tracker} given to a ${config.tracker} tracker`);
  const client = (await TRACKER_CLIENTS[config.tracker]()) as TrackerClient<TrackerName>;
  return client(config, credentials as never, requestTimeoutMs);
}
