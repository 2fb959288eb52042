import { PublishBatchCommand, type PublishBatchRequestEntry, type SNSClient } from '@aws-sdk/client-sns';
import { SNS_MESSAGE_MAX_BYTES, snsMessageBytes, type SnsMessage } from '../../core/notify/sns-message';

export interface SnsPublisherOptions {
  /** Made by the wiring; tests pass a real client under aws-sdk-client-mock. */
  sns: SNSClient;
  topicArn: string;
}

export interface PublishOutcome {
  /** Ids (event ids) of the messages SNS accepted. */
  sent: string[];
  failed: Array<{ id: string; error: string }>;
}

/** SNS `PublishBatch` limits: 10 entries, 256 KiB for the whole request. */
const MAX_ENTRIES = 10;
const MAX_BATCH_BYTES = SNS_MESSAGE_MAX_BYTES;

/** A batch entry id: at most 80 of `[A-Za-z0-9_-]`, unique within its batch. */
function entryId(id: string, taken: Set<string>): string {
  const base = id.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 72) || 'm';
  let candidate = base;
  for (let n = 2; taken.has(candidate); n++) candidate = `${base}-${n}`;
  taken.add(candidate);
  return candidate;
}

/** Splits into batches of at most 10 messages and 256 KiB; a message too big alone still gets its own batch (and SNS's answer). */
export function batches(messages: SnsMessage[]): SnsMessage[][] {
  const out: SnsMessage[][] = [];
  let current: SnsMessage[] = [];
  let bytes = 0;
  for (const m of messages) {
    const size = snsMessageBytes(m);
    if (current.length === MAX_ENTRIES || (current.length > 0 && bytes + size > MAX_BATCH_BYTES)) {
      out.push(current);
      current = [];
      bytes = 0;
    }
    current.push(m);
    bytes += size;
  }
  if (current.length) out.push(current);
  return out;
}

const errorText = (e: unknown): string => (e instanceof Error ? `${e.name}: ${e.message}` : String(e));

/** Publishes lifecycle-event messages to one SNS topic; AWS errors come back as failed ids, never thrown. */
export class SnsPublisher {
  private readonly fifo: boolean;

  constructor(private readonly options: SnsPublisherOptions) {
    this.fifo = options.topicArn.endsWith('.fifo');
  }

  /** Sends every message, 10 a call, and says per message whether SNS took it. */
  async publish(messages: SnsMessage[]): Promise<PublishOutcome> {
    const outcome: PublishOutcome = { sent: [], failed: [] };
    for (const batch of batches(messages)) await this.publishBatch(batch, outcome);
    return outcome;
  }

  private entry(m: SnsMessage, id: string): PublishBatchRequestEntry {
    const entry: PublishBatchRequestEntry = { Id: id, Message: m.body, MessageAttributes: m.attributes };
    if (this.fifo) {
      // One group per estate keeps an episode's opened before its resolved; the event id de-duplicates retries.
      entry.MessageGroupId = m.attributes.estate?.StringValue ?? 'drift';
      entry.MessageDeduplicationId = m.id.slice(0, 128);
    }
    return entry;
  }

  private async publishBatch(batch: SnsMessage[], outcome: PublishOutcome): Promise<void> {
    const taken = new Set<string>();
    const byEntry = new Map<string, SnsMessage>();
    const entries = batch.map((m) => {
      const id = entryId(m.id, taken);
      byEntry.set(id, m);
      return this.entry(m, id);
    });
    try {
      const res = await this.options.sns.send(
        new PublishBatchCommand({ TopicArn: this.options.topicArn, PublishBatchRequestEntries: entries }),
      );
      const answered = new Set<string>();
      const answer = (id: string | undefined): SnsMessage | undefined => {
        const m = id === undefined || answered.has(id) ? undefined : byEntry.get(id);
        if (id !== undefined) answered.add(id);
        return m;
      };
      for (const s of res.Successful ?? []) {
        const m = answer(s.Id);
        if (m) outcome.sent.push(m.id);
      }
      for (const f of res.Failed ?? []) {
        const m = answer(f.Id);
        if (m)
          outcome.failed.push({
            id: m.id,
            error: `${f.Code ?? 'Failed'}: ${f.Message ?? 'no message'}${f.SenderFault ? ' (sender fault)' : ''}`,
          });
      }
      // An entry SNS did not answer for is not known to be delivered: failed, so it is tried again.
      for (const [id, m] of byEntry) if (!answered.has(id)) outcome.failed.push({ id: m.id, error: 'no result for this entry' });
    } catch (e) {
      for (const m of batch) outcome.failed.push({ id: m.id, error: errorText(e) });
    }
  }
}
