import type { LifecycleEvent } from '../../../lambdas/core/lifecycle/model';
import type { Finding } from '../../../lambdas/core/model';
import { snsMessage } from '../../../lambdas/core/notify/sns-message';
import { parseTicketEvent, ticketMarker } from '../../../lambdas/core/tickets/ticket-event';
import { estateFrom } from '../../helpers/estate';
import { mismatchFinding } from '../../helpers/findings';

const estate = estateFrom(`version: 1
name: checkout-api
environments:
  production-us:
    account: "111111111111"
    sources: [ { file: { from: us.yml } } ]
  production-eu:
    sources: [ { file: { from: eu.yml } } ]
parity:
  - { name: us-vs-eu, environments: [production-us, production-eu] }
baseline:
  keys:
    db.timeout: { type: duration, value: 10s, owner: team-db }
    pool: {}
`);

const mismatch: Finding = mismatchFinding();
const parity: Finding = {
  id: 'f-parity',
  kind: 'parity',
  severity: 'critical',
  estate: 'checkout-api',
  group: 'us-vs-eu',
  key: 'pool',
  values: { 'production-us': '20', 'production-eu': null },
  message: 'pool differs across us-vs-eu: production-us 20, production-eu absent',
};

const lifecycle = (finding: Finding, event: LifecycleEvent['event'], extra: Partial<LifecycleEvent> = {}): LifecycleEvent => ({
  eventId: `e-${finding.id}-${event}`,
  event,
  runId: 'run-3',
  at: '2026-11-24T02:00:00.000Z',
  finding,
  episode: 2,
  ...extra,
});
const body = (e: LifecycleEvent): string => snsMessage(e, { estate }).body;

describe('parseTicketEvent', () => {
  test('reads back an opened event: the finding as it was, the event fields and the commands', () => {
    expect(parseTicketEvent(body(lifecycle(mismatch, 'opened')))).toEqual({
      eventId: 'e-f-mismatch-opened',
      event: 'opened',
      runId: 'run-3',
      at: '2026-11-24T02:00:00.000Z',
      episode: 2,
      finding: mismatch,
      actions: { adopt: ['drift adopt production-us db.timeout'], revert: ['drift revert production-us db.timeout'] },
    });
  });

  test('reads back an escalated parity event, its null value kept', () => {
    expect(parseTicketEvent(body(lifecycle(parity, 'escalated')))).toEqual({
      eventId: 'e-f-parity-escalated',
      event: 'escalated',
      runId: 'run-3',
      at: '2026-11-24T02:00:00.000Z',
      episode: 2,
      finding: parity,
    });
  });

  test('reads back a resolved event with its reason', () => {
    const parsed = parseTicketEvent(body(lifecycle(mismatch, 'resolved', { reason: 'adopted into the baseline' })));
    expect(parsed).toEqual({
      eventId: 'e-f-mismatch-resolved',
      event: 'resolved',
      runId: 'run-3',
      at: '2026-11-24T02:00:00.000Z',
      episode: 2,
      reason: 'adopted into the baseline',
      finding: mismatch,
    });
  });

  test('a finding stored with null fields is read without them', () => {
    const stored = { ...mismatch, owner: null, group: null } as unknown as Finding;
    const parsed = parseTicketEvent(body(lifecycle(stored, 'opened')));
    expect(parsed?.finding).toEqual({ ...mismatch, owner: undefined });
    expect(parsed?.finding).not.toHaveProperty('owner');
    expect(parsed?.finding).not.toHaveProperty('group');
  });

  test('an event without an episode is the first', () => {
    expect(parseTicketEvent(body(lifecycle(mismatch, 'opened', { episode: undefined })))?.episode).toBe(1);
  });

  test.each([
    ['text that is not JSON', 'Hello from SNS'],
    ['a JSON value that is not an object', '"opened"'],
    ['a changed event', body(lifecycle({ ...mismatch, kind: 'changed', severity: 'info' }, 'changed'))],
    ['the SNS console test message', JSON.stringify({ default: 'Sample fallback message', email: 'Sample message for email endpoints' })],
    ['an event with no finding id', JSON.stringify({ ...JSON.parse(body(lifecycle(mismatch, 'opened'))), id: '' })],
  ])('is undefined for %s', (_name, raw) => {
    expect(parseTicketEvent(raw)).toBeUndefined();
  });
});

describe('ticketMarker', () => {
  test.each([
    ['f-mismatch', 1, 'drift-f-mismatch-1'],
    ['a1b2c3', 12, 'drift-a1b2c3-12'],
    ['odd id/with:chars', 2, 'drift-odd-id-with-chars-2'],
  ])('%s, episode %s → %s', (id, episode, expected) => {
    expect(ticketMarker(id, episode)).toBe(expected);
  });

  test('differs per episode', () => {
    expect(ticketMarker('f', 1)).not.toBe(ticketMarker('f', 2));
  });
});
