import { randomUUID } from 'node:crypto';
import { DynamoDbTicketLedger } from '../../lambdas/adapters/dynamodb/ticket-ledger';
import type { Finding } from '../../lambdas/core/model';
import { syncTickets, type SyncTicketsDeps, type TicketMessage } from '../../lambdas/use-cases/sync-tickets';
import { useDynalite } from '../helpers/dynalite';
import { finding, githubHarness, jiraHarness, lifecycleMessage, TICKET_ESTATE, type TrackerHarness } from '../helpers/ticket-harness';

const dynalite = useDynalite();

function consumer(harness: TrackerHarness, ledger: DynamoDbTicketLedger) {
  const deps: SyncTicketsDeps = {
    tracker: harness.tracker,
    ledger,
    routing: async () => TICKET_ESTATE.notify.tickets,
    reportLink: (runId, estate) => `https://reports.example.com/runs/${runId}/reports/${estate}.html`,
    now: () => new Date('2026-12-04T02:05:00Z'),
    newToken: randomUUID,
    patience: { sleep: async () => undefined, maxWaitMs: 10_000, attempts: 3 },
  };
  return (messages: TicketMessage[]) => syncTickets(messages, deps);
}

const KEY = 'k'.repeat(1000);
const ENVS = Array.from({ length: 2000 }, (_, i) => `production-${String(i).padStart(4, '0')}`);
/** A parity finding across 2,000 environments: a 1,000-character key, emoji values, a message naming every value. */
const wide = (severity: Finding['severity']): Finding => {
  const values = Object.fromEntries(ENVS.map((e, i) => [e, `${i}-${'😀'.repeat(60)}`]));
  return finding('f-wide', {
    kind: 'parity',
    severity,
    environment: undefined,
    group: 'all',
    key: KEY,
    expected: undefined,
    actual: undefined,
    values,
    message: `${KEY} differs across all: ${ENVS.map((e) => `${e} ${values[e]}`).join(', ')}`,
  });
};

describe.each([
  ['GitHub Issues', githubHarness],
  ['Jira Cloud', jiraHarness],
])('tickets within %s limits', (_name, makeHarness) => {
  let harness: TrackerHarness;
  let ledger: DynamoDbTicketLedger;

  beforeEach(async () => {
    harness = await makeHarness();
    ledger = new DynamoDbTicketLedger({ client: dynalite.client, table: (await dynalite.freshTable()).table });
  });
  afterEach(() => harness.close());

  test('a parity finding across 2,000 environments opens its ticket, escalates and closes it, nothing refused or sent twice', async () => {
    const run = consumer(harness, ledger);
    expect((await run([lifecycleMessage('opened', wide('high'))])).failed).toEqual([]);
    expect((await run([lifecycleMessage('escalated', wide('critical'), { run: 'run-2' })])).failed).toEqual([]);
    expect((await run([lifecycleMessage('resolved', wide('critical'), { run: 'run-3' })])).failed).toEqual([]);
    const tickets = harness.tickets();
    expect(tickets).toHaveLength(1);
    expect(tickets[0]).toMatchObject({ open: false, severity: 'critical' });
    expect(tickets[0]!.comments).toHaveLength(2);
    expect(tickets[0]!.text).toContain('more');
    // A cut never leaves half an emoji (JSON writes a lone surrogate as an escape; a whole pair as itself).
    expect(harness.bodies()).not.toMatch(/\\ud[89a-f][0-9a-f]{2}/i);
  });
});
