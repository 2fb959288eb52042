import type { FindingState } from '../../../lambdas/core/lifecycle/model';
import { eventId } from '../../../lambdas/core/lifecycle/plan-lifecycle';
import type { Finding } from '../../../lambdas/core/model';
import { planTicketSync } from '../../../lambdas/core/tickets/plan-ticket-sync';
import type { TicketRecord } from '../../../lambdas/core/tickets/ticket-record';
import { TICKET_ROUTING_DEFAULT } from '../../../lambdas/core/tickets/ticket-routing';

const finding = (id: string, severity: Finding['severity'] = 'high'): Finding => ({
  id,
  kind: 'mismatch',
  severity,
  estate: 'shop',
  environment: 'us',
  key: `k.${id}`,
  expected: '1',
  actual: '2',
  message: `k.${id} is 2 in us; the baseline expects 1`,
});

const state = (id: string, extra: Partial<FindingState> = {}): FindingState => ({
  id,
  estate: 'shop',
  episode: 1,
  status: 'open',
  firstSeen: '2026-11-01T02:00:00Z',
  openedRun: 'run-1',
  severity: 'high',
  contentHash: 'h',
  finding: finding(id),
  lastChangedAt: '2026-11-01T02:00:00Z',
  version: 1,
  ...extra,
});

const ticket = (n: number) => ({ tracker: 'github' as const, id: String(n), url: `https://github.com/o/r/issues/${n}` });
const record = (findingId: string, extra: Partial<TicketRecord> = {}): TicketRecord => ({
  estate: 'shop',
  findingId,
  episode: 1,
  status: 'open',
  ticket: ticket(1),
  applied: [],
  version: 1,
  updatedAt: '2026-11-02T00:00:00Z',
  ...extra,
});

describe('planTicketSync', () => {
  test('open findings without a ticket are opened with the lifecycle event ids; those with one are counted', () => {
    const plan = planTicketSync(
      [state('a'), state('b', { episode: 3, openedRun: 'run-9', firstSeen: '2026-11-09T02:00:00Z' }), state('c')],
      [record('c')],
      TICKET_ROUTING_DEFAULT,
    );
    expect(plan.open).toEqual([
      {
        eventId: eventId('a', 1, 'opened'),
        event: 'opened',
        runId: 'run-1',
        at: '2026-11-01T02:00:00Z',
        episode: 1,
        finding: finding('a'),
      },
      {
        eventId: eventId('b', 3, 'opened'),
        event: 'opened',
        runId: 'run-9',
        at: '2026-11-09T02:00:00Z',
        episode: 3,
        finding: finding('b'),
      },
    ]);
    expect(plan.ticketed).toBe(1);
    expect(plan.close).toEqual([]);
  });

  test('a record of an earlier episode does not count: the current episode is opened', () => {
    const plan = planTicketSync([state('a', { episode: 2 })], [record('a', { status: 'closed' })], TICKET_ROUTING_DEFAULT);
    expect(plan.open.map((e) => [e.finding.id, e.episode])).toEqual([['a', 2]]);
  });

  test('a claimed record (a consumer died mid-create) is opened again: its event id makes it act once', () => {
    const plan = planTicketSync([state('a')], [record('a', { status: 'claimed', ticket: undefined })], TICKET_ROUTING_DEFAULT);
    expect(plan.open.map((e) => e.eventId)).toEqual([eventId('a', 1, 'opened')]);
  });

  test('findings below the threshold, or resolved, are not opened', () => {
    const plan = planTicketSync(
      [state('low', { finding: finding('low', 'medium'), severity: 'medium' }), state('gone', { status: 'resolved' })],
      [],
      TICKET_ROUTING_DEFAULT,
    );
    expect(plan).toEqual({ open: [], close: [], ticketed: 0, kept: [], notTicketed: 1 });
  });

  test('open findings notify.tickets leaves out are counted, so an empty plan says why it is empty', () => {
    const plan = planTicketSync(
      [
        state('m1', { finding: finding('m1', 'medium'), severity: 'medium' }),
        state('m2', { finding: finding('m2', 'low'), severity: 'low' }),
        state('h', { finding: finding('h', 'high') }),
      ],
      [],
      TICKET_ROUTING_DEFAULT,
    );
    expect(plan.notTicketed).toBe(2);
    expect(plan.open.map((e) => e.finding.id)).toEqual(['h']);
  });

  test("an open ticket whose episode resolved is closed with the state's reason and run", () => {
    const st = state('a', {
      status: 'resolved',
      resolvedRun: 'run-5',
      resolvedAt: '2026-11-05T02:00:00Z',
      reason: 'adopted into the baseline',
    });
    const plan = planTicketSync([st], [record('a', { ticket: ticket(7) })], TICKET_ROUTING_DEFAULT);
    expect(plan.close).toEqual([
      {
        ticket: ticket(7),
        event: {
          eventId: eventId('a', 1, 'resolved'),
          event: 'resolved',
          runId: 'run-5',
          at: '2026-11-05T02:00:00Z',
          episode: 1,
          reason: 'adopted into the baseline',
          finding: finding('a'),
        },
      },
    ]);
  });

  test('an open ticket whose finding moved to a later episode is closed as no longer seen, and the new episode opened', () => {
    const plan = planTicketSync([state('a', { episode: 2, openedRun: 'run-8' })], [record('a')], TICKET_ROUTING_DEFAULT);
    expect(plan.close).toHaveLength(1);
    expect(plan.close[0]?.event).toMatchObject({
      eventId: eventId('a', 1, 'resolved'),
      episode: 1,
      reason: 'no longer seen',
      runId: 'run-8',
    });
    expect(plan.open.map((e) => e.eventId)).toEqual([eventId('a', 2, 'opened')]);
  });

  test('an open ticket whose finding has vanished is closed as no longer seen, at the record time', () => {
    const plan = planTicketSync([], [record('x', { ticket: ticket(3) })], TICKET_ROUTING_DEFAULT);
    expect(plan.close).toEqual([
      {
        ticket: ticket(3),
        event: expect.objectContaining({
          eventId: eventId('x', 1, 'resolved'),
          reason: 'no longer seen',
          at: '2026-11-02T00:00:00Z',
          finding: expect.objectContaining({ id: 'x', estate: 'shop' }),
        }),
      },
    ]);
  });

  test('closed records, tombstones and the open tickets of open episodes are not closed', () => {
    const plan = planTicketSync(
      [state('a'), state('b', { status: 'resolved' })],
      [record('a'), record('b', { status: 'closed' }), record('c', { status: 'closed', ticket: undefined })],
      TICKET_ROUTING_DEFAULT,
    );
    expect(plan.close).toEqual([]);
    expect(plan.ticketed).toBe(1);
  });

  test('a ticket of a still-open finding notify.tickets no longer tickets is left open and reported, never closed', () => {
    const routing = { ...TICKET_ROUTING_DEFAULT, minSeverity: 'critical' as const };
    const plan = planTicketSync(
      [state('a'), state('b', { finding: { ...finding('b'), kind: 'shadowed' } }), state('c')],
      [record('a', { ticket: ticket(7) }), record('b', { ticket: ticket(8) })],
      { ...routing, kinds: ['mismatch'] },
    );
    expect(plan.close).toEqual([]);
    expect(plan.open).toEqual([]);
    expect(plan.kept).toEqual([
      { ticket: ticket(7), finding: finding('a'), episode: 1, why: 'high is below notify.tickets.minSeverity critical' },
      {
        ticket: ticket(8),
        finding: { ...finding('b'), kind: 'shadowed' },
        episode: 1,
        why: 'notify.tickets.kinds leaves out shadowed',
      },
    ]);
  });

  test('once such a finding resolves, its ticket is closed as any other', () => {
    const routing = { ...TICKET_ROUTING_DEFAULT, minSeverity: 'critical' as const };
    const plan = planTicketSync([state('a', { status: 'resolved', reason: 'value fixed' })], [record('a')], routing);
    expect(plan.kept).toEqual([]);
    expect(plan.close.map((c) => [c.ticket.id, c.event.reason])).toEqual([['1', 'value fixed']]);
  });
});
