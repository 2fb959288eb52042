import { TicketGone, TrackerRateLimited, TrackerRejected, TrackerUnavailable } from '../../../core/tickets/ticket-errors';
import { parseRetryAfter } from '../../retry-after';

/** What an error message may say about the failed call: never the token, a request body or a response body. */
export interface GitHubCall {
  /** What drift was doing, e.g. `create an issue`, `comment on issue 12`. */
  operation: string;
  /** OWNER/REPO. */
  repo: string;
  /** The clock, in ms, to turn `x-ratelimit-reset` into a wait. */
  now: () => number;
  /** The issue the call is about, when it is about one: its 404 or 410 says that issue is gone. */
  issue?: string;
}

/** GitHub's rule for a rate limit that names no wait: "wait for at least one minute before retrying". */
export const SECONDARY_LIMIT_WAIT_MS = 60_000;

type Headers = Record<string, string | number | undefined>;

/** The shape of Octokit's RequestError (and of the AbortError it passes on with `status = 500`). */
interface HttpFailure {
  status: number;
  message: string;
  response?: { headers?: Headers; data?: unknown };
}

const isHttpFailure = (err: unknown): err is HttpFailure =>
  err instanceof Error && typeof (err as Partial<HttpFailure>).status === 'number';

const header = (headers: Headers | undefined, name: string): string | undefined => {
  const value = headers?.[name];
  return value === undefined ? undefined : String(value);
};

function dataField(data: unknown, field: 'message' | 'documentation_url'): string {
  const value = typeof data === 'object' && data !== null ? (data as Record<string, unknown>)[field] : undefined;
  return typeof value === 'string' ? value : '';
}

/** The wait GitHub asked for, per its documented order: `retry-after`, then `x-ratelimit-reset` when none remain, else a minute. */
export function rateLimitWaitMs(status: number, headers: Headers | undefined, data: unknown, now: () => number): number | undefined {
  if (status !== 403 && status !== 429) return undefined;
  const retryAfter = parseRetryAfter(header(headers, 'retry-after'), now());
  if (retryAfter !== undefined) return retryAfter;
  const reset = Number(header(headers, 'x-ratelimit-reset'));
  if (header(headers, 'x-ratelimit-remaining') === '0' && Number.isFinite(reset)) return Math.max(1000, reset * 1000 - now());
  if (status === 429 || /rate limit|abuse/i.test(dataField(data, 'message'))) return SECONDARY_LIMIT_WAIT_MS;
  return undefined;
}

function rejection(status: number, { operation, repo }: GitHubCall): string {
  switch (status) {
    case 401:
      return `GitHub refused the token (401) to ${operation}: put a token with Issues read and write on ${repo} in the tickets secret`;
    case 403:
      return `GitHub forbade ${operation} on ${repo} (403): give the token in the tickets secret Issues read and write on ${repo}`;
    case 404:
      return `GitHub found nothing to ${operation} on ${repo} (404): check the repository in the tickets configuration, and that the token can see it (a fine-grained token must list it)`;
    case 410:
      return `GitHub answered 410 Gone to ${operation} on ${repo}: turn Issues on in the repository's settings (or the issue was deleted)`;
    case 422:
      return `GitHub refused ${operation} on ${repo} as invalid (422): check the labels and assignees the owner mapping in drift.yaml gives`;
    default:
      return `GitHub refused ${operation} on ${repo} (${status})`;
  }
}

/**
 * Octokit's failure as drift's: a rate limit with its wait, GitHub being down or unreachable, or a
 * refusal whose message names the fix. Anything else (a bug) is returned as it is.
 */
export function githubError(err: unknown, call: GitHubCall): unknown {
  if (!isHttpFailure(err)) return err;
  const { status } = err;
  const docs = dataField(err.response?.data, 'documentation_url');
  const context = {
    status,
    operation: call.operation,
    repo: call.repo,
    ...(docs.startsWith('https://docs.github.com/') ? { documentationUrl: docs } : {}),
  };
  const wait = rateLimitWaitMs(status, err.response?.headers, err.response?.data, call.now);
  if (wait !== undefined) {
    return new TrackerRateLimited(
      wait,
      `GitHub rate-limited ${call.operation} on ${call.repo} (${status}): retry in ${Math.ceil(wait / 1000)} s`,
      {
        context,
      },
    );
  }
  // No response at all (network, timeout: Octokit says 500) or GitHub failing on its side.
  if (status >= 500 || status === 0 || !err.response) {
    const what = err.response ? `failed (${status})` : 'could not be reached';
    return new TrackerUnavailable(`GitHub ${what} to ${call.operation} on ${call.repo}`, { context });
  }
  if (call.issue !== undefined && (status === 404 || status === 410)) {
    return new TicketGone(`GitHub issue ${call.issue} on ${call.repo} is gone (${status}): deleted or transferred`, { context });
  }
  return new TrackerRejected(`${rejection(status, call)}${context.documentationUrl ? ` (see ${context.documentationUrl})` : ''}`, {
    context,
  });
}
