import { Octokit } from '@octokit/rest';
import { GitHubTracker } from '../../../lambdas/adapters/tickets/github/github-tracker';
import { TicketGone, TrackerRateLimited, TrackerRejected, TrackerUnavailable } from '../../../lambdas/core/tickets/ticket-errors';
import type { TicketDraft } from '../../../lambdas/core/tickets/ticket-model';
import { startGitHubServer, type GitHubServer } from '../../helpers/github-server';

const TOKEN = 'ghp_s3cretT0kenValue000000000000000000';
const silent = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

const draft = (over: Partial<TicketDraft> = {}): TicketDraft => ({
  marker: 'drift-f1a2b3-1',
  title: 'production-us: db.timeout is 60s, baseline 10s',
  body: [{ type: 'paragraph', content: [{ text: 'db.timeout is ' }, { code: '60s' }] }],
  labels: ['drift', 'team:payments'],
  severity: 'medium',
  components: ['ignored-on-github'],
  ...over,
});

let gh: GitHubServer;
let clock: number;
beforeEach(async () => {
  clock = 1_750_000_000_000;
  gh = await startGitHubServer({ token: TOKEN, owner: 'acme', repo: 'infra', assignable: ['alice'], now: () => clock });
});
afterEach(() => gh.close());

const tracker = (token = TOKEN, extra: ConstructorParameters<typeof Octokit>[0] = {}) =>
  new GitHubTracker({
    octokit: new Octokit({ auth: token, baseUrl: gh.url, log: silent, ...extra }),
    repo: 'acme/infra',
    now: () => clock,
  });

describe('GitHubTracker against a local GitHub', () => {
  test('create: title, Markdown body ending in the hidden marker, labels with the severity, assignee; returns the issue', async () => {
    const ref = await tracker().create(draft({ assignee: 'alice' }));
    expect(ref).toEqual({ tracker: 'github', id: '1', url: `${gh.url}/acme/infra/issues/1` });
    const [issue] = gh.issues();
    expect(issue).toMatchObject({ title: 'production-us: db.timeout is 60s, baseline 10s', assignees: ['alice'], state: 'open' });
    expect(issue!.labels).toEqual(['drift', 'team:payments', 'severity:medium']);
    expect(issue!.body).toBe('db\\.timeout is ` 60s `\n\n<!-- drift:marker drift-f1a2b3-1 -->');
    expect(gh.requests[0]!.authorization).toBe(`token ${TOKEN}`);
  });

  test('create: an assignee GitHub cannot assign gets the issue made without one, and the body says so safely', async () => {
    const ref = await tracker().create(draft({ assignee: 'mallory' }));
    expect(gh.requests.map((r) => r.status)).toEqual([422, 201]);
    expect(ref.id).toBe('1');
    const [issue] = gh.issues();
    expect(issue!.assignees).toEqual([]);
    expect(issue!.body).toContain('drift could not assign ` @mallory `: check the owner mapping in drift\\.yaml\\.');
    expect(issue!.body.trimEnd().endsWith('<!-- drift:marker drift-f1a2b3-1 -->')).toBe(true);
  });

  test('find: searches the repository by marker and accepts only an issue whose body carries the marker line', async () => {
    const t = tracker();
    expect(await t.find('drift-f1a2b3-1')).toBeUndefined();
    // Mentions the marker in its text, but is not the ticket: search finds it, find must not.
    await t.create(draft({ marker: 'other', body: [{ type: 'paragraph', content: [{ text: 'see ' }, { code: 'drift-f1a2b3-1' }] }] }));
    const ref = await t.create(draft());
    expect(await t.find('drift-f1a2b3-1')).toEqual(ref);
    const search = gh.requests.filter((r) => r.path === '/search/issues').at(-1)!;
    expect(search.query.q).toBe('repo:acme/infra is:issue in:body "drift-f1a2b3-1"');
  });

  test('find: a value quoting the marker line is not the marker; notes a person added below the marker do not hide it', async () => {
    const t = tracker();
    const quoting = [{ type: 'paragraph' as const, content: [{ code: '<!-- drift:marker drift-f1a2b3-1 -->' }] }];
    await t.create(draft({ marker: 'other', body: quoting }));
    expect(await t.find('drift-f1a2b3-1')).toBeUndefined();
    const ref = await t.create(draft());
    gh.issue(2)!.body += '\r\n\r\nNote from on-call: looking at it.';
    expect(await t.find('drift-f1a2b3-1')).toEqual(ref);
  });

  test('find: an issue search has not indexed yet is not found, and is once the index catches up', async () => {
    const t = tracker();
    gh.searchLagMs = 60_000;
    const ref = await t.create(draft());
    expect(await t.find('drift-f1a2b3-1')).toBeUndefined();
    clock += 60_000;
    expect(await t.find('drift-f1a2b3-1')).toEqual(ref);
  });

  test('find: a closed ticket is found too', async () => {
    const t = tracker();
    const ref = await t.create(draft());
    await t.close(ref, 'value fixed');
    expect(await t.find('drift-f1a2b3-1')).toEqual(ref);
  });

  test('comment and hasComment: the event id is hidden in the comment, found across pages of comments', async () => {
    const t = tracker();
    const ref = await t.create(draft());
    expect(await t.hasComment(ref, 'evt-1')).toBe(false);
    await t.comment(ref, { eventId: 'evt-1', body: [{ type: 'paragraph', content: [{ text: 'Escalated to ' }, { strong: 'high' }] }] });
    expect(gh.issue(1)!.comments[0]!.body).toBe('Escalated to **high**\n\n<!-- drift:event evt-1 -->');
    expect(await t.hasComment(ref, 'evt-1')).toBe(true);
    expect(await t.hasComment(ref, 'evt-2')).toBe(false);

    for (let i = 2; i <= 120; i += 1)
      await t.comment(ref, { eventId: `evt-${i}`, body: [{ type: 'paragraph', content: [{ text: `n${i}` }] }] });
    gh.requests.length = 0;
    expect(await t.hasComment(ref, 'evt-120')).toBe(true);
    expect(gh.requests.map((r) => [r.path, r.query.page ?? '1', r.query.per_page])).toEqual([
      ['/repos/acme/infra/issues/1/comments', '1', '100'],
      ['/repos/acme/infra/issues/1/comments', '2', '100'],
    ]);
    expect(await t.hasComment(ref, 'evt-12')).toBe(true);
  });

  test('setSeverity: swaps the severity label, keeps the labels people added, never replaces the set', async () => {
    const t = tracker();
    const ref = await t.create(draft({ severity: 'medium' }));
    await t.setSeverity(ref, 'high', 'medium');
    expect(gh.issue(1)!.labels).toEqual(['drift', 'team:payments', 'severity:high']);
    expect(gh.requests.filter((r) => r.method === 'PUT')).toEqual([]);
    const [remove] = gh.requests.filter((r) => r.method === 'DELETE');
    expect(remove!.path).toBe('/repos/acme/infra/issues/1/labels/severity:medium');
  });

  test('setSeverity: a previous label someone already removed (404) is fine; no previous severity only adds', async () => {
    const t = tracker();
    const ref = await t.create(draft({ severity: 'medium' }));
    await t.setSeverity(ref, 'critical', 'low');
    expect(gh.requests.find((r) => r.method === 'DELETE')!.status).toBe(404);
    await t.setSeverity(ref, 'high', undefined);
    expect(gh.issue(1)!.labels).toEqual(['drift', 'team:payments', 'severity:medium', 'severity:critical', 'severity:high']);
    expect(gh.requests.filter((r) => r.method === 'DELETE')).toHaveLength(1);
  });

  test('close: completed, or not planned when excused by an exception; a closed issue is left as it is', async () => {
    const t = tracker();
    const fixed = await t.create(draft({ marker: 'm1' }));
    const excused = await t.create(draft({ marker: 'm2' }));
    await t.close(fixed, 'value fixed');
    await t.close(fixed, 'value fixed');
    await t.close(excused, 'excused by an exception');
    expect(gh.issues().map((i) => [i.state, i.stateReason])).toEqual([
      ['closed', 'completed'],
      ['closed', 'not_planned'],
    ]);
    expect(gh.requests.filter((r) => r.method === 'PATCH')).toHaveLength(2);
  });

  test.each([
    ['estate removed', 'not_planned'],
    ['environment removed', 'not_planned'],
    ['parity group removed', 'not_planned'],
    ['source removed', 'not_planned'],
    ['rule removed', 'not_planned'],
    ['now reported as exception-expired', 'not_planned'],
    ['now reported as mismatch', 'not_planned'],
    ['adopted into the baseline', 'completed'],
    ['tasks or pods replaced', 'completed'],
    ['key removed', 'completed'],
  ])('close: a finding resolved with %s is closed as %s (the drift set aside, not fixed, is not planned)', async (reason, stateReason) => {
    const t = tracker();
    await t.close(await t.create(draft()), reason);
    expect(gh.issue(1)).toMatchObject({ state: 'closed', stateReason });
  });

  test('close: an issue a person closed as not planned keeps its reason', async () => {
    const t = tracker();
    const ref = await t.create(draft());
    await new Octokit({ auth: TOKEN, baseUrl: gh.url, log: silent }).rest.issues.update({
      owner: 'acme',
      repo: 'infra',
      issue_number: 1,
      state: 'closed',
      state_reason: 'not_planned',
    });
    await t.close(ref, 'value fixed');
    expect(gh.issue(1)).toMatchObject({ state: 'closed', stateReason: 'not_planned' });
  });

  test('components are left out: GitHub has none', async () => {
    await tracker().create(draft());
    expect(Object.keys(gh.requests[0]!.body as object).sort()).toEqual(['assignees', 'body', 'labels', 'title']);
  });
});

describe('GitHubTracker failures', () => {
  const failure = async (run: () => Promise<unknown>): Promise<Error> => {
    const err = await run().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(Error);
    const e = err as Error & { context?: object };
    for (const text of [e.message, String(e), e.stack ?? '', JSON.stringify(e.context ?? {})]) expect(text).not.toContain(TOKEN);
    return e;
  };

  test('a token GitHub refuses (401): TrackerRejected naming the fix, never the token', async () => {
    const err = await failure(() => tracker('ghp_wrong').create(draft()));
    expect(err).toBeInstanceOf(TrackerRejected);
    expect(err.message).toBe(
      'GitHub refused the token (401) to create an issue: put a token with Issues read and write on acme/infra in the tickets secret (see https://docs.github.com/rest)',
    );
    expect(gh.issues()).toEqual([]);
  });

  test.each([
    [429, 7, 7000],
    [403, 3, 3000],
  ] as const)('a %d with Retry-After: %d s is TrackerRateLimited for that long', async (status, seconds, ms) => {
    gh.rateLimitNext(1, 'retry-after', { status, seconds });
    const err = await failure(() => tracker().create(draft()));
    expect(err).toBeInstanceOf(TrackerRateLimited);
    expect((err as TrackerRateLimited).retryAfterMs).toBe(ms);
    expect(gh.issues()).toEqual([]);
  });

  test('the primary limit spent (403, x-ratelimit-remaining: 0): wait until x-ratelimit-reset', async () => {
    gh.rateLimitNext(1, 'primary', { seconds: 90 });
    const err = await failure(() => tracker().find('m'));
    expect(err).toBeInstanceOf(TrackerRateLimited);
    expect((err as TrackerRateLimited).retryAfterMs).toBe(90_000);
  });

  test('a secondary limit with no header: wait at least a minute', async () => {
    gh.rateLimitNext(1, 'secondary');
    const ref = { tracker: 'github' as const, id: '1', url: '' };
    const err = await failure(() => tracker().comment(ref, { eventId: 'e', body: [] }));
    expect(err).toBeInstanceOf(TrackerRateLimited);
    expect((err as TrackerRateLimited).retryAfterMs).toBe(60_000);
    expect(err.message).toBe('GitHub rate-limited comment on issue 1 on acme/infra (403): retry in 60 s');
  });

  test('a 5xx is TrackerUnavailable, and the next call goes through', async () => {
    gh.failNext(1, 502);
    const t = tracker();
    const err = await failure(() => t.create(draft()));
    expect(err).toBeInstanceOf(TrackerUnavailable);
    expect(err.message).toBe('GitHub failed (502) to create an issue on acme/infra');
    await expect(t.create(draft())).resolves.toMatchObject({ id: '1' });
  });

  test('GitHub unreachable, or too slow, is TrackerUnavailable', async () => {
    const t = tracker();
    await gh.close();
    const refused = await failure(() => t.find('m'));
    expect(refused).toBeInstanceOf(TrackerUnavailable);
    expect(refused.message).toBe('GitHub could not be reached to search issues for a marker on acme/infra');

    gh = await startGitHubServer({ token: TOKEN, owner: 'acme', repo: 'infra' });
    gh.delayNext(1, 2000);
    const slow = await failure(() => tracker(TOKEN, { request: { signal: AbortSignal.timeout(100) } }).find('m'));
    expect(slow).toBeInstanceOf(TrackerUnavailable);
  });

  test.each([
    [404, /found nothing to create an issue on acme\/infra \(404\): check the repository/],
    [410, /410 Gone to create an issue on acme\/infra: turn Issues on/],
    [422, /refused create an issue on acme\/infra as invalid \(422\)/],
    [403, /forbade create an issue on acme\/infra \(403\): give the token in the tickets secret Issues read and write on acme\/infra/],
  ])('a %d on the repository is TrackerRejected with a message naming the fix', async (status, message) => {
    gh.failNext(1, status);
    const err = await failure(() => tracker().create(draft()));
    expect(err).toBeInstanceOf(TrackerRejected);
    expect(err.message).toMatch(message);
  });

  test.each([404, 410])(
    'a %d about one issue (deleted or transferred by a person) is TicketGone, not a configuration to fix',
    async (status) => {
      gh.failNext(1, status);
      const err = await failure(() => tracker().comment({ tracker: 'github', id: '1', url: '' }, { eventId: 'e', body: [] }));
      expect(err).toBeInstanceOf(TicketGone);
      expect(err.message).toBe(`GitHub issue 1 on acme/infra is gone (${status}): deleted or transferred`);
      const missing = await failure(() => tracker().hasComment({ tracker: 'github', id: '99', url: '' }, 'e'));
      expect(missing).toBeInstanceOf(TicketGone);
    },
  );

  test('a 403 or 422 about one issue is still TrackerRejected', async () => {
    gh.failNext(1, 422);
    const err = await failure(() => tracker().comment({ tracker: 'github', id: '1', url: '' }, { eventId: 'e', body: [] }));
    expect(err).toBeInstanceOf(TrackerRejected);
    expect(err.message).toMatch(/refused comment on issue 1 on acme\/infra as invalid \(422\)/);
  });
});
