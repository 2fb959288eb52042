import { PublishBatchCommand, SNSClient, type PublishBatchCommandInput } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { SnsPublisher } from '../../../lambdas/adapters/sns/sns-publisher';
import type { SnsMessage } from '../../../lambdas/core/notify/sns-message';

const TOPIC = 'arn:aws:sns:eu-central-1:111111111111:drift-findings';
const sns = mockClient(SNSClient);
const client = new SNSClient({ region: 'eu-central-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });

const message = (i: number): SnsMessage => ({
  id: `event${String(i).padStart(3, '0')}`,
  body: JSON.stringify({ eventId: `event${i}` }),
  attributes: {
    event: { DataType: 'String', StringValue: 'opened' },
    estate: { DataType: 'String', StringValue: 'checkout-api' },
    environments: { DataType: 'String.Array', StringValue: '["production-us"]' },
  },
});
const messages = (n: number): SnsMessage[] => Array.from({ length: n }, (_, i) => message(i));
const inputs = (): PublishBatchCommandInput[] => sns.commandCalls(PublishBatchCommand).map((c) => c.args[0].input);
const allSucceed = () =>
  sns.on(PublishBatchCommand).callsFake((input: PublishBatchCommandInput) => ({
    Successful: (input.PublishBatchRequestEntries ?? []).map((e) => ({ Id: e.Id, MessageId: `m-${e.Id}` })),
    Failed: [],
  }));

beforeEach(() => sns.reset());
afterAll(() => client.destroy());

describe('SnsPublisher', () => {
  test('23 messages go in batches of 10, 10 and 3, with their body and attributes', async () => {
    allSucceed();
    const out = await new SnsPublisher({ sns: client, topicArn: TOPIC }).publish(messages(23));
    expect(inputs().map((i) => i.PublishBatchRequestEntries?.length)).toEqual([10, 10, 3]);
    expect(out.sent).toEqual(messages(23).map((m) => m.id));
    expect(out.failed).toEqual([]);
    const [first] = inputs()[0]?.PublishBatchRequestEntries ?? [];
    expect(inputs()[0]?.TopicArn).toBe(TOPIC);
    expect(first).toEqual({ Id: 'event000', Message: message(0).body, MessageAttributes: message(0).attributes });
  });

  test('entries SNS reports as Failed are failed, the rest sent', async () => {
    sns.on(PublishBatchCommand).callsFake((input: PublishBatchCommandInput) => {
      const entries = input.PublishBatchRequestEntries ?? [];
      return {
        Successful: entries.filter((_, i) => i % 3 !== 1).map((e) => ({ Id: e.Id, MessageId: 'x' })),
        Failed: entries
          .filter((_, i) => i % 3 === 1)
          .map((e) => ({ Id: e.Id, Code: 'InternalError', Message: 'try again', SenderFault: false })),
      };
    });
    const out = await new SnsPublisher({ sns: client, topicArn: TOPIC }).publish(messages(5));
    expect(out.sent).toEqual(['event000', 'event002', 'event003']);
    expect(out.failed).toEqual([
      { id: 'event001', error: 'InternalError: try again' },
      { id: 'event004', error: 'InternalError: try again' },
    ]);
  });

  test('a rejected call fails its own 10 entries only, and nothing is thrown', async () => {
    let call = 0;
    sns.on(PublishBatchCommand).callsFake((input: PublishBatchCommandInput) => {
      if (++call === 2) throw Object.assign(new Error('Rate exceeded'), { name: 'ThrottledException' });
      return { Successful: (input.PublishBatchRequestEntries ?? []).map((e) => ({ Id: e.Id, MessageId: 'x' })), Failed: [] };
    });
    const out = await new SnsPublisher({ sns: client, topicArn: TOPIC }).publish(messages(23));
    expect(out.sent).toHaveLength(13);
    expect(out.failed.map((f) => f.id)).toEqual(
      messages(23)
        .slice(10, 20)
        .map((m) => m.id),
    );
    expect(out.failed[0]?.error).toBe('ThrottledException: Rate exceeded');
  });

  test('an entry SNS does not answer for counts as failed, so it is tried again', async () => {
    sns.on(PublishBatchCommand).resolves({ Successful: [{ Id: 'event000', MessageId: 'x' }], Failed: [] });
    const out = await new SnsPublisher({ sns: client, topicArn: TOPIC }).publish(messages(2));
    expect(out).toEqual({ sent: ['event000'], failed: [{ id: 'event001', error: 'no result for this entry' }] });
  });

  test('entry ids use only valid characters and stay unique in a batch', async () => {
    allSucceed();
    const odd = [
      { ...message(0), id: 'run:7/opened#1' },
      { ...message(1), id: 'run:7/opened#1' },
      { ...message(2), id: 'x'.repeat(120) },
    ];
    const out = await new SnsPublisher({ sns: client, topicArn: TOPIC }).publish(odd);
    const ids = (inputs()[0]?.PublishBatchRequestEntries ?? []).map((e) => e.Id ?? '');
    expect(ids.every((id) => /^[A-Za-z0-9_-]{1,80}$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(3);
    expect(out.sent).toEqual(odd.map((m) => m.id));
  });

  test('a FIFO topic gets the estate as group and the event id as de-duplication id', async () => {
    allSucceed();
    await new SnsPublisher({ sns: client, topicArn: `${TOPIC}.fifo` }).publish(messages(1));
    expect(inputs()[0]?.PublishBatchRequestEntries?.[0]).toMatchObject({
      MessageGroupId: 'checkout-api',
      MessageDeduplicationId: 'event000',
    });
    sns.reset();
    allSucceed();
    await new SnsPublisher({ sns: client, topicArn: TOPIC }).publish(messages(1));
    expect(inputs()[0]?.PublishBatchRequestEntries?.[0]?.MessageGroupId).toBeUndefined();
  });

  test('big messages split a batch before 256 KiB', async () => {
    allSucceed();
    const big = Array.from({ length: 4 }, (_, i) => ({ ...message(i), body: 'x'.repeat(100 * 1024) }));
    const out = await new SnsPublisher({ sns: client, topicArn: TOPIC }).publish(big);
    expect(inputs().map((i) => i.PublishBatchRequestEntries?.length)).toEqual([2, 2]);
    expect(out.sent).toHaveLength(4);
  });

  test('nothing to publish makes no call', async () => {
    const out = await new SnsPublisher({ sns: client, topicArn: TOPIC }).publish([]);
    expect(out).toEqual({ sent: [], failed: [] });
    expect(inputs()).toEqual([]);
  });
});
