import { DynamoDbTicketLedger } from '../../lambdas/adapters/dynamodb/ticket-ledger';
import { audit } from '../../lambdas/core/engine/audit';
import type { EventPublisher } from '../../lambdas/ports/event-publisher';
import type { RunArtifacts } from '../../lambdas/ports/run-artifacts';
import type { Notification } from '../../lambdas/ports/sink';
import type { AuditStore } from '../../lambdas/ports/audit-store';
import { notifyRun, type NotifyRunDeps } from '../../lambdas/use-cases/notify-run';
import { auditRun, type AuditRunDeps } from '../../lambdas/use-cases/audit-run';
import { recordAudit } from '../../lambdas/use-cases/record-audit';
import { retireEstate } from '../../lambdas/use-cases/retire-estate';
import { ticketSync } from '../../lambdas/use-cases/ticket-sync';
import { useDynalite } from '../helpers/dynalite';
import { estateFrom, snapshot } from '../helpers/estate';

// Events and finding states logged while nothing said signing.seed was secret keep its values in
// plain text. Once the estate declares it `secret: true`, whatever reads them to send or show them
// (SNS, the Slack digest and immediate messages, ticket sync) must not carry those values.
const db = useDynalite();
const CANARY = 'CANARYlogged';

const ESTATE = `version: 1
name: shop
environments:
  us: { sources: [ { file: { from: us.yml } } ] }
  eu: { sources: [ { file: { from: eu.yml } } ] }
parity:
  - { name: us-vs-eu, environments: [us, eu] }
baseline:
  undeclared: info
  keys:
    log.level: { value: INFO }
notify:
  sns: { minSeverity: info, onFirstRun: true }
  tickets: { minSeverity: info }
  slack: { minSeverity: info, immediate: { minSeverity: info, outOfBandOnly: false } }
`;
const BEFORE = estateFrom(ESTATE);
const AFTER = estateFrom(
  ESTATE.replace('    log.level: { value: INFO }\n', '    log.level: { value: INFO }\n    signing.seed: { secret: true }\n'),
);

async function loggedInPlainText(store: AuditStore): Promise<void> {
  // The second night changes us: a `changed` event, and the parity finding it opens (an immediate message).
  const nights: Array<[string, string, string]> = [
    ['run-1', '2026-11-23T02:00:00Z', 'same'],
    ['run-2', '2026-11-24T02:00:00Z', 'us'],
  ];
  for (const [runId, at, us] of nights) {
    const now = new Date(at);
    const result = audit(
      BEFORE,
      [
        snapshot('us', { values: { 'log.level': 'INFO', 'signing.seed': `${CANARY}-${us}` } }),
        snapshot('eu', { values: { 'log.level': 'INFO', 'signing.seed': `${CANARY}-same` } }),
      ],
      now,
    );
    await recordAudit({ store, estate: BEFORE, result, runId, now, keyId: 'k1', baseline: { file: 'drift.yaml', sha256: 'abc' } });
  }
}

describe('what was logged before a key was declared secret is sent without its values', () => {
  test('SNS messages, the digest and immediate messages of events logged in plain text', async () => {
    const { store } = await db.freshTable();
    await loggedInPlainText(store);
    expect(JSON.stringify(await store.listEvents('shop'))).toContain(CANARY);

    const sent: Notification[] = [];
    const published: string[] = [];
    const publisher: EventPublisher = {
      publish: async (messages) => {
        published.push(...messages.map((m) => m.body));
        return { sent: messages.map((m) => m.id), failed: [] };
      },
    };
    const deps: NotifyRunDeps = {
      estates: { listKeys: async () => [], load: async (ref) => ({ ref, estate: AFTER, baseline: { file: ref.key, sha256: 'abd' } }) },
      artifacts: {
        getReport: async () => ({ findings: [], suppressed: [] }),
        getHtmlReport: async () => undefined,
      } as unknown as RunArtifacts,
      runIndex: () => ({ body: '', mediaType: 'text/html' }),
      store,
      events: [{ name: 'sns', label: 'SNS', port: publisher }],
      digests: [{ name: 'slack', label: 'Slack', port: async () => ({ send: async (n) => void sent.push(n) }) }],
      immediates: [{ name: 'slack', label: 'Slack', port: async () => ({ send: async (n) => void sent.push(n) }) }],
      now: () => new Date('2026-11-24T09:01:00Z'),
    };
    const out = await notifyRun({ runId: 'run-2', estates: [{ key: 'estates/shop/drift.yaml' }] }, deps);

    // Everything still goes, by kind and key: only the values are withheld.
    expect(out.sns.sent).toBeGreaterThan(0);
    expect(published.join('\n')).toContain('signing.seed');
    expect(published.join('\n')).not.toContain(CANARY);
    expect(sent.map((n) => n.kind).sort()).toEqual(['digest', 'immediate']);
    expect(JSON.stringify(sent)).toContain('signing.seed');
    expect(JSON.stringify(sent)).not.toContain(CANARY);
  });

  test('drift tickets sync opens tickets for open findings stored in plain text without their values', async () => {
    const { store, table } = await db.freshTable();
    await loggedInPlainText(store);
    const ledger = new DynamoDbTicketLedger({ client: db.client, table });
    const { plan } = await ticketSync(AFTER, { store, ledger, now: () => new Date('2026-11-24T09:01:00Z'), newToken: () => 't' });
    expect(plan.open.map((e) => e.finding.key)).toContain('signing.seed');
    expect(JSON.stringify(plan)).not.toContain(CANARY);
  });

  test('retiring the estate resolves and logs its findings without their values', async () => {
    const { store } = await db.freshTable();
    await loggedInPlainText(store);
    const open = (await store.loadFindingStates('shop')).filter((st) => st.status === 'open');
    expect(JSON.stringify(open)).toContain(CANARY);
    // Its last notification went: what the retirement logs is its own.
    const seen = new Set((await store.listEvents('shop')).map((e) => e.eventId));

    // Retired at the version last audited (the one that declares signing.seed secret).
    const resolved = await retireEstate(store, 'shop', 'run-3', new Date('2026-11-25T02:00:00Z'), AFTER.baseline);
    expect(resolved).toBe(open.length);
    const states = await store.loadFindingStates('shop');
    expect(states.filter((st) => st.status === 'open')).toEqual([]);
    const logged = (await store.listEvents('shop')).filter((e) => !seen.has(e.eventId));
    expect(logged.map((e) => `${e.event} ${e.finding.kind} ${e.finding.key}`)).toContain('resolved parity signing.seed');
    expect(JSON.stringify(logged)).not.toContain(CANARY);
    expect(JSON.stringify(states.filter((st) => st.resolvedRun === 'run-3'))).not.toContain(CANARY);
  });

  test('the audit stage retires a removed estate under the version it last audited', async () => {
    const { store } = await db.freshTable();
    await loggedInPlainText(store);
    const seen = new Set((await store.listEvents('shop')).map((e) => e.eventId));
    const loaded: string[] = [];
    const deps = {
      estates: {
        listKeys: async () => [],
        load: async (ref: { key: string; versionId?: string }) => {
          loaded.push(`${ref.key}@${ref.versionId}`);
          return { ref, estate: AFTER, baseline: { file: ref.key, sha256: 'abd' } };
        },
      },
      store,
      defaultRegion: 'us-east-1',
      now: () => new Date('2026-11-25T02:00:00Z'),
    } as unknown as AuditRunDeps;
    const removed = { key: 'estates/shop/drift.yaml', versionId: 'v2', removed: { estate: 'shop', run: 'run-2' } };
    const out = await auditRun({ runId: 'run-3', estates: [removed], snapshots: [] }, deps);
    expect(out.audited).toEqual([{ estate: 'shop', findings: 0, opened: 0, resolved: expect.any(Number) }]);
    expect(loaded).toEqual(['estates/shop/drift.yaml@v2']);
    const logged = (await store.listEvents('shop')).filter((e) => !seen.has(e.eventId));
    expect(logged.length).toBe(out.audited[0]!.resolved);
    expect(logged.length).toBeGreaterThan(0);
    expect(JSON.stringify(logged)).not.toContain(CANARY);
  });
});
