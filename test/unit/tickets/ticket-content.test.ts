import type { Finding } from '../../../lambdas/core/model';
import { escalationComment, resolutionComment, ticketDraft, type TicketContext } from '../../../lambdas/core/tickets/ticket-content';
import type { TicketEvent } from '../../../lambdas/core/tickets/ticket-event';
import type { TicketDoc, TicketInline } from '../../../lambdas/core/tickets/ticket-model';
import type { TicketRouting } from '../../../lambdas/core/tickets/ticket-routing';
import { mismatchFinding } from '../../helpers/findings';

const routing: TicketRouting = {
  minSeverity: 'high',
  kinds: 'all',
  labels: ['drift', 'config'],
  owners: {
    'team-*': { labels: ['team'], components: ['Teams'], assignee: 'glob-lead' },
    'team-db': { labels: ['db', 'drift', 'db'], components: ['Database', 'Database'], assignee: 'alice' },
    '*': { labels: ['triage'], components: ['Inbox'] },
  },
};

const mismatch: Finding = mismatchFinding({
  actual: '@everyone',
  source: { type: 'ssm', location: '/production/api/db_timeout', modifiedBy: 'arn:aws:iam::1:user/mallory' },
  message: 'db.timeout is @everyone in production-us; the baseline expects 10s',
});

const ev = (finding: Finding, extra: Partial<TicketEvent> = {}): TicketEvent => ({
  eventId: 'e-1',
  event: 'opened',
  runId: 'run-7',
  at: '2026-11-24T02:00:00.000Z',
  episode: 2,
  finding,
  ...extra,
});

const ctx: TicketContext = { routing, reportUrl: 'https://reports.example.com/run-7.html' };

/** Every inline of a doc, paragraphs and fact rows alike. */
const inlines = (doc: TicketDoc): TicketInline[] =>
  doc.flatMap((b) => (b.type === 'paragraph' ? b.content : b.type === 'facts' ? b.rows.flatMap((r) => r.content) : []));
const texts = (doc: TicketDoc): string[] => inlines(doc).flatMap((i) => ('text' in i ? [i.text] : []));
const codes = (doc: TicketDoc): string[] => inlines(doc).flatMap((i) => ('code' in i ? [i.code] : []));
const codeBlocks = (doc: TicketDoc): string[] => doc.flatMap((b) => (b.type === 'code' ? [b.text] : []));

describe('ticketDraft', () => {
  test("carries the episode's marker, the title and the severity", () => {
    const draft = ticketDraft(ev(mismatch), ctx);
    expect(draft.marker).toBe('drift-f-mismatch-2');
    expect(draft.title).toBe('production-us: db.timeout is @everyone, baseline 10s');
    expect(draft.severity).toBe('high');
  });

  test.each<[string, string | undefined, Pick<ReturnType<typeof ticketDraft>, 'labels' | 'components'> & { assignee?: string }]>([
    [
      'an exact owner beats a glob; labels and components de-duplicated',
      'team-db',
      { labels: ['drift', 'config', 'db'], components: ['Database'], assignee: 'alice' },
    ],
    ['an owner matched by a glob', 'team-web', { labels: ['drift', 'config', 'team'], components: ['Teams'], assignee: 'glob-lead' }],
    ['`*` catches the rest', 'payments', { labels: ['drift', 'config', 'triage'], components: ['Inbox'] }],
    ['no owner: no route, only the estate labels', undefined, { labels: ['drift', 'config'], components: [] }],
  ])('routing: %s', (_name, owner, expected) => {
    const draft = ticketDraft(ev({ ...mismatch, owner }), ctx);
    expect({ labels: draft.labels, components: draft.components, assignee: draft.assignee }).toEqual({
      assignee: undefined,
      ...expected,
    });
  });

  test('an owner read back from the store as null has no route', () => {
    const draft = ticketDraft(ev({ ...mismatch, owner: null } as unknown as Finding), ctx);
    expect(draft.labels).toEqual(['drift', 'config']);
    expect(draft.assignee).toBeUndefined();
  });

  test.each<[string, Finding, string[]]>([
    ['a mismatch', mismatch, ['@everyone', '10s']],
    [
      'a parity finding',
      {
        ...mismatch,
        kind: 'parity',
        environment: undefined,
        group: 'us-vs-eu',
        expected: undefined,
        actual: undefined,
        values: { 'production-us': '#42', 'production-eu': '**30**' },
        message: 'db.timeout differs across us-vs-eu: production-us #42, production-eu **30**',
      },
      ['#42', '**30**'],
    ],
    [
      'a shadowed value',
      {
        ...mismatch,
        kind: 'shadowed',
        hidden: [{ type: 'file', location: 'config/us.yml', value: '[x](http://evil)' }],
        message: 'db.timeout is @everyone in production-us, hiding [x](http://evil) from config/us.yml',
      },
      ['@everyone', '[x](http://evil)'],
    ],
  ])('every value of %s is only ever in code', (_name, finding, values) => {
    const body = ticketDraft(ev(finding), ctx).body;
    for (const value of values) {
      expect(codes(body)).toContain(value);
      for (const text of texts(body)) expect(text).not.toContain(value);
    }
    for (const text of texts(escalationComment(ev(finding, { event: 'escalated' }), 'medium'))) {
      for (const value of values) expect(text).not.toContain(value);
    }
  });

  test('the message reads in order, with its values as code', () => {
    const [first] = ticketDraft(ev(mismatch), ctx).body;
    expect(first).toEqual({
      type: 'paragraph',
      content: [{ text: 'db.timeout is ' }, { code: '@everyone' }, { text: ' in production-us; the baseline expects ' }, { code: '10s' }],
    });
  });

  test('a syncable finding carries its adopt and revert commands as a code block', () => {
    expect(codeBlocks(ticketDraft(ev(mismatch), ctx).body)).toEqual([
      'drift adopt production-us db.timeout\ndrift revert production-us db.timeout',
    ]);
    const actions = { adopt: ['drift adopt a b'], revert: [] };
    expect(codeBlocks(ticketDraft(ev(mismatch, { actions }), ctx).body)).toEqual(['drift adopt a b']);
  });

  test('a rule carries no commands', () => {
    const rule: Finding = {
      ...mismatch,
      kind: 'rule',
      key: undefined,
      rule: 'r',
      expected: undefined,
      actual: undefined,
      message: 'r is false',
    };
    expect(codeBlocks(ticketDraft(ev(rule), ctx).body)).toEqual([]);
  });

  test("links the previous episode's ticket and the run's report", () => {
    const previous = { tracker: 'github' as const, id: '#12', url: 'https://github.com/o/r/issues/12' };
    const body = ticketDraft(ev(mismatch), { ...ctx, previous }).body;
    expect(inlines(body)).toContainEqual({ link: 'https://github.com/o/r/issues/12', text: '#12' });
    expect(inlines(body)).toContainEqual({ link: 'https://reports.example.com/run-7.html', text: 'run-7' });
    const plain = ticketDraft(ev(mismatch), { routing }).body;
    expect(inlines(plain).filter((i) => 'link' in i)).toEqual([]);
    expect(codes(plain)).toContain('run-7');
  });

  test('a finding about its source (a source-error) names the source once, with its type', () => {
    const sourceError: Finding = {
      id: 'f-source',
      kind: 'source-error',
      severity: 'high',
      estate: 'shop',
      environment: 'prod',
      source: { type: 'dotenv', location: 'prod.env' },
      message: 'dotenv prod.env was read with errors in prod: prod.env: line 3: expected KEY=VALUE',
    };
    const facts = ticketDraft(ev(sourceError), ctx).body.flatMap((b) => (b.type === 'facts' ? b.rows : []));
    expect(facts.filter((r) => r.label === 'Source')).toEqual([{ label: 'Source', content: [{ text: 'dotenv ' }, { code: 'prod.env' }] }]);
    // Nor an empty Source row when none was recorded.
    const bare = ticketDraft(ev({ ...sourceError, source: undefined }), ctx).body.flatMap((b) => (b.type === 'facts' ? b.rows : []));
    expect(bare.filter((r) => r.label === 'Source')).toEqual([]);
  });

  test('names who changed it and the owner, as code', () => {
    const body = ticketDraft(ev(mismatch), ctx).body;
    expect(codes(body)).toEqual(expect.arrayContaining(['arn:aws:iam::1:user/mallory', 'team-db', 'f-mismatch']));
  });
});

describe('comments', () => {
  test('an escalation names the new and previous severity and the run', () => {
    const doc = escalationComment(ev({ ...mismatch, severity: 'critical' }, { event: 'escalated' }), 'high', ctx.reportUrl);
    expect(texts(doc).join('')).toContain('Escalated to critical (was high) in run ');
    expect(inlines(doc)).toContainEqual({ link: ctx.reportUrl, text: 'run-7' });
    expect(codes(escalationComment(ev(mismatch, { event: 'escalated' }), undefined))).toContain('run-7');
  });

  test('a resolution gives the reason and the run; no reason reads as no longer seen', () => {
    const doc = resolutionComment(ev(mismatch, { event: 'resolved', reason: 'adopted into the baseline' }), ctx.reportUrl);
    expect(texts(doc).join('')).toContain('Resolved: adopted into the baseline, in run ');
    expect(inlines(doc)).toContainEqual({ link: ctx.reportUrl, text: 'run-7' });
    const bare = resolutionComment(ev(mismatch, { event: 'resolved' }));
    expect(texts(bare).join('')).toContain('Resolved: no longer seen, in run ');
    expect(codes(bare)).toEqual(['run-7']);
  });
});

describe('a key no one can read right', () => {
  // A key is kept as the source spells it: a right-to-left override, a zero-width space or half of a
  // surrogate pair in it would reorder or hide what the ticket says (the title, the commands to run)
  // or make the tracker refuse the request.
  const odd = mismatchFinding({
    key: 'db\u202e.timeout\u200b\ud800',
    message: 'db\u202e.timeout\u200b\ud800 is 60s in production-us; the baseline expects 10s',
    source: { type: 'file', location: 'cfg.json#db\u202e' },
  });
  const draft = ticketDraft(ev(odd), ctx);
  // Every string of a doc (labels, texts, code, links), as written: JSON would escape a lone surrogate.
  const everything = (x: unknown): string =>
    typeof x === 'string' ? x : x && typeof x === 'object' ? Object.values(x).map(everything).join('\n') : '';

  test('is shown escaped in the title, the body and the comments, never raw', () => {
    for (const text of [
      draft.title,
      everything(draft.body),
      everything(escalationComment(ev(odd, { event: 'escalated' }), 'medium')),
      everything(resolutionComment(ev(odd, { event: 'resolved', reason: 'value \u202efixed' }))),
    ]) {
      expect(text).not.toMatch(/[\u202e\u200b]|\p{Cs}/u);
    }
    expect(draft.title).toContain('db\\u202e.timeout\\u200b\\ud800');
  });
});
