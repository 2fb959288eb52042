import { JiraClient, retryAfterMs } from '../../../lambdas/adapters/tickets/jira/jira-client';
import { TrackerRateLimited, TrackerRejected, TrackerUnavailable } from '../../../lambdas/core/tickets/ticket-errors';
import { startJiraServer, type JiraServer } from '../../helpers/jira-server';

const EMAIL = 'drift-bot@example.com';
const TOKEN = 'ATATT3xFfGF0-secret-token';

const failureOf = (p: Promise<unknown>): Promise<Error> =>
  p.then(
    () => {
      throw new Error('expected a failure');
    },
    (e: Error) => e,
  );

/** Everything an error could show a log or a user. */
const shown = (err: Error): string =>
  `${err.message}\n${err.stack}\n${JSON.stringify(err)}\n${String((err as { cause?: unknown }).cause ?? '')}`;

describe('JiraClient', () => {
  let jira: JiraServer;
  const client = (over: { token?: string; timeoutMs?: number; site?: string } = {}): JiraClient =>
    new JiraClient({ site: jira.url, email: EMAIL, token: TOKEN, timeoutMs: 2000, ...over });
  const getIssue = (c = client()): Promise<unknown> =>
    c.request('GET', '/rest/api/3/search/jql', { query: { jql: 'project = PROJ AND labels = "x"' } });

  beforeEach(async () => {
    jira = await startJiraServer({ email: EMAIL, token: TOKEN });
  });
  afterEach(() => jira.close());

  test('sends basic auth made of the email and the API token, and JSON', async () => {
    await client().request('POST', '/rest/api/3/issue', {
      body: { fields: { project: { key: 'PROJ' }, issuetype: { name: 'Task' }, summary: 's' } },
    });
    expect(jira.requests[0]).toMatchObject({ user: EMAIL, status: 201 });
    expect(jira.issues()).toHaveLength(1);
  });

  test.each([
    ['429 with Retry-After', 429, 7, 7000],
    ['429 without Retry-After waits a minute', 429, null, 60_000],
    ['503 with Retry-After', 503, 2, 2000],
  ] as const)('%s is TrackerRateLimited, asked once and not retried', async (_name, status, retryAfter, ms) => {
    jira.rateLimitNext(1, retryAfter, status);
    const err = await failureOf(getIssue());
    expect(err).toBeInstanceOf(TrackerRateLimited);
    expect((err as TrackerRateLimited).retryAfterMs).toBe(ms);
    expect(jira.requests).toHaveLength(1);
  });

  test('Retry-After as an HTTP date is the time until then', () => {
    const now = Date.parse('2026-12-04T10:00:00Z');
    expect(retryAfterMs('Fri, 04 Dec 2026 10:00:30 GMT', now)).toBe(30_000);
    expect(retryAfterMs('soon', now)).toBe(60_000);
  });

  test.each([500, 502, 503])('a %i without Retry-After is TrackerUnavailable', async (status) => {
    jira.failNext(1, status);
    expect(await failureOf(getIssue())).toBeInstanceOf(TrackerUnavailable);
  });

  test('a site that does not answer is TrackerUnavailable', async () => {
    const { url } = jira;
    await jira.close();
    const err = await failureOf(getIssue(client({ site: url })));
    expect(err).toBeInstanceOf(TrackerUnavailable);
    jira = await startJiraServer();
  });

  test('an answer slower than the timeout is TrackerUnavailable', async () => {
    jira.delayNext(1, 1000);
    const err = await failureOf(getIssue(client({ timeoutMs: 50 })));
    expect(err).toBeInstanceOf(TrackerUnavailable);
    expect(err.message).toContain('no answer within 50 ms');
  });

  test('an answer that is not JSON is TrackerUnavailable', async () => {
    const html: typeof fetch = async () => new Response('<html>maintenance</html>', { status: 200 });
    const err = await failureOf(
      new JiraClient({ site: 'https://acme.atlassian.net', email: EMAIL, token: TOKEN, timeoutMs: 100, fetch: html }).request('GET', '/x'),
    );
    expect(err).toBeInstanceOf(TrackerUnavailable);
  });

  test('an empty answer (204) is undefined', async () => {
    const empty: typeof fetch = async () => new Response(null, { status: 204 });
    expect(
      await new JiraClient({ site: 'https://acme.atlassian.net', email: EMAIL, token: TOKEN, timeoutMs: 100, fetch: empty }).request(
        'PUT',
        '/x',
        { body: {} },
      ),
    ).toBeUndefined();
  });

  test('a wrong token is a TrackerRejected that names the secret format', async () => {
    const err = await failureOf(getIssue(client({ token: 'wrong' })));
    expect(err).toBeInstanceOf(TrackerRejected);
    expect(err.message).toContain('EMAIL:API_TOKEN');
    expect(jira.requests[0]).toMatchObject({ user: EMAIL, status: 401 });
  });

  test('a 400 names the fields Jira lists, not their values', async () => {
    const err = await failureOf(
      client().request('POST', '/rest/api/3/issue', {
        body: {
          fields: { project: { key: 'PROJ' }, issuetype: { name: 'Task' }, summary: 's', priority: { name: 'Secret-Priority-Value' } },
        },
      }),
    );
    expect(err).toBeInstanceOf(TrackerRejected);
    expect(err.message).toContain('priority');
    expect(err.message).not.toContain('Secret-Priority-Value');
  });

  test.each([
    ['401', (): void => undefined, { token: 'wrong' }],
    ['400', (): void => undefined, {}],
    ['500', (): void => jira.failNext(1, 500), {}],
  ] as const)('a %s error holds neither the token nor the email', async (status, arrange, over) => {
    arrange();
    const req =
      status === '400'
        ? client().request('POST', '/rest/api/3/issue', { body: { fields: { summary: `${EMAIL} ${TOKEN}` } } })
        : getIssue(client(over));
    const err = await failureOf(req);
    expect(err.message).toContain(`(${status})`);
    expect(shown(err)).not.toContain(TOKEN);
    expect(shown(err)).not.toContain('wrong');
    expect(shown(err)).not.toContain(EMAIL);
    expect(jira.requests.at(-1)!.user).toBe(EMAIL);
  });
});
