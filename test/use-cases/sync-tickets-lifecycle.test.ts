import { randomUUID } from 'node:crypto';
import { DynamoDbTicketLedger } from '../../lambdas/adapters/dynamodb/ticket-ledger';
import type { TicketLedger, TicketRecord } from '../../lambdas/ports/ticket-ledger';
import type { TicketTracker } from '../../lambdas/ports/ticket-tracker';
import { TicketGone } from '../../lambdas/core/tickets/ticket-errors';
import { syncTickets, type SyncTicketsDeps, type TicketMessage } from '../../lambdas/use-cases/sync-tickets';
import { useDynalite } from '../helpers/dynalite';
import { finding, githubHarness, jiraHarness, lifecycleMessage, TICKET_ESTATE, type TrackerHarness } from '../helpers/ticket-harness';

const dynalite = useDynalite();

/** A consumer of the ticket queue with its own clock; sleeps are recorded, not waited. */
function consumer(harness: TrackerHarness, ledger: TicketLedger, clock: { ms: number }, tracker: TicketTracker = harness.tracker) {
  const slept: number[] = [];
  const deps: SyncTicketsDeps = {
    tracker,
    ledger,
    routing: async () => TICKET_ESTATE.notify.tickets,
    reportLink: (runId, estate) => `https://reports.example.com/runs/${runId}/reports/${estate}.html`,
    now: () => new Date(clock.ms),
    newToken: randomUUID,
    patience: { sleep: async (ms) => void slept.push(ms), maxWaitMs: 10_000, attempts: 3 },
  };
  return { deps, slept, run: (messages: TicketMessage[]) => syncTickets(messages, deps) };
}

/** Delivers like SQS: failed messages come back (after the visibility timeout) until none is left. */
async function deliverUntilDone(
  run: (m: TicketMessage[]) => Promise<{ failed: string[] }>,
  messages: TicketMessage[],
  clock: { ms: number },
) {
  let pending = messages;
  for (let round = 0; pending.length && round < 20; round += 1) {
    const { failed } = await run(pending);
    pending = pending.filter((m) => failed.includes(m.id));
    clock.ms += 6 * 60_000;
  }
  return pending;
}

describe.each([
  ['GitHub Issues', githubHarness],
  ['Jira Cloud', jiraHarness],
])('the ticket subscriber on %s', (_name, makeHarness) => {
  let harness: TrackerHarness;
  let ledger: DynamoDbTicketLedger;
  const clock = { ms: Date.parse('2026-12-04T02:05:00Z') };

  beforeEach(async () => {
    harness = await makeHarness();
    ledger = new DynamoDbTicketLedger({ client: dynalite.client, table: (await dynalite.freshTable()).table });
  });
  afterEach(() => harness.close());

  test('a lifecycle replay gives one ticket per episode: opened → escalated → resolved closes it, and a return opens a new one linking it', async () => {
    const { run } = consumer(harness, ledger, clock);
    const high = finding('f-timeout');
    await run([lifecycleMessage('opened', high, { run: 'run-1', at: '2026-12-01T02:00:00Z' })]);
    let [first] = harness.tickets();
    expect(harness.tickets()).toHaveLength(1);
    expect(first).toMatchObject({ title: 'production-us: db.timeout is 60s, baseline 10s', open: true, severity: 'high' });
    expect(first!.text).toContain('drift adopt production-us db.timeout');
    expect(first!.text).toContain('drift revert production-us db.timeout');
    expect(first!.text).toContain('https://reports.example.com/runs/run-1/reports/shop.html');
    expect(first!.text).toContain('night-shift');

    await run([
      lifecycleMessage('escalated', finding('f-timeout', { severity: 'critical' }), { run: 'run-2', at: '2026-12-02T02:00:00Z' }),
    ]);
    [first] = harness.tickets();
    expect(first).toMatchObject({ open: true, severity: 'critical' });
    expect(first!.comments).toHaveLength(1);
    expect(first!.comments[0]).toContain('Escalated to critical (was high)');

    await run([lifecycleMessage('resolved', finding('f-timeout', { severity: 'critical' }), { run: 'run-3', at: '2026-12-03T02:00:00Z' })]);
    [first] = harness.tickets();
    expect(first!.open).toBe(false);
    expect(first!.comments).toHaveLength(2);
    expect(first!.comments[1]).toContain('Resolved: value fixed');

    await run([lifecycleMessage('opened', high, { episode: 2, run: 'run-4', at: '2026-12-04T02:00:00Z' })]);
    const tickets = harness.tickets();
    expect(tickets).toHaveLength(2);
    expect(tickets[0]!.open).toBe(false);
    expect(tickets[1]).toMatchObject({ open: true, severity: 'high', comments: [] });
    expect(tickets[1]!.text).toContain('previous episode');
    expect(tickets[1]!.text).toContain(tickets[0]!.id);
  });

  test('labels and assignee follow the key owner through notify.tickets; a finding below its minSeverity makes no ticket', async () => {
    const { run } = consumer(harness, ledger, clock);
    await run([
      lifecycleMessage('opened', finding('f-owned')),
      lifecycleMessage(
        'opened',
        finding('f-edge', {
          key: 'api.url',
          owner: 'team-edge',
          kind: 'missing',
          message: 'api.url is required but not set in production-us',
        }),
      ),
      lifecycleMessage('opened', finding('f-low', { severity: 'medium' })),
    ]);
    const tickets = harness.tickets();
    expect(tickets).toHaveLength(2);
    expect(tickets[0]!.labels).toEqual(expect.arrayContaining(['drift', 'config', 'team-payments']));
    expect(tickets[1]!.labels).toEqual(expect.arrayContaining(['drift', 'config', 'platform']));
    expect(tickets[1]!.labels).not.toContain('team-payments');
  });

  test('duplicate and out-of-order deliveries create no second ticket and never reopen a closed one', async () => {
    const { run } = consumer(harness, ledger, clock);
    const f = finding('f-dup');
    const opened = lifecycleMessage('opened', f, { at: '2026-12-01T02:00:00Z' });
    const escalated = lifecycleMessage('escalated', finding('f-dup', { severity: 'critical' }), { at: '2026-12-02T02:00:00Z' });
    const resolved = lifecycleMessage('resolved', f, { at: '2026-12-03T02:00:00Z' });
    await run([opened, opened]);
    await run([escalated]);
    await run([opened, escalated]);
    await run([resolved]);
    await run([opened, escalated, resolved]);
    const [ticket, ...others] = harness.tickets();
    expect(others).toEqual([]);
    expect(ticket!.open).toBe(false);
    expect(ticket!.comments).toHaveLength(2);

    // An episode whose `resolved` outran its `opened`: nothing to open afterwards.
    const g = finding('f-late');
    await run([lifecycleMessage('resolved', g, { at: '2026-12-03T02:00:00Z' })]);
    await run([lifecycleMessage('opened', g, { at: '2026-12-01T02:00:00Z' })]);
    expect(harness.tickets()).toHaveLength(1);
  });

  test('a ticket a person deleted: its resolution closes the episode, its escalation opens a new ticket, and every other event still syncs', async () => {
    // What each adapter makes of the tracker's 404/410 about that one ticket (their own tests cover the translation).
    const deleted = new Set<string>();
    const gone = (ticket: { id: string }) => {
      if (deleted.has(ticket.id)) throw new TicketGone(`issue ${ticket.id} is gone`);
    };
    const t = harness.tracker;
    const tracker: TicketTracker = {
      ...t,
      name: t.name,
      find: (marker) => t.find(marker),
      create: (draft) => t.create(draft),
      hasComment: async (ticket, id) => (gone(ticket), t.hasComment(ticket, id)),
      comment: async (ticket, c) => (gone(ticket), t.comment(ticket, c)),
      setSeverity: async (ticket, severity, previous) => (gone(ticket), t.setSeverity(ticket, severity, previous)),
      close: async (ticket, reason) => (gone(ticket), t.close(ticket, reason)),
    };
    const { run } = consumer(harness, ledger, clock, tracker);
    const [a, b, c] = ['f-gone-a', 'f-gone-b', 'f-keep'].map((id) => finding(id));
    await run([a, b, c].map((f) => lifecycleMessage('opened', f!, { at: '2026-12-01T02:00:00Z' })));
    const [ta, tb] = harness.tickets();
    deleted.add(ta!.id);
    deleted.add(tb!.id);

    const out = await run([
      lifecycleMessage('resolved', a!, { at: '2026-12-02T02:00:00Z' }),
      lifecycleMessage('escalated', finding('f-gone-b', { severity: 'critical' }), { at: '2026-12-02T02:00:00Z' }),
      lifecycleMessage('resolved', c!, { at: '2026-12-02T02:00:00Z' }),
    ]);
    expect(out.failed).toEqual([]);
    expect((await ledger.get(TICKET_ESTATE.name, 'f-gone-a', 1))?.status).toBe('closed');
    const tickets = harness.tickets();
    expect(tickets).toHaveLength(4);
    expect(tickets[3]).toMatchObject({ open: true, severity: 'critical' });
    expect((await ledger.get(TICKET_ESTATE.name, 'f-gone-b', 1))?.ticket?.id).toBe(tickets[3]!.id);
    expect(tickets[2]!.open).toBe(false);
  });

  test('two consumers given the same messages at once make each ticket once', async () => {
    const a = consumer(harness, ledger, clock);
    const b = consumer(harness, ledger, clock);
    const messages = Array.from({ length: 6 }, (_, i) => lifecycleMessage('opened', finding(`f-race-${i}`)));
    // The same order on both: every message is worked on by both at the same moment. Time moves
    // between rounds only: an invocation (1 minute at most) never outlives its claim (2 minutes).
    let pending = [messages, [...messages]];
    for (let round = 0; pending.some((p) => p.length) && round < 20; round += 1) {
      const done = await Promise.all([a.run(pending[0]!), b.run(pending[1]!)]);
      pending = pending.map((p, i) => p.filter((m) => done[i]!.failed.includes(m.id)));
      clock.ms += 6 * 60_000;
    }
    expect(pending).toEqual([[], []]);
    const titles = harness.tickets().map((t) => t.title);
    expect(titles).toHaveLength(6);
    const markers = harness.tickets().map((t) => (/drift-f-race-\d-1/.exec(t.text + t.labels.join(' ')) ?? [''])[0]);
    expect(new Set(markers).size).toBe(6);
  });

  test('a 429 storm ends with every ticket right: short waits are slept in place, long ones go back to the queue', async () => {
    const c = consumer(harness, ledger, clock);
    const opened = Array.from({ length: 8 }, (_, i) => lifecycleMessage('opened', finding(`f-storm-${i}`), { at: '2026-12-01T02:00:00Z' }));
    const resolved = [0, 3, 5].map((i) => lifecycleMessage('resolved', finding(`f-storm-${i}`), { at: '2026-12-02T02:00:00Z' }));
    harness.rateLimitNext(12, 2);
    const first = await c.run(opened);
    expect(c.slept.filter((ms) => ms === 2000).length).toBeGreaterThan(0);
    // A wait longer than an invocation should sit through: the rest of the batch is left for the queue.
    harness.rateLimitNext(1, 120);
    const second = await c.run([...opened.filter((m) => first.failed.includes(m.id)), ...resolved]);
    expect(second.failed.length).toBeGreaterThan(0);
    harness.rateLimitNext(20, 1);
    const left = await deliverUntilDone(c.run, [...opened, ...resolved], clock);
    expect(left).toEqual([]);
    const tickets = harness.tickets();
    expect(tickets).toHaveLength(8);
    expect(tickets.filter((t) => !t.open)).toHaveLength(3);
    for (const t of tickets.filter((x) => !x.open)) expect(t.comments).toHaveLength(1);
  });

  test('a lost mapping is recovered through the marker: no second ticket, and the resolution still closes it', async () => {
    const { run } = consumer(harness, ledger, clock);
    const f = finding('f-lost');
    await run([lifecycleMessage('opened', f, { at: '2026-12-01T02:00:00Z' })]);
    const emptyLedger = new DynamoDbTicketLedger({ client: dynalite.client, table: (await dynalite.freshTable()).table });
    const fresh = consumer(harness, emptyLedger, clock);
    await fresh.run([lifecycleMessage('opened', f, { at: '2026-12-01T02:00:00Z' })]);
    expect(harness.tickets()).toHaveLength(1);
    const other = new DynamoDbTicketLedger({ client: dynalite.client, table: (await dynalite.freshTable()).table });
    await consumer(harness, other, clock).run([lifecycleMessage('resolved', f, { at: '2026-12-02T02:00:00Z' })]);
    expect(harness.tickets()).toEqual([expect.objectContaining({ open: false })]);
  });

  test('a consumer that dies after creating, before recording, is taken over once its claim runs out: the ticket is found, not made again', async () => {
    const f = finding('f-crash');
    const message = lifecycleMessage('opened', f);
    // The ledger refuses the write that would record the outcome: the consumer "dies" there.
    let puts = 0;
    const dying: TicketLedger = {
      get: (...a) => ledger.get(...a),
      previous: (...a) => ledger.previous(...a),
      list: (...a) => ledger.list(...a),
      put: async (r: TicketRecord, v) => {
        puts += 1;
        if (puts === 2) throw new Error('killed');
        return ledger.put(r, v);
      },
    };
    harness.setSearchLag(60_000);
    const failed = await consumer(harness, dying, clock).run([message]);
    expect(failed.failed).toEqual([message.id]);
    expect(harness.tickets()).toHaveLength(1);
    // Redelivered at once: the claim is fresh, so it waits rather than acting.
    const again = await consumer(harness, ledger, clock).run([message]);
    expect(again.failed).toEqual([message.id]);
    // After the lease and the search index's lag, the taker finds the ticket.
    harness.setSearchLag(0);
    clock.ms += 3 * 60_000;
    const taken = await consumer(harness, ledger, clock).run([message]);
    expect(taken).toMatchObject({ failed: [], outcomes: { found: 1 } });
    expect(harness.tickets()).toHaveLength(1);
  });
});
