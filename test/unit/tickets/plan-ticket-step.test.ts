import type { Finding } from '../../../lambdas/core/model';
import { CLAIM_LEASE_MS, planTicketStep, ticketed, type TicketStep } from '../../../lambdas/core/tickets/plan-ticket-step';
import type { TicketEvent, TicketEventName } from '../../../lambdas/core/tickets/ticket-event';
import type { TicketRecord } from '../../../lambdas/core/tickets/ticket-record';
import { TICKET_ROUTING_DEFAULT, type TicketRouting } from '../../../lambdas/core/tickets/ticket-routing';

const NOW = Date.parse('2026-11-24T02:10:00.000Z');
const routing: TicketRouting = TICKET_ROUTING_DEFAULT;

const high: Finding = {
  id: 'f1',
  kind: 'mismatch',
  severity: 'high',
  estate: 'shop',
  environment: 'us',
  key: 'db.timeout',
  expected: '10s',
  actual: '60s',
  message: 'db.timeout is 60s in us; the baseline expects 10s',
};
const low: Finding = { ...high, severity: 'low' };

const ev = (event: TicketEventName, finding: Finding = high): TicketEvent => ({
  eventId: `e-${event}`,
  event,
  runId: 'run-1',
  at: '2026-11-24T02:00:00.000Z',
  episode: 1,
  finding,
});

const record = (status: TicketRecord['status'], extra: Partial<TicketRecord> = {}): TicketRecord => ({
  estate: 'shop',
  findingId: 'f1',
  episode: 1,
  status,
  applied: [],
  version: 1,
  updatedAt: '2026-11-24T02:00:00.000Z',
  ...extra,
});
const claimed = (ageMs: number, from: 'none' | 'open' | 'closed'): TicketRecord =>
  record('claimed', { claim: { token: 't', at: new Date(NOW - ageMs).toISOString(), eventId: 'e-other', from } });

const FRESH = CLAIM_LEASE_MS - 1;
const STALE = CLAIM_LEASE_MS;

type Case = [string, TicketEvent, TicketRecord | undefined, TicketStep['do'], Record<string, unknown>?];

describe('planTicketStep', () => {
  test.each<Case>([
    // opened
    ['opened, no record: create', ev('opened'), undefined, 'create', { from: 'none', takeover: false }],
    ['opened, open record: skip (the episode has its ticket)', ev('opened'), record('open'), 'skip'],
    ['opened after resolved (closed record): skip, never reopened', ev('opened'), record('closed'), 'skip'],
    ['opened, claimed fresh: wait', ev('opened'), claimed(FRESH, 'none'), 'wait'],
    [
      'opened, claimed stale from none: create, taking over',
      ev('opened'),
      claimed(STALE, 'none'),
      'create',
      { from: 'none', takeover: true },
    ],
    ['opened, claimed stale from open: skip', ev('opened'), claimed(STALE, 'open'), 'skip'],
    ['opened, claimed stale from closed: skip', ev('opened'), claimed(STALE, 'closed'), 'skip'],
    ['opened below minSeverity: skip', ev('opened', low), undefined, 'skip'],
    // escalated
    ['escalated, no record, ticketed: create', ev('escalated'), undefined, 'create', { from: 'none', takeover: false }],
    ['escalated, no record, not ticketed: skip', ev('escalated', low), undefined, 'skip'],
    ['escalated, open record: update', ev('escalated'), record('open'), 'update', { from: 'open', takeover: false }],
    ['escalated, open record, below threshold: still update', ev('escalated', low), record('open'), 'update'],
    ['escalated, closed record: skip', ev('escalated'), record('closed'), 'skip'],
    ['escalated, claimed fresh: wait', ev('escalated'), claimed(FRESH, 'open'), 'wait'],
    [
      'escalated, claimed stale from open: update, taking over',
      ev('escalated'),
      claimed(STALE, 'open'),
      'update',
      { from: 'open', takeover: true },
    ],
    [
      'escalated, claimed stale from none: create, taking over',
      ev('escalated'),
      claimed(STALE, 'none'),
      'create',
      { from: 'none', takeover: true },
    ],
    // resolved
    ['resolved, no record: close-found', ev('resolved'), undefined, 'close-found', { from: 'none', takeover: false }],
    ['resolved, no record, not ticketed: still close-found (a tombstone)', ev('resolved', low), undefined, 'close-found'],
    ['resolved, open record: close', ev('resolved'), record('open'), 'close', { from: 'open', takeover: false }],
    ['resolved, closed record: skip', ev('resolved'), record('closed'), 'skip'],
    ['resolved, claimed fresh: wait', ev('resolved'), claimed(FRESH, 'open'), 'wait'],
    [
      'resolved, claimed stale from open: close, taking over',
      ev('resolved'),
      claimed(STALE, 'open'),
      'close',
      { from: 'open', takeover: true },
    ],
    [
      'resolved, claimed stale from none: close-found',
      ev('resolved'),
      claimed(STALE, 'none'),
      'close-found',
      { from: 'none', takeover: true },
    ],
    // already applied wins over everything
    [
      'an applied opened on an open record: skip',
      ev('opened'),
      record('open', { applied: ['e-opened'] }),
      'skip',
      { why: 'already applied' },
    ],
    [
      'an applied resolved on a claim: skip',
      ev('resolved'),
      { ...claimed(FRESH, 'open'), applied: ['e-resolved'] },
      'skip',
      { why: 'already applied' },
    ],
    [
      'an escalated applied before: skip',
      ev('escalated'),
      record('open', { applied: ['e-escalated'] }),
      'skip',
      { why: 'already applied' },
    ],
  ])('%s', (_name, event, rec, expected, extra = {}) => {
    const step = planTicketStep(event, rec, routing, NOW);
    expect(step).toMatchObject({ do: expected, ...extra });
  });

  test('a claim with no readable time is stale', () => {
    const rec = record('claimed', { claim: { token: 't', at: 'not a date', eventId: 'e', from: 'open' } });
    expect(planTicketStep(ev('resolved'), rec, routing, NOW)).toEqual({ do: 'close', from: 'open', takeover: true });
  });

  test('the lease ends exactly at CLAIM_LEASE_MS', () => {
    expect(planTicketStep(ev('opened'), claimed(CLAIM_LEASE_MS - 1, 'none'), routing, NOW).do).toBe('wait');
    expect(planTicketStep(ev('opened'), claimed(CLAIM_LEASE_MS, 'none'), routing, NOW).do).toBe('create');
  });
});

describe('ticketed', () => {
  test.each<[string, Finding, TicketRouting, boolean]>([
    ['at minSeverity', high, routing, true],
    ['above minSeverity', { ...high, severity: 'critical' }, routing, true],
    ['below minSeverity', low, routing, false],
    ['at a lowered minSeverity', low, { ...routing, minSeverity: 'low' }, true],
    ['a kind listed', high, { ...routing, kinds: ['mismatch'] }, true],
    ['a kind not listed', high, { ...routing, kinds: ['parity', 'missing'] }, false],
    ['a changed finding, never', { ...high, kind: 'changed', severity: 'critical' }, { ...routing, minSeverity: 'info' }, false],
    [
      'a changed finding even when listed',
      { ...high, kind: 'changed', severity: 'critical' },
      { ...routing, kinds: ['changed'], minSeverity: 'info' },
      false,
    ],
  ])('%s', (_name, finding, r, expected) => {
    expect(ticketed(finding, r)).toBe(expected);
    if (!expected) expect(planTicketStep(ev('opened', finding), undefined, r, NOW).do).toBe('skip');
  });
});

describe('a parity difference a member finding explains is ticketed with its cause, not beside it', () => {
  const parity: Finding = {
    id: 'p1',
    kind: 'parity',
    severity: 'high',
    estate: 'shop',
    group: 'stage-vs-prod',
    key: 'db.host',
    values: { staging: 'db.internal', prod: null },
    message: 'db.host differs across stage-vs-prod: staging db.internal, prod absent',
  };
  const causedBy = (severity: Finding['severity'], kind: Finding['kind'] = 'dangling-ref'): Finding => ({
    ...parity,
    causedBy: [{ id: 'd1', kind, severity, environment: 'prod' }],
  });

  test('its cause is ticketed: no ticket of its own, for opened and escalated alike', () => {
    for (const name of ['opened', 'escalated'] as const) {
      const step = planTicketStep(ev(name, causedBy('high')), undefined, routing, NOW);
      expect(step).toEqual({ do: 'skip', why: 'not ticketed: its cause, dangling-ref in prod (d1), has the ticket' });
    }
    expect(ticketed(causedBy('critical'), routing)).toBe(false);
  });

  test('a cause the routing does not ticket (below its minSeverity, or a kind left out) leaves it its own ticket', () => {
    expect(planTicketStep(ev('opened', causedBy('medium')), undefined, routing, NOW)).toMatchObject({ do: 'create' });
    const noDangling: TicketRouting = { ...routing, kinds: ['parity', 'missing'] };
    expect(planTicketStep(ev('opened', causedBy('high')), undefined, noDangling, NOW)).toMatchObject({ do: 'create' });
    expect(planTicketStep(ev('opened', causedBy('high', 'missing')), undefined, noDangling, NOW)).toMatchObject({ do: 'skip' });
    expect(planTicketStep(ev('opened', parity), undefined, routing, NOW)).toMatchObject({ do: 'create' });
  });
});
