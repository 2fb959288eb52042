import { adoptedTickets, type AdoptedScope } from '../../../lambdas/core/adopt/adopted-tickets';
import type { FindingState } from '../../../lambdas/core/lifecycle/model';
import type { Finding } from '../../../lambdas/core/model';
import type { TicketRecord } from '../../../lambdas/core/tickets/ticket-record';

/** A stored finding state: the finding as last seen, its episode and whether it is still open. */
const state = (id: string, over: Partial<Finding>, episode = 1, status: FindingState['status'] = 'open'): FindingState =>
  ({
    id,
    estate: 'shop',
    episode,
    status,
    finding: { id, kind: 'mismatch', severity: 'medium', estate: 'shop', message: id, ...over } as Finding,
  }) as FindingState;

const record = (
  findingId: string,
  episode: number,
  status: TicketRecord['status'],
  n: number,
  claimedFrom?: 'open' | 'none',
): TicketRecord => ({
  estate: 'shop',
  findingId,
  episode,
  status,
  ticket: { tracker: 'github', id: String(n), url: `https://github.com/acme/ops/issues/${n}` },
  ...(claimedFrom && { claim: { token: 't', at: '2026-11-24T02:00:00Z', eventId: 'e', from: claimedFrom } }),
  applied: [],
  version: 1,
  updatedAt: '2026-11-24T02:00:00Z',
});

const STATES: FindingState[] = [
  state('timeout-in-prod', { environment: 'prod', key: 'db.timeout' }, 2),
  state('timeout-in-staging', { environment: 'staging', key: 'db.timeout' }),
  state('timeout-parity', {
    kind: 'parity',
    environment: null as unknown as undefined,
    group: 'prod-vs-staging',
    key: 'db.timeout',
    values: { prod: '60s', staging: '10s' },
  }),
  state('timeout-parity-elsewhere', { kind: 'parity', group: 'eu', key: 'db.timeout', values: { 'eu-1': '1s', 'eu-2': '2s' } }),
  state('timeout-shadowed', { kind: 'shadowed', environment: 'prod', key: 'db.timeout' }),
  state('timeout-gone', { environment: 'prod', key: 'db.timeout' }, 1, 'resolved'),
  state('pool-in-prod', { environment: 'prod', key: 'db.pool' }),
];

const RECORDS = [
  record('timeout-in-prod', 2, 'open', 12),
  record('timeout-in-prod', 1, 'closed', 3),
  record('timeout-in-prod', 1, 'open', 4),
  record('timeout-parity', 1, 'claimed', 7, 'open'),
  record('timeout-in-staging', 1, 'open', 13),
  record('timeout-parity-elsewhere', 1, 'open', 14),
  record('timeout-shadowed', 1, 'open', 16),
  record('timeout-gone', 1, 'open', 17),
  record('pool-in-prod', 1, 'claimed', 15, 'none'),
];

const urls = (scope: Partial<AdoptedScope>, records = RECORDS) =>
  adoptedTickets(STATES, { environment: 'prod', keys: ['db.timeout'], everywhere: false, ...scope }, records).map((t) => t.id);

describe('the tickets an adoption answers', () => {
  test("the open tickets of the current episode of the adopted key's open findings there and of its parity groups there", () => {
    // Not: another environment's, a group without prod, a kind adopting does not settle (shadowed), a resolved
    // finding, an older episode (4), a closed ticket (3).
    expect(urls({})).toEqual(['12', '7']);
  });

  test('a ticket being changed counts as open only if it was open; a ticket not yet made names nothing', () => {
    expect(urls({ keys: ['db.timeout', 'db.pool'] })).toEqual(['12', '7']);
    expect(urls({ keys: ['db.pool'] }, [record('pool-in-prod', 1, 'claimed', 15, 'open')])).toEqual(['15']);
  });

  test('--everywhere answers the key in every environment and group; no store records, no tickets', () => {
    expect(urls({ everywhere: true })).toEqual(['12', '13', '14', '7']);
    expect(urls({}, [])).toEqual([]);
  });

  test('an environment named like an object member is in no parity group it is not a member of', () => {
    expect(urls({ environment: 'constructor' })).toEqual([]);
  });
});
