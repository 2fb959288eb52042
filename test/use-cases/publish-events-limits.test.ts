import { PublishBatchCommand, SNSClient, type PublishBatchCommandInput } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { SnsPublisher } from '../../lambdas/adapters/sns/sns-publisher';
import { audit } from '../../lambdas/core/engine/audit';
import { parseTicketEvent } from '../../lambdas/core/tickets/ticket-event';
import { snsMessage } from '../../lambdas/core/notify/sns-message';
import { publishEvents } from '../../lambdas/use-cases/publish-events';
import { recordAudit } from '../../lambdas/use-cases/record-audit';
import { useDynalite } from '../helpers/dynalite';
import { estateFrom, snapshot } from '../helpers/estate';

const db = useDynalite();
const sns = mockClient(SNSClient);
const client = new SNSClient({ region: 'eu-central-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
const publisher = new SnsPublisher({ sns: client, topicArn: 'arn:aws:sns:eu-central-1:111111111111:drift' });

const LIMIT = 256 * 1024;
type Entry = NonNullable<PublishBatchCommandInput['PublishBatchRequestEntries']>[number];
const entryBytes = (e: Entry): number =>
  Buffer.byteLength(e.Message ?? '') +
  Object.entries(e.MessageAttributes ?? {}).reduce(
    (n, [k, a]) => n + Buffer.byteLength(k) + Buffer.byteLength(a.DataType ?? '') + Buffer.byteLength(a.StringValue ?? ''),
    0,
  );

let delivered: Entry[] = [];
/** A topic that holds PublishBatch to SNS's documented limits: 10 entries, 256 KiB a message and a request, 10 attributes. */
function strictTopic() {
  sns.reset();
  sns.on(PublishBatchCommand).callsFake((input: PublishBatchCommandInput) => {
    const entries = input.PublishBatchRequestEntries ?? [];
    if (entries.length > 10) throw Object.assign(new Error('too many entries'), { name: 'TooManyEntriesInBatchRequestException' });
    if (entries.reduce((n, e) => n + entryBytes(e), 0) > LIMIT)
      throw Object.assign(new Error('The length of all the batch messages put together is more than the limit.'), {
        name: 'BatchRequestTooLongException',
      });
    if (entries.some((e) => Object.keys(e.MessageAttributes ?? {}).length > 10))
      throw Object.assign(new Error('too many attributes'), { name: 'InvalidParameterException' });
    delivered.push(...entries);
    return { Successful: entries.map((e) => ({ Id: e.Id, MessageId: `m-${e.Id}` })), Failed: [] };
  });
}

beforeEach(() => {
  delivered = [];
  strictTopic();
});
afterAll(() => client.destroy());

const KEY = 'k'.repeat(1000);
const AT = new Date('2026-11-24T02:00:00Z');

describe('SNS limits, through publishEvents and the real publisher', () => {
  test('a parity finding across 400 environments (1,000-character key, 1,000-character values) is published once, under 256 KiB', async () => {
    const envs = Array.from({ length: 400 }, (_, i) => `production-${String(i).padStart(4, '0')}`);
    const estate = estateFrom(
      `version: 1\nname: shop\nenvironments:\n${envs.map((e) => `  ${e}:\n    sources: [ { file: { from: ${e}.yml } } ]`).join('\n')}\n` +
        `parity:\n  - { name: all, environments: [${envs.join(', ')}] }\n` +
        `baseline:\n  keys:\n    ${KEY}: {}\nnotify:\n  sns: { minSeverity: low, onFirstRun: true }\n`,
    );
    const snapshots = envs.map((e, i) => snapshot(e, { values: { [KEY]: `${i}-${'v'.repeat(990)}` } }));
    const result = audit(estate, snapshots, AT);
    expect(result.findings.filter((f) => f.kind === 'parity')).toHaveLength(1);
    const { store } = await db.freshTable();
    await recordAudit({ store, estate, result, runId: 'run-1', now: AT, keyId: 'k1', baseline: { file: 'drift.yaml', sha256: 'abc' } });

    const out = await publishEvents({ channel: 'sns', store, estate, publisher, now: new Date(AT.getTime() + 60_000), runId: 'run-1' });
    expect(out).toMatchObject({ sent: 1, failed: 0 });
    expect(delivered).toHaveLength(1);
    const [entry] = delivered;
    expect(entryBytes(entry!)).toBeLessThanOrEqual(LIMIT);
    // The subscriber still reads it as the finding's event: subject whole, what was left out said.
    const event = parseTicketEvent(entry!.Message!);
    expect(event?.finding).toMatchObject({ kind: 'parity', group: 'all', key: KEY });
    expect(event?.event).toBe('opened');
    const body = JSON.parse(entry!.Message!);
    expect(body.actionsText).toMatch(/more/);

    // Sent once: the next notification sends nothing.
    delivered = [];
    expect(
      await publishEvents({ channel: 'sns', store, estate, publisher, now: new Date(AT.getTime() + 120_000), runId: 'run-1' }),
    ).toMatchObject({
      sent: 0,
      failed: 0,
    });
    expect(delivered).toEqual([]);
  });

  test('5,000 findings of one run (300-character keys, emoji values) go in batches of at most 10 and 256 KiB, each exactly once', async () => {
    const keys = Array.from({ length: 5000 }, (_, i) => `${'long.key.'.repeat(33)}n${i}`);
    const estate = estateFrom(
      `version: 1\nname: shop\nenvironments:\n  production:\n    sources: [ { file: { from: p.yml } } ]\nbaseline:\n  undeclared: low\n`,
    );
    const result = audit(estate, [snapshot('production', { values: Object.fromEntries(keys.map((k) => [k, '😀'.repeat(120)])) })], AT);
    expect(result.findings).toHaveLength(5000);
    const events = result.findings.map((finding, i) => ({
      eventId: `e${i}`,
      event: 'opened' as const,
      runId: 'run-1',
      at: AT.toISOString(),
      finding,
      episode: 1,
    }));

    const out = await publisher.publish(events.map((e) => snsMessage(e, { estate })));
    expect(out.failed).toEqual([]);
    expect(new Set(out.sent).size).toBe(5000);
    expect(new Set(delivered.map((e) => JSON.parse(e.Message!).eventId)).size).toBe(5000);
    expect(sns.commandCalls(PublishBatchCommand)).toHaveLength(500);
  });
});
