import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local GitHub REST API on 127.0.0.1 with only the endpoints drift's GitHubTracker uses: create,
 * get and update an issue, list and create comments, add and remove a label, search issues. Issues
 * live in memory; every request needs `authorization: token TOKEN` (or `Bearer`), else 401.
 *
 *   const gh = await startGitHubServer({ token: 'ghp_test', owner: 'acme', repo: 'infra' });
 *   const octokit = new Octokit({ auth: 'ghp_test', baseUrl: gh.url, log: silentLog });
 *   gh.rateLimitNext(3, 'retry-after', { seconds: 2 }); // the next 3 requests: 429, Retry-After: 2
 *   gh.rateLimitNext(1, 'primary');                      // 403, x-ratelimit-remaining: 0 + reset
 *   gh.rateLimitNext(1, 'secondary');                    // 403 "secondary rate limit", no headers
 *   gh.failNext(1, 502);
 *   gh.searchLagMs = 60_000;                             // search misses issues younger than a minute
 *   gh.issues(); gh.requests;                            // what GitHub holds; every request received
 */
export interface GitHubServerOptions {
  token?: string;
  owner?: string;
  repo?: string;
  /** Logins that can be assigned (others get GitHub's 422); default: anyone. */
  assignable?: string[];
  /** The server's clock in ms (search lag, `x-ratelimit-reset`); default Date.now. */
  now?: () => number;
  /** Appended to each issue's `html_url`: what a hostile or broken server might answer there. */
  htmlUrlSuffix?: string;
}

export interface GitHubComment {
  id: number;
  body: string;
}

export interface GitHubIssue {
  number: number;
  title: string;
  body: string;
  labels: string[];
  assignees: string[];
  state: 'open' | 'closed';
  stateReason: 'completed' | 'not_planned' | 'reopened' | null;
  createdAt: number;
  comments: GitHubComment[];
}

export interface LoggedRequest {
  method: string;
  /** The decoded path, without the query. */
  path: string;
  query: Record<string, string>;
  body: unknown;
  /** The authorization header as received. */
  authorization?: string;
  /** The answer's status. */
  status?: number;
}

/** How a rate limit answers: `retry-after` (429, or 403, with Retry-After), `primary` (403, none remaining until a reset), `secondary` (403 that only says so). */
export type RateLimitKind = 'retry-after' | 'primary' | 'secondary';

export interface FaultOptions {
  /** Only requests this matches count toward `n` and get the fault; default: every request. */
  match?: (request: LoggedRequest) => boolean;
}

export interface RateLimitOptions extends FaultOptions {
  /** For `retry-after`: 429 (default) or 403. */
  status?: 403 | 429;
  /** Retry-After, or how far away x-ratelimit-reset is (default 1 s; `primary` 60 s). */
  seconds?: number;
}

export interface GitHubServer {
  /** The API's base URL, for Octokit's `baseUrl`. */
  url: string;
  /** The issues in creation order (live objects: read them, do not change them). */
  issues(): GitHubIssue[];
  issue(num: number): GitHubIssue | undefined;
  /** Every request received, in order, with the status it got. */
  requests: LoggedRequest[];
  /** The next `n` requests (matching `options.match`) are rate-limited the way `kind` says. */
  rateLimitNext(n: number, kind?: RateLimitKind, options?: RateLimitOptions): void;
  /** The next `n` requests (matching `options.match`) answer `status` (default 502). */
  failNext(n: number, status?: number, options?: FaultOptions): void;
  /** The next `n` requests are answered only after `ms` (to interleave concurrent clients, or time one out). */
  delayNext(n: number, ms: number): void;
  /** Issues created less than this long ago (server clock) are not found by search yet, as on GitHub. */
  searchLagMs: number;
  /** The last this many issues created are not found by search yet. */
  searchLagIssues: number;
  close(): Promise<void>;
}

interface Answer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

interface Fault extends FaultOptions {
  remaining: number;
  answer: () => Answer;
}

const DOCS = 'https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api';

/** Starts a local GitHub on a random port of 127.0.0.1. */
export async function startGitHubServer(options: GitHubServerOptions = {}): Promise<GitHubServer> {
  const { token = 'ghp_test_token', owner = 'acme', repo = 'infra', assignable, now = Date.now, htmlUrlSuffix = '' } = options;
  const issues: GitHubIssue[] = [];
  const requests: LoggedRequest[] = [];
  const faults: Fault[] = [];
  const delays: number[] = [];
  // Delayed answers still waiting: close() drops them, so nothing outlives the server.
  const timers = new Set<NodeJS.Timeout>();
  let nextCommentId = 1000;
  let url = '';

  const htmlUrl = (num: number): string => `${url}/${owner}/${repo}/issues/${num}${htmlUrlSuffix}`;
  const issueJson = (i: GitHubIssue) => ({
    id: 100_000 + i.number,
    number: i.number,
    title: i.title,
    body: i.body,
    state: i.state,
    state_reason: i.stateReason,
    labels: i.labels.map((name) => ({ name })),
    assignees: i.assignees.map((login) => ({ login })),
    assignee: i.assignees[0] ? { login: i.assignees[0] } : null,
    comments: i.comments.length,
    html_url: htmlUrl(i.number),
    created_at: new Date(i.createdAt).toISOString(),
  });
  const commentJson = (num: number, c: GitHubComment) => ({ id: c.id, body: c.body, html_url: `${htmlUrl(num)}#issuecomment-${c.id}` });
  const notFound: Answer = { status: 404, body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' } };
  const invalid = (field: string, value?: unknown): Answer => ({
    status: 422,
    body: { message: 'Validation Failed', errors: [{ resource: 'Issue', field, code: 'invalid', value }] },
  });

  // GitHub's limits on an issue's title and on an issue's or comment's body, in characters.
  const tooLong = (field: string, max: number): Answer => ({
    status: 422,
    body: {
      message: 'Validation Failed',
      errors: [{ resource: 'Issue', field, code: 'custom', message: `${field} is too long (maximum is ${max} characters)` }],
    },
  });

  function searchable(): GitHubIssue[] {
    const cutoff = now() - server.searchLagMs;
    const indexed = issues.slice(0, Math.max(0, issues.length - server.searchLagIssues));
    return indexed.filter((i) => server.searchLagMs <= 0 || i.createdAt <= cutoff);
  }

  // A simplified GitHub search: qualifiers repo:, is:issue|open|closed, in:body|title; quoted phrases and words as substrings.
  function search(q: string): Answer {
    const terms = [...q.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => ({ phrase: m[1] !== undefined, text: m[1] ?? m[2]! }));
    let where: 'body' | 'title' | 'both' = 'both';
    let state: string | undefined;
    const words: string[] = [];
    for (const t of terms) {
      const [qualifier, value] = t.phrase ? [] : t.text.split(':');
      if (qualifier === 'repo' && value !== undefined && t.text.slice(5).toLowerCase() !== `${owner}/${repo}`.toLowerCase()) {
        return { status: 200, body: { total_count: 0, incomplete_results: false, items: [] } };
      } else if (qualifier === 'repo') continue;
      else if (qualifier === 'is' && (value === 'open' || value === 'closed')) state = value;
      else if (qualifier === 'is') continue;
      else if (qualifier === 'in' && (value === 'body' || value === 'title')) where = value;
      else words.push(t.text.toLowerCase());
    }
    const items = searchable().filter((i) => {
      const text = (where === 'title' ? i.title : where === 'body' ? i.body : `${i.title}\n${i.body}`).toLowerCase();
      return (!state || i.state === state) && words.every((w) => text.includes(w));
    });
    return { status: 200, body: { total_count: items.length, incomplete_results: false, items: items.map(issueJson) } };
  }

  function listComments(i: GitHubIssue, query: Record<string, string>): Answer {
    const perPage = Math.min(100, Number(query.per_page ?? 30));
    const page = Number(query.page ?? 1);
    const slice = i.comments.slice((page - 1) * perPage, page * perPage);
    const last = Math.max(1, Math.ceil(i.comments.length / perPage));
    const link = (p: number, rel: string) =>
      `<${url}/repos/${owner}/${repo}/issues/${i.number}/comments?per_page=${perPage}&page=${p}>; rel="${rel}"`;
    const headers: Record<string, string> = page < last ? { link: [link(page + 1, 'next'), link(last, 'last')].join(', ') } : {};
    return { status: 200, body: slice.map((c) => commentJson(i.number, c)), headers };
  }

  function route(method: string, rawPath: string, query: Record<string, string>, body: Record<string, unknown>): Answer {
    // Split before decoding: a label's name may hold an encoded `/`.
    const [, top, o, r, issuesPath, num, sub, name, ...more] = rawPath.split('/').map(decodeURIComponent);
    if (method === 'GET' && top === 'search' && o === 'issues' && r === undefined) return search(query.q ?? '');
    if (top !== 'repos' || o !== owner || r !== repo || issuesPath !== 'issues' || more.length) return notFound;
    if (num === undefined) {
      if (method !== 'POST') return notFound;
      if (typeof body.title !== 'string' || body.title === '') return invalid('title');
      if (chars(body.title) > TITLE_MAX) return tooLong('title', TITLE_MAX);
      if (typeof body.body === 'string' && chars(body.body) > BODY_MAX) return tooLong('body', BODY_MAX);
      const assignees = (body.assignees as string[] | undefined) ?? [];
      const refused = assignees.find((login) => assignable && !assignable.includes(login));
      if (refused !== undefined) return invalid('assignees', refused);
      const issue: GitHubIssue = {
        number: issues.length + 1,
        title: body.title,
        body: typeof body.body === 'string' ? body.body : '',
        labels: [...new Set((body.labels as string[] | undefined) ?? [])],
        assignees,
        state: 'open',
        stateReason: null,
        createdAt: now(),
        comments: [],
      };
      issues.push(issue);
      return { status: 201, body: issueJson(issue) };
    }
    const issue = issues.find((i) => String(i.number) === num);
    if (!issue) return notFound;
    if (sub === undefined && method === 'GET') return { status: 200, body: issueJson(issue) };
    if (sub === undefined && method === 'PATCH') {
      if (body.state === 'closed' || body.state === 'open') issue.state = body.state;
      if (body.state_reason !== undefined) issue.stateReason = body.state_reason as GitHubIssue['stateReason'];
      return { status: 200, body: issueJson(issue) };
    }
    if (sub === 'comments' && method === 'GET') return listComments(issue, query);
    if (sub === 'comments' && method === 'POST') {
      if (typeof body.body !== 'string' || body.body === '') return invalid('body');
      if (chars(body.body) > BODY_MAX) return tooLong('body', BODY_MAX);
      const comment = { id: nextCommentId++, body: body.body };
      issue.comments.push(comment);
      return { status: 201, body: commentJson(issue.number, comment) };
    }
    if (sub === 'labels' && method === 'POST' && name === undefined) {
      issue.labels = [...new Set([...issue.labels, ...((body.labels as string[] | undefined) ?? [])])];
      return { status: 200, body: issue.labels.map((n) => ({ name: n })) };
    }
    if (sub === 'labels' && method === 'DELETE' && name !== undefined) {
      if (!issue.labels.includes(name)) return { status: 404, body: { message: 'Label does not exist' } };
      issue.labels = issue.labels.filter((n) => n !== name);
      return { status: 200, body: issue.labels.map((n) => ({ name: n })) };
    }
    return notFound;
  }

  const authorized = (header: string | undefined): boolean =>
    header === `token ${token}` || header?.toLowerCase() === `bearer ${token}`.toLowerCase();

  async function handle(req: IncomingMessage, res: ServerResponse, raw: string): Promise<void> {
    const parsed = new URL(req.url ?? '/', 'http://127.0.0.1');
    let body: unknown;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      body = raw;
    }
    const logged: LoggedRequest = {
      method: req.method ?? 'GET',
      path: decodeURIComponent(parsed.pathname),
      query: Object.fromEntries(parsed.searchParams),
      body,
      authorization: req.headers.authorization,
    };
    requests.push(logged);
    const delay = delays.shift();
    if (delay) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          timers.delete(timer);
          resolve();
        }, delay);
        timers.add(timer);
      });
    }
    if (res.destroyed) return;
    let answer: Answer;
    const fault = faults.find((f) => f.remaining > 0 && (!f.match || f.match(logged)));
    if (!authorized(req.headers.authorization)) {
      answer = { status: 401, body: { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest' } };
    } else if (fault) {
      fault.remaining -= 1;
      answer = fault.answer();
    } else {
      answer = route(
        logged.method,
        parsed.pathname,
        logged.query,
        (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>,
      );
    }
    logged.status = answer.status;
    res.writeHead(answer.status, { 'content-type': 'application/json; charset=utf-8', ...answer.headers });
    res.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
  }

  const http = createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (raw += chunk));
    req.on('end', () => {
      handle(req, res, raw).catch((err: unknown) => {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ message: String(err) }));
      });
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;

  const rateLimitAnswer = (kind: RateLimitKind, status: 403 | 429, seconds: number | undefined) => (): Answer => {
    if (kind === 'retry-after') {
      return {
        status,
        headers: { 'retry-after': String(seconds ?? 1) },
        body: { message: 'You have exceeded a secondary rate limit.', documentation_url: DOCS },
      };
    }
    if (kind === 'primary') {
      const reset = Math.ceil(now() / 1000) + (seconds ?? 60);
      return {
        status: 403,
        headers: {
          'x-ratelimit-limit': '5000',
          'x-ratelimit-remaining': '0',
          'x-ratelimit-used': '5000',
          'x-ratelimit-reset': String(reset),
        },
        body: { message: 'API rate limit exceeded for user ID 1.', documentation_url: DOCS },
      };
    }
    return {
      status: 403,
      body: {
        message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
        documentation_url: DOCS,
      },
    };
  };

  const server: GitHubServer = {
    url,
    issues: () => issues,
    issue: (num) => issues.find((i) => i.number === num),
    requests,
    rateLimitNext(n, kind = 'retry-after', opts = {}) {
      faults.push({ remaining: n, match: opts.match, answer: rateLimitAnswer(kind, opts.status ?? 429, opts.seconds) });
    },
    failNext(n, status = 502, opts = {}) {
      faults.push({ remaining: n, match: opts.match, answer: () => ({ status, body: { message: 'Server Error' } }) });
    },
    delayNext(n, ms) {
      delays.push(...Array<number>(n).fill(ms));
    },
    searchLagMs: 0,
    searchLagIssues: 0,
    close: () =>
      new Promise<void>((resolve, reject) => {
        timers.forEach(clearTimeout);
        timers.clear();
        http.closeAllConnections();
        http.close((err) => (err ? reject(err) : resolve()));
      }),
  };
  return server;
}

const TITLE_MAX = 256;
const BODY_MAX = 65_536;
const chars = (text: string): number => Array.from(text).length;
