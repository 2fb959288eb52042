import { Octokit } from '@octokit/core';
import { paginateRest } from '@octokit/plugin-paginate-rest';
import { GitHubTracker } from '../../adapters/tickets/github/github-tracker';
import type { TrackerClient } from './tracker-client';
import { boundedFetch } from '../../adapters/bounded-fetch';

/** The most of one answer drift reads: a page of 100 issues or comments, bodies of 65,536 characters at most, is less. */
const MAX_ANSWER_BYTES = 32 * 1024 * 1024;

/** GitHub's own client, core and paging only: @octokit/rest's table of every endpoint is 82 KiB of a Lambda bundle. */
const GitHubClient = Octokit.plugin(paginateRest);

// Octokit warns on the console about deprecations; drift's logs say what happened themselves.
const quiet = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

/** The GitHub tracker on Octokit, each request cut off after `timeoutMs`, each answer after MAX_ANSWER_BYTES. */
export const githubClient: TrackerClient<'github'> = (config, credentials, timeoutMs) => {
  const octokit = new GitHubClient({
    auth: credentials.token,
    ...(config.apiUrl ? { baseUrl: config.apiUrl } : {}),
    log: quiet,
    request: { fetch: boundedFetch((url, init) => fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) }), MAX_ANSWER_BYTES) },
  });
  return new GitHubTracker({ octokit, repo: config.repo, now: Date.now });
};
