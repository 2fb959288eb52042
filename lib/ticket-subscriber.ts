import { Duration } from 'aws-cdk-lib';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { SubscriptionFilter, type ITopic } from 'aws-cdk-lib/aws-sns';
import { SqsSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { TICKET_EVENTS } from '../lambdas/core/tickets/ticket-event';

// The filter passes the events a ticket follows (the ones the subscriber parses), not filtered on
// severity: a ticket opened at high must still get its `resolved` after a de-escalation, so the
// subscriber applies `notify.tickets` itself.

export interface TicketSubscriberProps {
  /** The findings topic (`event` is one of its message attributes). */
  topic: ITopic;
  /** sync-tickets: consumes the queue. */
  consumer: LambdaFunction;
}

/** The findings topic → an SQS queue (with its dead-letter queue) → sync-tickets, a batch of ten at a time, two at once at most. */
export class TicketSubscriber extends Construct {
  readonly queue: Queue;
  readonly deadLetterQueue: Queue;

  constructor(scope: Construct, id: string, props: TicketSubscriberProps) {
    super(scope, id);
    // SQS-managed encryption: SNS delivers to it without a key policy of its own (an SQS queue under the
    // installation key would need a statement for sns.amazonaws.com on that key).
    const common = { encryption: QueueEncryption.SQS_MANAGED, enforceSSL: true };
    this.deadLetterQueue = new Queue(this, 'DeadLetters', { ...common, retentionPeriod: Duration.days(14) });
    const timeout = props.consumer.timeout ?? Duration.seconds(3);
    this.queue = new Queue(this, 'Queue', {
      ...common,
      retentionPeriod: Duration.days(14),
      // Six times the function's timeout, as Lambda advises for an SQS event source.
      visibilityTimeout: Duration.seconds(6 * timeout.toSeconds()),
      // A tracker that is down or rate-limiting gives the message back; after eight tries it waits in the DLQ.
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: 8 },
    });
    props.topic.addSubscription(
      new SqsSubscription(this.queue, {
        rawMessageDelivery: true,
        filterPolicy: { event: SubscriptionFilter.stringFilter({ allowlist: [...TICKET_EVENTS] }) },
      }),
    );
    props.consumer.addEventSource(
      new SqsEventSource(this.queue, {
        batchSize: 10,
        reportBatchItemFailures: true,
        // GitHub asks for serial writes per token; two is the least SQS allows.
        maxConcurrency: 2,
      }),
    );
  }
}
