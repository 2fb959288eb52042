import { PublishBatchCommand, SNSClient, type PublishBatchCommandInput } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { SnsPublisher } from '../../lambdas/adapters/sns/sns-publisher';
import { audit } from '../../lambdas/core/engine/audit';
import { publishEvents } from '../../lambdas/use-cases/publish-events';
import { recordAudit } from '../../lambdas/use-cases/record-audit';
import type { AuditStore } from '../../lambdas/ports/audit-store';
import { useDynalite } from '../helpers/dynalite';
import { estateFrom, snapshot, type SourceGiven } from '../helpers/estate';

const db = useDynalite();
const sns = mockClient(SNSClient);
const client = new SNSClient({ region: 'eu-central-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
const publisher = new SnsPublisher({ sns: client, topicArn: 'arn:aws:sns:eu-central-1:111111111111:drift' });

const estateWith = (sns: string, timeoutSeverity?: string) =>
  estateFrom(`version: 1
name: shop
environments:
  us:
    account: "111111111111"
    sources: [ { file: { from: us.yml } } ]
  eu:
    sources: [ { file: { from: eu.yml } } ]
parity:
  - { name: g, environments: [us, eu] }
baseline:
  undeclared: ignore
  keys:
    db.timeout: { type: duration, value: 10s, owner: team-db${timeoutSeverity ? `, severity: ${timeoutSeverity}` : ''} }
    pool: {}
notify:
  sns: ${sns}
`);
const TICKETS = estateWith('{ minSeverity: medium, onFirstRun: true }');
const DEFAULTS = estateWith('{ minSeverity: medium }');
const DRIFTED = { us: { values: { 'db.timeout': '60s', pool: '20' } }, eu: { values: { 'db.timeout': '10s', pool: '10' } } };
const WORSE = { us: DRIFTED.us, eu: { values: { 'db.timeout': '90s', pool: '10' } } };
const FIXED = { us: { values: { 'db.timeout': '10s', pool: '20' } }, eu: { values: { 'db.timeout': '10s', pool: '20' } } };

interface Published {
  body: Record<string, unknown> & { event: string; eventId: string; id: string; episode: number; runId: string; kind: string };
  attributes: Record<string, string | undefined>;
}

/** Every message the topic took (not the ones it failed) in the current test. */
let delivered: Published[] = [];
const toPublished = (e: { Message?: string; MessageAttributes?: Record<string, { StringValue?: string }> }): Published => ({
  body: JSON.parse(e.Message ?? '{}'),
  attributes: Object.fromEntries(Object.entries(e.MessageAttributes ?? {}).map(([k, a]) => [k, a.StringValue])),
});

/** Every message the mocked topic was asked to publish, in order (taken or failed). */
const published = (): Published[] =>
  sns
    .commandCalls(PublishBatchCommand)
    .flatMap((c) => c.args[0].input.PublishBatchRequestEntries ?? [])
    .map(toPublished);
const line = (p: Published) => `${p.body.event} ${p.body.kind} ${p.body.episode}`;

/** The topic takes every entry, or fails those `fail` picks (all of them when the call is to be rejected). */
function topic(fail: (entryIndex: number) => boolean = () => false, rejectCall = false) {
  sns.reset();
  sns.on(PublishBatchCommand).callsFake((input: PublishBatchCommandInput) => {
    if (rejectCall) throw Object.assign(new Error('topic unavailable'), { name: 'InternalErrorException' });
    const entries = input.PublishBatchRequestEntries ?? [];
    delivered.push(...entries.filter((_, i) => !fail(i)).map(toPublished));
    return {
      Successful: entries.filter((_, i) => !fail(i)).map((e) => ({ Id: e.Id, MessageId: `m-${e.Id}` })),
      Failed: entries.filter((_, i) => fail(i)).map((e) => ({ Id: e.Id, Code: 'InternalError', Message: 'try again', SenderFault: false })),
    };
  });
}

let day = 0;
/** One nightly run: audit, record, then notify, as the state machine does. */
async function night(
  store: AuditStore,
  estate: typeof TICKETS,
  given: Record<string, SourceGiven>,
  runId = `run-${++day}`,
  at = new Date(Date.UTC(2026, 10, 1 + day, 2)),
  notify = true,
) {
  const result = audit(
    estate,
    Object.entries(given).map(([env, g]) => snapshot(env, g)),
    at,
  );
  await recordAudit({ store, estate, result, runId, now: at, keyId: 'k1', baseline: { file: 'drift.yaml', sha256: 'abc' } });
  if (!notify) return undefined;
  return publishEvents({ channel: 'sns', store, estate, publisher, now: new Date(at.getTime() + 60_000), runId });
}

beforeEach(() => {
  delivered = [];
  topic();
});
afterAll(() => client.destroy());

describe('publishing lifecycle events to SNS across runs (dynalite)', () => {
  test('each episode opens once and resolves at most once; a retry of a run sends nothing new; never a `changed`', async () => {
    const { store } = await db.freshTable();
    const seen: Published[] = [];
    const collect = () => {
      seen.push(...published());
      topic();
    };
    expect(await night(store, TICKETS, DRIFTED, 'n1', new Date('2026-11-01T02:00:00Z'))).toMatchObject({ sent: 2, failed: 0 });
    collect();
    // The state machine retries the whole run under the same run id.
    expect(await night(store, TICKETS, DRIFTED, 'n1', new Date('2026-11-01T02:30:00Z'))).toMatchObject({ sent: 0, failed: 0 });
    expect(published()).toEqual([]);
    await night(store, TICKETS, DRIFTED, 'n2', new Date('2026-11-02T02:00:00Z'));
    collect();
    await night(store, TICKETS, FIXED, 'n3', new Date('2026-11-03T02:00:00Z'));
    collect();
    await night(store, TICKETS, FIXED, 'n3', new Date('2026-11-03T02:20:00Z'));
    await night(store, TICKETS, DRIFTED, 'n4', new Date('2026-11-04T02:00:00Z'));
    collect();

    expect(seen.map(line).sort()).toEqual([
      'opened mismatch 1',
      'opened mismatch 2',
      'opened parity 1',
      'opened parity 2',
      'resolved mismatch 1',
      'resolved parity 1',
    ]);
    expect(new Set(seen.map((p) => p.body.eventId)).size).toBe(seen.length);
    const log = await store.listEvents('shop');
    expect(log.some((e) => e.event === 'changed')).toBe(true);
    expect(seen.some((p) => p.body.event === 'changed' || p.body.kind === 'changed')).toBe(false);
    // The message carries the logged event's id and run, and the logged event says it went.
    for (const p of seen) {
      const logged = log.find((e) => e.eventId === p.body.eventId);
      expect(logged).toMatchObject({ runId: p.body.runId, event: p.body.event, sent: { sns: expect.any(String) } });
    }

    const opened = seen.find((p) => line(p) === 'opened mismatch 1');
    expect(opened?.attributes).toEqual({
      event: 'opened',
      severity: 'medium',
      kind: 'mismatch',
      estate: 'shop',
      environment: 'us',
      environments: '["us"]',
      account: '111111111111',
      owner: 'team-db',
    });
    expect(opened?.body).toMatchObject({
      runId: 'n1',
      key: 'db.timeout',
      expected: '10s',
      actual: '60s',
      summary: expect.stringMatching(/^OPENED medium mismatch us db\.timeout: /),
    });
    const resolved = seen.find((p) => line(p) === 'resolved parity 1');
    expect(resolved?.attributes).toEqual({
      event: 'resolved',
      severity: 'medium',
      kind: 'parity',
      estate: 'shop',
      group: 'g',
      environments: '["us","eu"]',
    });
    expect(resolved?.body).toMatchObject({ runId: 'n3', reason: 'value fixed' });
  });

  test('a notifier that takes the lease just after another published sends nothing again, though the events index still lags', async () => {
    const { store } = await db.freshTable();
    await night(store, TICKETS, DRIFTED, 'run-lag', new Date(Date.UTC(2026, 10, 1, 2)), false);
    // DynamoDB's index answers eventually: a moment after a mark, it may still list the events unmarked.
    const beforeTheMarks = await store.listEvents('shop');
    const lagging = Object.assign(Object.create(store) as AuditStore, { listEvents: async () => structuredClone(beforeTheMarks) });
    const now = new Date(Date.UTC(2026, 10, 1, 2, 1));
    const first = await publishEvents({ channel: 'sns', store, estate: TICKETS, publisher, now, runId: 'run-lag' });
    expect(first.sent).toBeGreaterThan(0);
    const second = await publishEvents({ channel: 'sns', store: lagging, estate: TICKETS, publisher, now, runId: 'run-lag' });
    expect(second.sent).toBe(0);
    expect(delivered).toHaveLength(first.sent);
  });

  test('the first run opens no tickets by default; later new findings do; resolutions of never-ticketed findings stay quiet', async () => {
    const { store } = await db.freshTable();
    expect(await night(store, DEFAULTS, DRIFTED)).toMatchObject({ sent: 0, skipped: 2 });
    expect(published()).toEqual([]);
    await night(store, DEFAULTS, DRIFTED);
    expect(published()).toEqual([]);
    expect(await night(store, DEFAULTS, WORSE)).toMatchObject({ sent: 1 });
    expect(published().map((p) => `${p.body.event} ${p.attributes.environment}`)).toEqual(['opened eu']);
    topic();
    expect(await night(store, DEFAULTS, FIXED)).toMatchObject({ sent: 1, skipped: 2 });
    expect(published().map((p) => `${p.body.event} ${p.attributes.environment}`)).toEqual(['resolved eu']);
    topic();
    // A first-run finding that comes back is a new episode, and new episodes are ticketed.
    expect(await night(store, DEFAULTS, DRIFTED)).toMatchObject({ sent: 2 });
    expect(published().map(line).sort()).toEqual(['opened mismatch 2', 'opened parity 2']);
  });

  test('a publish that fails is sent on the next run, its resolution only after it', async () => {
    const { store } = await db.freshTable();
    topic(() => true, true);
    expect(await night(store, TICKETS, DRIFTED)).toMatchObject({ sent: 0, failed: 2 });
    topic((i) => i === 1);
    expect(await night(store, TICKETS, DRIFTED)).toMatchObject({ sent: 1, failed: 1 });
    topic(() => true, true);
    // The parity finding is fixed while its opening has still not gone: its resolution waits.
    const held = await night(store, TICKETS, { us: DRIFTED.us, eu: { values: { 'db.timeout': '10s', pool: '20' } } });
    expect(held).toMatchObject({ sent: 0, failed: 1, deferred: 1 });
    topic();
    expect(await night(store, TICKETS, { us: DRIFTED.us, eu: { values: { 'db.timeout': '10s', pool: '20' } } })).toMatchObject({
      sent: 2,
      failed: 0,
      deferred: 0,
    });
    expect(delivered.map(line)).toEqual(['opened mismatch 1', 'opened parity 1', 'resolved parity 1']);
    const order = published().map((p) => p.body.event);
    expect(order).toEqual(['opened', 'resolved']);
    // Sent late, the message is still the original event: its run, its id.
    expect(published()[0]?.body.runId).toBe(`run-${day - 3}`);
  });

  test("events of runs before SNS was wired are never ticketed; the first notified run that is not the store's first is", async () => {
    const { store } = await db.freshTable();
    await night(store, DEFAULTS, DRIFTED, undefined, undefined, false);
    await night(store, DEFAULTS, DRIFTED, undefined, undefined, false);
    expect(await night(store, DEFAULTS, WORSE)).toMatchObject({ sent: 1, skipped: 2 });
    expect(published().map((p) => `${p.body.event} ${p.body.kind} ${p.attributes.environment}`)).toEqual(['opened mismatch eu']);
  });

  test('an event skipped by the filters is not sent later when the filters change', async () => {
    const { store } = await db.freshTable();
    const strict = estateWith('{ minSeverity: high, onFirstRun: true }');
    expect(await night(store, strict, DRIFTED)).toMatchObject({ sent: 0, skipped: 2 });
    expect(
      await publishEvents({
        channel: 'sns',
        store,
        estate: TICKETS,
        publisher,
        now: new Date(Date.UTC(2026, 10, 1 + day, 3)),
        runId: `run-${day}`,
      }),
    ).toMatchObject({ sent: 0, skipped: 0 });
    expect(published()).toEqual([]);
  });

  test('an escalation past the threshold is ticketed, and then its resolution too', async () => {
    const { store } = await db.freshTable();
    const highOnly = estateWith('{ minSeverity: high, onFirstRun: true }');
    await night(store, highOnly, { us: FIXED.us, eu: FIXED.eu });
    expect(await night(store, highOnly, DRIFTED)).toMatchObject({ sent: 0, skipped: 2 });
    const raised = estateFrom(
      `version: 1\nname: shop\nenvironments:\n  us:\n    sources: [ { file: { from: us.yml } } ]\n  eu:\n    sources: [ { file: { from: eu.yml } } ]\nparity:\n  - { name: g, environments: [us, eu] }\nbaseline:\n  undeclared: ignore\n  keys:\n    db.timeout: { type: duration, value: 10s, severity: high }\n    pool: {}\nnotify:\n  sns: { minSeverity: high }\n`,
    );
    expect(await night(store, raised, DRIFTED)).toMatchObject({ sent: 1 });
    expect(published().map((p) => `${p.body.event} ${p.body.severity} ${p.body.kind}`)).toEqual(['escalated high mismatch']);
    topic();
    expect(await night(store, raised, FIXED)).toMatchObject({ sent: 1, skipped: 1 });
    expect(published().map((p) => `${p.body.event} ${p.body.kind}`)).toEqual(['resolved mismatch']);
  });

  test('closes the ticket of a finding the baseline lowered below minSeverity, however long ago it was opened', async () => {
    const { store } = await db.freshTable();
    const high = estateWith('{ minSeverity: medium, onFirstRun: true }', 'high');
    const low = estateWith('{ minSeverity: medium, onFirstRun: true }', 'low');
    const usDrifted = { us: DRIFTED.us, eu: FIXED.eu };
    await night(store, high, usDrifted, 'opened', new Date('2026-09-01T02:00:00Z'));
    await night(store, low, usDrifted, 'lowered', new Date('2026-09-02T02:00:00Z'));
    // Its opening is older than the window publishEvents reads: the filters decide, on the episode's highest severity.
    await night(store, low, FIXED, 'fixed', new Date('2026-10-20T02:00:00Z'));
    expect(delivered.map(line)).toEqual(['opened mismatch 1', 'resolved mismatch 1']);
  });

  test('never closes a ticket for a finding that stayed under minSeverity', async () => {
    const { store } = await db.freshTable();
    const low = estateWith('{ minSeverity: medium, onFirstRun: true }', 'low');
    await night(store, low, { us: DRIFTED.us, eu: FIXED.eu }, 'opened', new Date('2026-09-01T02:00:00Z'));
    await night(store, low, FIXED, 'fixed', new Date('2026-10-20T02:00:00Z'));
    expect(delivered.map(line)).toEqual([]);
  });
});
