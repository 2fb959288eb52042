import { TrackerRateLimited, TrackerRejected, TrackerUnavailable } from '../../../core/tickets/ticket-errors';
import { parseRetryAfter } from '../../retry-after';
import { AnswerTooLarge, boundedFetch } from '../../bounded-fetch';

export interface JiraClientOptions {
  /** The Jira Cloud site, `https://acme.atlassian.net` (no trailing slash). */
  site: string;
  email: string;
  /** An Atlassian API token (id.atlassian.com → Security → API tokens). */
  token: string;
  fetch?: typeof fetch;
  timeoutMs: number;
}

export type JiraMethod = 'GET' | 'POST' | 'PUT';

export interface JiraRequest {
  query?: Record<string, string | number>;
  body?: unknown;
}

/** A 400 from Jira, with the names of the fields its `errors` object lists (never their values). */
export class JiraRejected extends TrackerRejected {
  constructor(
    message: string,
    readonly status: number,
    readonly fields: readonly string[],
  ) {
    super(message, { context: { tracker: 'jira', status, fields: fields.join(',') } });
  }
}

const DEFAULT_RETRY_AFTER_MS = 60_000;

/** Retry-After in seconds or as an HTTP date; absent or unreadable → the default wait. */
export const retryAfterMs = (header: string | null, now = Date.now()): number =>
  Math.ceil(parseRetryAfter(header, now) ?? DEFAULT_RETRY_AFTER_MS);

/** The most of one answer drift reads: a page of search results is far less. */
const MAX_ANSWER_BYTES = 32 * 1024 * 1024;

/**
 * A small client for the ~9 endpoints of Jira Cloud's REST API v3 drift uses, on the platform
 * `fetch`: basic auth with email and API token, JSON both ways, a timeout per request, and Jira's
 * answers mapped to drift's tracker errors. It never retries: the caller owns waiting.
 */
export class JiraClient {
  private readonly auth: string;
  private readonly fetch: typeof fetch;

  constructor(private readonly options: JiraClientOptions) {
    this.auth = `Basic ${Buffer.from(`${options.email}:${options.token}`).toString('base64')}`;
    this.fetch = boundedFetch(options.fetch ?? globalThis.fetch, MAX_ANSWER_BYTES);
  }

  get site(): string {
    return this.options.site;
  }

  /** Sends one request; the parsed JSON answer, or undefined for an empty one (204). */
  async request<T>(method: JiraMethod, path: string, req: JiraRequest = {}): Promise<T | undefined> {
    const url = new URL(`${this.options.site}${path}`);
    for (const [k, v] of Object.entries(req.query ?? {})) url.searchParams.set(k, String(v));
    const what = `Jira ${method} ${path}`;
    let res: Response;
    try {
      res = await this.fetch(url, {
        method,
        headers: {
          authorization: this.auth,
          accept: 'application/json',
          ...(req.body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: req.body === undefined ? undefined : JSON.stringify(req.body),
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
    } catch (err) {
      const reason =
        err instanceof AnswerTooLarge
          ? `answered more than ${err.maxBytes / 1024 / 1024} MiB; drift stopped reading`
          : (err as Error).name === 'TimeoutError'
            ? `no answer within ${this.options.timeoutMs} ms`
            : 'could not be reached';
      throw new TrackerUnavailable(`${what}: ${this.options.site} ${reason}`, { cause: err, context: { tracker: 'jira' } });
    }
    const text = await res.text().catch(() => '');
    if (res.ok) return parseOk<T>(text, what);
    throw failure(res, text, what);
  }
}

function parseOk<T>(text: string, what: string): T | undefined {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new TrackerUnavailable(`${what}: the answer was not JSON (a proxy or an outage page?)`, { context: { tracker: 'jira' } });
  }
}

/** The drift error for a failed answer; only Jira's field names are quoted, never values, bodies or credentials. */
function failure(res: Response, text: string, what: string): Error {
  const { status } = res;
  const context = { tracker: 'jira', status };
  if (status === 429 || (status === 503 && res.headers.has('retry-after'))) {
    const wait = retryAfterMs(res.headers.get('retry-after'));
    return new TrackerRateLimited(wait, `${what}: Jira asked drift to slow down (${status}); retry after ${wait} ms`, { context });
  }
  if (status >= 500) return new TrackerUnavailable(`${what}: Jira failed on its side (${status})`, { context });
  if (status === 401) {
    return new JiraRejected(
      `${what}: Jira did not accept the credentials (401): the token secret must be EMAIL:API_TOKEN with a current API token from id.atlassian.com`,
      status,
      [],
    );
  }
  if (status === 403) {
    return new JiraRejected(
      `${what}: the Jira account may not do this (403): give it Browse, Create, Edit, Add comments and Transition issues in the project`,
      status,
      [],
    );
  }
  if (status === 404) {
    return new JiraRejected(
      `${what}: Jira has no such thing (404): check the site, the project key, and that the account can see the issue`,
      status,
      [],
    );
  }
  const fields = errorFields(text);
  const named = fields.length ? `: Jira rejected the field(s) ${fields.join(', ')}` : '';
  return new JiraRejected(
    `${what}: Jira refused the request (${status})${named}; check the project, issue type, priorities, components and close transition in the tickets configuration`,
    status,
    fields,
  );
}

/** The keys of Jira's `errors` object (`{ errorMessages: [...], errors: { field: message } }`). */
function errorFields(text: string): string[] {
  try {
    const parsed = JSON.parse(text) as { errors?: unknown };
    if (parsed.errors && typeof parsed.errors === 'object') {
      return Object.keys(parsed.errors)
        .filter((k) => /^[\w.-]{1,64}$/.test(k))
        .sort();
    }
  } catch {
    // not JSON: nothing to name
  }
  return [];
}
