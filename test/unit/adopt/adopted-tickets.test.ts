import { adoptedTickets } from '../../../lambdas/core/adopt/adopted-tickets';
import type { Finding } from '../../../lambdas/core/model';
import type { TicketRecord } from '../../../lambdas/core/tickets/ticket-record';

const finding = (id: string, over: Partial<Finding>): Finding =>
  ({ id, kind: 'mismatch', severity: 'medium', estate: 'shop', message: id, ...over }) as Finding;

const record = (findingId: string, status: TicketRecord['status'], n?: number): TicketRecord => ({
  estate: 'shop',
  findingId,
  episode: 1,
  status,
  ...(n !== undefined && { ticket: { tracker: 'github', id: String(n), url: `https://github.com/acme/ops/issues/${n}` } }),
  applied: [],
  version: 1,
  updatedAt: '2026-11-24T02:00:00Z',
});

const FINDINGS: Finding[] = [
  finding('timeout-in-prod', { environment: 'prod', key: 'db.timeout' }),
  finding('timeout-in-staging', { environment: 'staging', key: 'db.timeout' }),
  finding('timeout-parity', { kind: 'parity', group: 'prod-vs-staging', key: 'db.timeout', values: { prod: '60s', staging: '10s' } }),
  finding('timeout-parity-elsewhere', { kind: 'parity', group: 'eu', key: 'db.timeout', values: { 'eu-1': '1s', 'eu-2': '2s' } }),
  finding('pool-in-prod', { environment: 'prod', key: 'db.pool' }),
];

describe('the tickets an adoption answers', () => {
  test("the open tickets of the adopted key's findings in the environment and of its parity groups there; no other", () => {
    const records = [
      record('timeout-in-prod', 'open', 12),
      record('timeout-parity', 'open', 7),
      record('timeout-in-staging', 'open', 13),
      record('timeout-parity-elsewhere', 'open', 14),
      record('pool-in-prod', 'open', 15),
      record('timeout-in-prod', 'closed', 3),
      record('timeout-in-prod', 'claimed'),
    ];
    expect(adoptedTickets(FINDINGS, 'prod', ['db.timeout'], records).map((t) => t.url)).toEqual([
      'https://github.com/acme/ops/issues/12',
      'https://github.com/acme/ops/issues/7',
    ]);
    expect(adoptedTickets(FINDINGS, 'prod', ['db.timeout', 'db.pool'], records).map((t) => t.id)).toEqual(['12', '15', '7']);
    expect(adoptedTickets(FINDINGS, 'prod', ['db.timeout'], [])).toEqual([]);
    // An environment named like an object's member is in no parity group it is not a member of.
    expect(adoptedTickets(FINDINGS, 'constructor', ['db.timeout'], records)).toEqual([]);
  });
});
