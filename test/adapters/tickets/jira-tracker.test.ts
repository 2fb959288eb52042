import { JiraClient } from '../../../lambdas/adapters/tickets/jira/jira-client';
import { JiraTracker } from '../../../lambdas/adapters/tickets/jira/jira-tracker';
import { TicketGone, TrackerRateLimited, TrackerRejected } from '../../../lambdas/core/tickets/ticket-errors';
import type { TicketDraft } from '../../../lambdas/core/tickets/ticket-model';
import { parseTrackerConfig, type JiraConfig } from '../../../lambdas/core/tickets/tracker-config';
import { adfText } from '../../helpers/jira-adf-check';
import { startJiraServer, type JiraServer } from '../../helpers/jira-server';

const EMAIL = 'drift-bot@example.com';
const TOKEN = 'ATATT3xFfGF0-secret-token';

const draft = (over: Partial<TicketDraft> = {}): TicketDraft => ({
  marker: 'drift-f1a2b3-1',
  title: 'production-us: db.timeout is 60s, baseline 10s',
  body: [
    { type: 'paragraph', content: [{ code: 'db.timeout' }, { text: ' is ' }, { code: '60s' }] },
    { type: 'facts', rows: [{ label: 'Owner', content: [{ text: 'payments' }] }] },
    { type: 'code', text: 'drift adopt db.timeout --env production-us' },
  ],
  labels: ['drift', 'team payments'],
  severity: 'high',
  assignee: '557058:alice',
  components: ['database'],
  ...over,
});

describe('JiraTracker against a local Jira Cloud', () => {
  let jira: JiraServer;
  let tracker: JiraTracker;

  const configFor = (over: object = {}): JiraConfig => {
    const parsed = parseTrackerConfig({ tracker: 'jira', site: jira.url, project: 'PROJ', ...over });
    if (!('config' in parsed) || parsed.config.tracker !== 'jira') throw new Error('bad test config');
    return parsed.config;
  };
  const trackerWith = (over: object = {}): JiraTracker =>
    new JiraTracker(new JiraClient({ site: jira.url, email: EMAIL, token: TOKEN, timeoutMs: 2000 }), configFor(over));

  beforeEach(async () => {
    jira = await startJiraServer({ email: EMAIL, token: TOKEN, project: 'PROJ' });
    tracker = trackerWith();
  });
  afterEach(() => jira.close());

  describe('create', () => {
    test('creates an issue with the ADF body, the marker as a label, the mapped priority, components, assignee and the drift property', async () => {
      const ref = await tracker.create(draft());
      expect(ref).toEqual({ tracker: 'jira', id: 'PROJ-1', url: `${jira.url}/browse/PROJ-1` });
      const issue = jira.issue('PROJ-1')!;
      expect(issue.fields).toMatchObject({
        summary: 'production-us: db.timeout is 60s, baseline 10s',
        issuetype: { name: 'Task' },
        labels: ['drift', 'team-payments', 'drift-f1a2b3-1'],
        priority: { name: 'High' },
        components: [{ name: 'database' }],
        assignee: { accountId: '557058:alice' },
      });
      expect(issue.fields.description).toMatchObject({ type: 'doc', version: 1 });
      expect(adfText(issue.fields.description)).toContain('drift adopt db.timeout --env production-us');
      expect(issue.properties).toEqual({ drift: { marker: 'drift-f1a2b3-1' } });
      expect(jira.requests.every((r) => r.user === EMAIL)).toBe(true);
    });

    test('uses the configured issue type and priorities', async () => {
      await trackerWith({ issueType: 'Bug', priorities: { critical: 'Highest', high: 'Medium' } }).create(draft());
      expect(jira.issue('PROJ-1')!.fields).toMatchObject({ issuetype: { name: 'Bug' }, priority: { name: 'Medium' } });
    });

    test('cuts a long title to 255 characters on one line', async () => {
      await tracker.create(draft({ title: `a\nb ${'x'.repeat(400)}` }));
      const summary = jira.issue('PROJ-1')!.fields.summary;
      expect(summary).toHaveLength(255);
      expect(summary.startsWith('a b xxx')).toBe(true);
    });

    test('cuts a long label to 255 characters without splitting an emoji', async () => {
      await tracker.create(draft({ labels: [`team ${'x'.repeat(249)}🚀tail`] }));
      const label = jira.issue('PROJ-1')!.fields.labels[0] as string;
      expect(label).toBe(`team-${'x'.repeat(249)}`);
    });

    test('leaves out no field it was not given', async () => {
      await tracker.create(draft({ assignee: undefined, components: [] }));
      const create = jira.requests.find((r) => r.method === 'POST')!.body as { fields: object };
      expect(Object.keys(create.fields)).not.toContain('assignee');
      expect(Object.keys(create.fields)).not.toContain('components');
    });

    test.each([
      ['assignee', { assignee: '557058:gone' }],
      ['components', { components: ['no-such-component'] }],
      ['assignee and components', { assignee: '557058:gone', components: ['no-such-component'] }],
    ])('creates it without the %s Jira refuses, and says so in the description', async (what, over) => {
      const ref = await tracker.create(draft(over));
      expect(ref.id).toBe('PROJ-1');
      expect(jira.issues()).toHaveLength(1);
      const issue = jira.issue('PROJ-1')!;
      expect(issue.fields.labels).toContain('drift-f1a2b3-1');
      if (what.includes('assignee')) expect(issue.fields.assignee).toBeUndefined();
      if (what.includes('components')) expect(issue.fields.components).toEqual([]);
      expect(adfText(issue.fields.description)).toContain(`Jira refused the ${what} drift routed this ticket to`);
    });

    test('fails, naming the field and not its value, when Jira refuses the priority', async () => {
      const err = await trackerWith({ priorities: { high: 'Urgent-Bogus' } })
        .create(draft())
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(TrackerRejected);
      expect((err as Error).message).toMatch(/priority/);
      expect((err as Error).message).not.toContain('Urgent-Bogus');
      expect(jira.issues()).toHaveLength(0);
    });

    test('fails when the project does not exist, naming the fix', async () => {
      const err = await trackerWith({ project: 'NOPE' })
        .create(draft())
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(TrackerRejected);
      expect((err as Error).message).toMatch(/field\(s\) project.*check the project/);
    });
  });

  describe('find', () => {
    test('finds the issue carrying the marker through the enhanced JQL search, and nothing for another marker', async () => {
      await tracker.create(draft({ marker: 'drift-aaa-1' }));
      await tracker.create(draft({ marker: 'drift-bbb-1' }));
      expect(await tracker.find('drift-bbb-1')).toEqual({ tracker: 'jira', id: 'PROJ-2', url: `${jira.url}/browse/PROJ-2` });
      expect(await tracker.find('drift-ccc-1')).toBeUndefined();
      const search = jira.requests.find((r) => r.path === '/rest/api/3/search/jql')!;
      expect(search.method).toBe('GET');
      expect(search.query).toMatchObject({
        jql: 'project = "PROJ" AND labels = "drift-bbb-1" ORDER BY created ASC',
        fields: 'key',
      });
    });

    test('does not see an issue the search index has not caught up with yet', async () => {
      jira.searchLagMs = 60_000;
      await tracker.create(draft());
      expect(await tracker.find('drift-f1a2b3-1')).toBeUndefined();
      jira.searchLagMs = 0;
      expect((await tracker.find('drift-f1a2b3-1'))?.id).toBe('PROJ-1');
    });
  });

  describe('comments', () => {
    test('adds a comment with the event id as a property, and then knows it is there', async () => {
      const ref = await tracker.create(draft());
      expect(await tracker.hasComment(ref, 'evt-1')).toBe(false);
      await tracker.comment(ref, {
        eventId: 'evt-1',
        body: [{ type: 'paragraph', content: [{ text: 'Escalated to ' }, { strong: 'critical' }] }],
      });
      const [comment] = jira.issue('PROJ-1')!.comments;
      expect(comment!.properties).toEqual([{ key: 'drift', value: { eventId: 'evt-1' } }]);
      expect(adfText(comment!.body)).toBe('Escalated to critical');
      expect(await tracker.hasComment(ref, 'evt-1')).toBe(true);
      expect(await tracker.hasComment(ref, 'evt-2')).toBe(false);
    });

    test('looks through every page of comments', async () => {
      const ref = await tracker.create(draft());
      const issue = jira.issue('PROJ-1')!;
      for (let i = 0; i < 150; i++) issue.comments.push({ id: String(i), body: { type: 'doc', version: 1, content: [] }, properties: [] });
      await tracker.comment(ref, { eventId: 'evt-late', body: [{ type: 'paragraph', content: [{ text: 'Resolved' }] }] });
      expect(await tracker.hasComment(ref, 'evt-late')).toBe(true);
      const pages = jira.requests.filter((r) => r.method === 'GET' && r.path.endsWith('/comment'));
      expect(pages.map((p) => [p.query.startAt, p.query.expand])).toEqual([
        ['0', 'properties'],
        ['100', 'properties'],
      ]);
    });
  });

  test('setSeverity sets the mapped priority', async () => {
    const ref = await tracker.create(draft());
    await tracker.setSeverity(ref, 'critical', 'high');
    expect(jira.issue('PROJ-1')!.fields.priority).toEqual({ name: 'Highest' });
  });

  describe('close', () => {
    test('closes through the configured transition, its name matched without case', async () => {
      const ref = await trackerWith({ closeTransition: 'DONE' }).create(draft());
      await trackerWith({ closeTransition: 'DONE' }).close(ref, 'value fixed');
      expect(jira.issue('PROJ-1')!.fields.status).toEqual({ name: 'Done', statusCategory: { key: 'done' } });
    });

    test('leaves an issue already in a done status as it is', async () => {
      const ref = await tracker.create(draft());
      jira.setStatus('PROJ-1', 'Won’t do', 'done');
      const before = jira.requests.length;
      await tracker.close(ref, 'value fixed');
      expect(jira.issue('PROJ-1')!.fields.status.name).toBe('Won’t do');
      expect(jira.requests.slice(before).filter((r) => r.method === 'POST')).toEqual([]);
    });

    test('fails naming the transitions offered when the configured one is not there', async () => {
      const ref = await tracker.create(draft());
      const err = await trackerWith({ closeTransition: 'Resolve' })
        .close(ref, 'value fixed')
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(TrackerRejected);
      expect((err as Error).message).toContain('"Start progress", "Done"');
      expect((err as Error).message).toContain('closeTransition');
      expect(jira.issue('PROJ-1')!.fields.status.name).toBe('To Do');
    });

    test('a finding set aside, not fixed (estate removed, excused), closes through notPlannedTransition when set; a fixed one through closeTransition', async () => {
      await jira.close();
      jira = await startJiraServer({
        email: EMAIL,
        token: TOKEN,
        transitions: [
          { name: 'Done', to: 'Done', category: 'done' },
          { name: "Won't do", to: "Won't do", category: 'done' },
        ],
      });
      const t = trackerWith({ notPlannedTransition: "won't do" });
      const [removed, excused, fixed] = [await t.create(draft()), await t.create(draft()), await t.create(draft())];
      await t.close(removed, 'estate removed');
      await t.close(excused, 'excused by an exception');
      await t.close(fixed, 'value fixed');
      expect(['PROJ-1', 'PROJ-2', 'PROJ-3'].map((id) => jira.issue(id)!.fields.status.name)).toEqual(["Won't do", "Won't do", 'Done']);
    });

    test('without notPlannedTransition, or where the workflow does not offer it, every finding closes through closeTransition', async () => {
      const ref = await tracker.create(draft());
      await tracker.close(ref, 'estate removed');
      expect(jira.issue('PROJ-1')!.fields.status.name).toBe('Done');
      const other = await tracker.create(draft());
      await trackerWith({ notPlannedTransition: 'Abandon' }).close(other, 'estate removed');
      expect(jira.issue('PROJ-2')!.fields.status.name).toBe('Done');
    });

    test('uses a custom workflow', async () => {
      await jira.close();
      jira = await startJiraServer({ email: EMAIL, token: TOKEN, transitions: [{ name: 'Close issue', to: 'Closed', category: 'done' }] });
      const custom = trackerWith({ closeTransition: 'close issue' });
      const ref = await custom.create(draft());
      await custom.close(ref, 'adopted');
      expect(jira.issue('PROJ-1')!.fields.status.name).toBe('Closed');
    });
  });

  test('passes a 429 on to the caller at once, without retrying or creating anything', async () => {
    jira.rateLimitNext(1, 3);
    const err = await tracker.create(draft()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TrackerRateLimited);
    expect((err as TrackerRateLimited).retryAfterMs).toBe(3000);
    expect(jira.requests).toHaveLength(1);
    expect(jira.issues()).toHaveLength(0);
  });

  test('a ticket that is not there (deleted or moved by a person) is TicketGone, not a configuration to fix', async () => {
    const err = await tracker.hasComment({ tracker: 'jira', id: 'PROJ-99', url: '' }, 'e').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TicketGone);
    expect((err as Error).message).toBe('Jira issue PROJ-99 is gone (404): deleted or moved');
  });
});
