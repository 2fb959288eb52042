import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { adfProblem } from './jira-adf-check';

/**
 * A local Jira Cloud (REST API v3) on 127.0.0.1 with only the endpoints drift's JiraTracker uses:
 * create/get/edit issue, enhanced JQL search, comments with properties, transitions. Issues live in
 * memory; requests need basic auth; bodies are validated like Jira does (ADF documents, known
 * project, issue type, priority, components, assignee, transition), 400s carry Jira's `errors`.
 *
 *   const jira = await startJiraServer({ transitions: [{ name: 'Close', to: 'Closed', category: 'done' }] });
 *   jira.rateLimitNext(3, 2);   // the next 3 requests get 429 with Retry-After: 2
 *   jira.failNext(1, 502);      // then one 502
 *   jira.searchLagMs = 60_000;  // JQL search does not see issues created in the last minute
 *   jira.issues();              // what Jira now holds; jira.requests: every request received
 */
export interface JiraServerOptions {
  email?: string;
  token?: string;
  project?: string;
  issueTypes?: string[];
  priorities?: string[];
  components?: string[];
  /** Account ids that can be assigned. */
  users?: string[];
  /** The workflow: a transition is offered from any status but its own target; new issues start in 'To Do'. */
  transitions?: Array<{ name: string; to: string; category: StatusCategory }>;
}

export type StatusCategory = 'new' | 'indeterminate' | 'done';

export interface JiraComment {
  id: string;
  body: unknown;
  properties: Array<{ key: string; value: unknown }>;
}

export interface JiraIssue {
  id: string;
  key: string;
  createdAt: number;
  fields: {
    project: { key: string };
    issuetype: { name: string };
    summary: string;
    description?: unknown;
    labels: string[];
    priority?: { name: string };
    components: Array<{ name: string }>;
    assignee?: { accountId: string };
    status: { name: string; statusCategory: { key: StatusCategory } };
  };
  properties: Record<string, unknown>;
  comments: JiraComment[];
}

export interface LoggedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
  /** The email of the basic-auth header, when there was one. */
  user?: string;
  /** The answer's status. */
  status?: number;
}

export interface JiraServer {
  url: string;
  /** The issues, in creation order (live objects: tests may read them, not change them). */
  issues(): JiraIssue[];
  issue(key: string): JiraIssue | undefined;
  requests: LoggedRequest[];
  /** The next `n` requests answer `status` (429, or 503) with `Retry-After: retryAfterSeconds` (null: no header). */
  rateLimitNext(n: number, retryAfterSeconds?: number | null, status?: 429 | 503): void;
  /** The next `n` requests answer `status` (a 5xx) with no Retry-After. */
  failNext(n: number, status?: number): void;
  /** The next `n` requests are handled (and applied) only after `ms`: a client that timed out may still have created the issue. */
  delayNext(n: number, ms: number): void;
  /** Issues created less than this long ago are not found by JQL search yet (Jira's index lag). */
  searchLagMs: number;
  /** Moves an issue to a status, as a person in Jira would. */
  setStatus(key: string, status: string, category: StatusCategory): void;
  close(): Promise<void>;
}

type Fault =
  { kind: 'limit'; status: number; retryAfter: number | null } | { kind: 'fail'; status: number } | { kind: 'delay'; ms: number };

const DEFAULT_TRANSITIONS = [
  { name: 'Start progress', to: 'In Progress', category: 'indeterminate' as const },
  { name: 'Done', to: 'Done', category: 'done' as const },
  { name: 'Reopen', to: 'To Do', category: 'new' as const },
];

/** Starts the local Jira on a random port of 127.0.0.1. */
export async function startJiraServer(options: JiraServerOptions = {}): Promise<JiraServer> {
  const o = {
    email: 'drift@example.com',
    token: 'jira-test-token',
    project: 'PROJ',
    issueTypes: ['Task', 'Bug'],
    priorities: ['Highest', 'High', 'Medium', 'Low', 'Lowest'],
    components: ['api', 'database'],
    users: ['557058:alice'],
    ...options,
  };
  const transitions = (options.transitions ?? DEFAULT_TRANSITIONS).map((t, i) => ({ id: String(11 + i * 10), ...t }));
  const issues: JiraIssue[] = [];
  const faults: Fault[] = [];
  let commentSeq = 10000;
  const state = { searchLagMs: 0 };

  const handle = async (req: IncomingMessage, res: ServerResponse, log: LoggedRequest): Promise<void> => {
    const send = (status: number, body?: unknown, headers: Record<string, string> = {}): void => {
      log.status = status;
      res.writeHead(status, { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers });
      res.end(body === undefined ? undefined : JSON.stringify(body));
    };
    const auth = /^Basic (.+)$/.exec(req.headers.authorization ?? '');
    const [user, ...rest] = auth ? Buffer.from(auth[1]!, 'base64').toString('utf8').split(':') : [];
    log.user = user;
    const fault = faults.shift();
    if (fault?.kind === 'delay') await new Promise((r) => setTimeout(r, fault.ms));
    if (fault?.kind === 'limit')
      return send(
        fault.status,
        { errorMessages: ['Rate limit exceeded.'] },
        fault.retryAfter === null ? {} : { 'retry-after': String(fault.retryAfter) },
      );
    if (fault?.kind === 'fail') return send(fault.status, { errorMessages: ['Internal server error'] });
    if (user !== o.email || rest.join(':') !== o.token)
      return send(401, { errorMessages: ['Client must be authenticated to access this resource.'] });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- request JSON, checked field by field like Jira does
    const body = log.body as Record<string, any> | undefined;
    const bad = (errors: Record<string, string>, errorMessages: string[] = []): void => send(400, { errorMessages, errors });

    if (req.method === 'POST' && log.path === '/rest/api/3/issue') {
      const f = body?.fields ?? {};
      const errors = createErrors(f, o);
      if (Object.keys(errors).length) return bad(errors);
      const n = issues.length + 1;
      const issue: JiraIssue = {
        id: String(10000 + n),
        key: `${o.project}-${n}`,
        createdAt: Date.now(),
        fields: {
          project: { key: o.project },
          issuetype: { name: f.issuetype.name },
          summary: f.summary,
          description: f.description,
          labels: f.labels ?? [],
          priority: f.priority && { name: f.priority.name },
          components: f.components ?? [],
          assignee: f.assignee,
          status: { name: 'To Do', statusCategory: { key: 'new' } },
        },
        properties: Object.fromEntries((body?.properties ?? []).map((p: { key: string; value: unknown }) => [p.key, p.value])),
        comments: [],
      };
      issues.push(issue);
      return send(201, { id: issue.id, key: issue.key, self: `${server.url}/rest/api/3/issue/${issue.id}` });
    }

    if (req.method === 'GET' && log.path === '/rest/api/3/search/jql') {
      const m = /^project\s*=\s*"?([^"\s]+)"?\s+AND\s+labels\s*=\s*"((?:[^"\\]|\\.)*)"(?:\s+ORDER BY created ASC)?$/i.exec(
        log.query.jql ?? '',
      );
      if (!m) return bad({}, [`Error in the JQL Query: the local Jira only knows project = X AND labels = "Y"`]);
      const label = m[2]!.replace(/\\(.)/g, '$1');
      const seen = Date.now() - state.searchLagMs;
      const found = issues.filter(
        (i) => i.fields.project.key === m[1] && i.fields.labels.includes(label) && (state.searchLagMs === 0 || i.createdAt <= seen),
      );
      const start = Number(log.query.nextPageToken ?? 0);
      const max = Number(log.query.maxResults ?? 50);
      const page = found.slice(start, start + max);
      const more = start + max < found.length;
      return send(200, {
        issues: page.map((i) => ({ id: i.id, key: i.key, fields: {} })),
        isLast: !more,
        ...(more ? { nextPageToken: String(start + max) } : {}),
      });
    }

    const route = /^\/rest\/api\/3\/issue\/([^/]+)(\/comment|\/transitions)?$/.exec(log.path);
    const issue = route && issues.find((i) => i.key === decodeURIComponent(route[1]!) || i.id === route[1]);
    if (!route || !issue)
      return send(404, { errorMessages: ['Issue does not exist or you do not have permission to see it.'], errors: {} });
    const sub = route[2];

    if (req.method === 'GET' && !sub) return send(200, { id: issue.id, key: issue.key, fields: issue.fields });
    if (req.method === 'PUT' && !sub) {
      const f = body?.fields ?? {};
      const errors: Record<string, string> = {};
      for (const name of Object.keys(f))
        if (!['priority', 'labels', 'summary'].includes(name)) errors[name] = `Field '${name}' cannot be set.`;
      if (f.priority !== undefined && !o.priorities.includes(f.priority?.name))
        errors.priority = `Priority name '${f.priority?.name}' is not valid`;
      if (Object.keys(errors).length) return bad(errors);
      Object.assign(issue.fields, f);
      return send(204);
    }
    if (req.method === 'GET' && sub === '/comment') {
      const startAt = Number(log.query.startAt ?? 0);
      const maxResults = Math.min(Number(log.query.maxResults ?? 50), 100);
      const withProps = (log.query.expand ?? '').split(',').includes('properties');
      const comments = issue.comments
        .slice(startAt, startAt + maxResults)
        .map((c) => ({ id: c.id, body: c.body, ...(withProps ? { properties: c.properties } : {}) }));
      return send(200, { startAt, maxResults, total: issue.comments.length, comments });
    }
    if (req.method === 'POST' && sub === '/comment') {
      const problem = adfProblem(body?.body);
      if (problem) return bad({ comment: problem });
      const comment = { id: String(commentSeq++), body: body!.body, properties: body!.properties ?? [] };
      issue.comments.push(comment);
      return send(201, comment);
    }
    const offered = transitions.filter((t) => t.to !== issue.fields.status.name);
    if (req.method === 'GET' && sub === '/transitions') {
      return send(200, {
        transitions: offered.map((t) => ({ id: t.id, name: t.name, to: { name: t.to, statusCategory: { key: t.category } } })),
      });
    }
    if (req.method === 'POST' && sub === '/transitions') {
      const t = offered.find((x) => x.id === body?.transition?.id);
      if (!t) return bad({}, [`Transition id '${body?.transition?.id}' is not valid for this issue.`]);
      issue.fields.status = { name: t.to, statusCategory: { key: t.category } };
      return send(204);
    }
    return send(405, { errorMessages: ['Method not allowed'] });
  };

  const requests: LoggedRequest[] = [];
  const http = createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      let body: unknown;
      try {
        body = raw ? JSON.parse(raw) : undefined;
      } catch {
        body = raw;
      }
      const log: LoggedRequest = { method: req.method ?? 'GET', path: url.pathname, query: Object.fromEntries(url.searchParams), body };
      requests.push(log);
      handle(req, res, log).catch((err: Error) => {
        res.writeHead(500).end(err.message);
      });
    });
  });
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  const server: JiraServer = {
    url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`,
    issues: () => issues,
    issue: (key) => issues.find((i) => i.key === key),
    requests,
    rateLimitNext: (n, retryAfter = 1, status = 429) =>
      faults.push(...Array.from({ length: n }, () => ({ kind: 'limit' as const, status, retryAfter }))),
    failNext: (n, status = 500) => faults.push(...Array.from({ length: n }, () => ({ kind: 'fail' as const, status }))),
    delayNext: (n, ms) => faults.push(...Array.from({ length: n }, () => ({ kind: 'delay' as const, ms }))),
    get searchLagMs() {
      return state.searchLagMs;
    },
    set searchLagMs(ms: number) {
      state.searchLagMs = ms;
    },
    setStatus: (key, status, category) => {
      const issue = issues.find((i) => i.key === key);
      if (!issue) throw new Error(`no issue ${key}`);
      issue.fields.status = { name: status, statusCategory: { key: category } };
    },
    close: () =>
      new Promise<void>((r) => {
        http.closeAllConnections();
        http.close(() => r());
      }),
  };
  return server;
}

/** The `errors` Jira answers a create with, by field: unknown project, issue type, priority, component or user; a summary or labels it refuses; a description that is not ADF. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- request JSON, checked field by field like Jira does
function createErrors(f: Record<string, any>, o: Required<Omit<JiraServerOptions, 'transitions'>>): Record<string, string> {
  const errors: Record<string, string> = {};
  if (f.project?.key !== o.project) errors.project = 'valid project is required';
  if (!o.issueTypes.includes(f.issuetype?.name)) errors.issuetype = 'Specify a valid issue type';
  if (typeof f.summary !== 'string' || !f.summary.trim() || f.summary.length > 255 || /[\r\n]/.test(f.summary))
    errors.summary = 'Summary is invalid';
  if (f.description !== undefined && adfProblem(f.description)) errors.description = adfProblem(f.description)!;
  if (f.labels !== undefined && (!Array.isArray(f.labels) || f.labels.some((l: unknown) => typeof l !== 'string' || /\s/.test(l) || !l)))
    errors.labels = 'The label must not contain spaces';
  if (f.priority !== undefined && !o.priorities.includes(f.priority?.name))
    errors.priority = `Priority name '${f.priority?.name}' is not valid`;
  if (f.components !== undefined && f.components.some((c: { name?: string }) => !o.components.includes(c.name ?? '')))
    errors.components = 'Component name is not valid';
  if (f.assignee !== undefined && !o.users.includes(f.assignee?.accountId)) errors.assignee = 'User cannot be assigned issues.';
  return errors;
}
