import { Octokit } from '@octokit/core';
import { paginateRest } from '@octokit/plugin-paginate-rest';
import { GitHubTracker } from '../adapters/tickets/github/github-tracker';
import { JiraClient } from '../adapters/tickets/jira/jira-client';
import { JiraTracker } from '../adapters/tickets/jira/jira-tracker';
import type { TrackerConfig, TrackerConfigOf, TrackerCredentials, TrackerCredentialsOf, TrackerName } from '../core/tickets/tracker-kinds';
import type { TicketTracker } from '../ports/ticket-tracker';

/** GitHub's own client, core and paging only: @octokit/rest's table of every endpoint is 82 KiB of a Lambda bundle. */
const GitHubClient = Octokit.plugin(paginateRest);

// Octokit warns on the console about deprecations; drift's logs say what happened themselves.
const quiet = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

type TrackerClient<K extends TrackerName> = (
  config: TrackerConfigOf<K>,
  credentials: TrackerCredentialsOf<K>,
  timeoutMs: number,
) => TicketTracker;

/** How each tracker's adapter is built with its client: a tracker without one does not compile. */
const TRACKER_CLIENTS: { [K in TrackerName]: TrackerClient<K> } = {
  github: (config, credentials, timeoutMs) => {
    const octokit = new GitHubClient({
      auth: credentials.token,
      ...(config.apiUrl ? { baseUrl: config.apiUrl } : {}),
      log: quiet,
      request: { fetch: (url: string, init: RequestInit) => fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) }) },
    });
    return new GitHubTracker({ octokit, repo: config.repo, now: Date.now });
  },
  jira: (config, credentials, timeoutMs) =>
    new JiraTracker(new JiraClient({ site: config.site, email: credentials.email, token: credentials.token, timeoutMs }), config),
};

/** The tracker a configuration names, signed in with its credentials (the Lambda's and `drift tickets sync`'s). */
export function makeTracker(config: TrackerConfig, credentials: TrackerCredentials, requestTimeoutMs: number): TicketTracker {
  if (config.tracker !== credentials.tracker)
    throw new TypeError(`credentials for ${credentials.tracker} given to a ${config.tracker} tracker`);
  return (TRACKER_CLIENTS[config.tracker] as TrackerClient<TrackerName>)(config, credentials as never, requestTimeoutMs);
}
