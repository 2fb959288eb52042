import { createHash } from 'node:crypto';
import { Aws, Duration, Stack } from 'aws-cdk-lib';
import { CfnEventBusPolicy, Rule } from 'aws-cdk-lib/aws-events';
import { SqsQueue } from 'aws-cdk-lib/aws-events-targets';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { CHANGE_EVENT_PATTERNS, FORWARDED_EVENTS_CONDITION } from './change-event-patterns';

export interface ChangeEventsProps {
  /** route-events: consumes the buffer. */
  router: IFunction;
  /** Member accounts admitted to put events on the default bus (their forwarding rules). */
  memberAccounts: string[];
  /** How long the buffer gathers events into one batch (1–2 minutes: a storm becomes a handful of runs). */
  batchingWindow?: Duration;
}

/** Change events on the default bus → an SQS buffer (with its dead-letter queue) → route-events, in batches. */
export class ChangeEvents extends Construct {
  readonly queue: Queue;
  readonly deadLetterQueue: Queue;
  readonly rules: Rule[];

  constructor(scope: Construct, id: string, props: ChangeEventsProps) {
    super(scope, id);
    // SQS-managed encryption: EventBridge can send to it without a key policy of its own.
    const common = { encryption: QueueEncryption.SQS_MANAGED, enforceSSL: true, retentionPeriod: Duration.days(4) };
    this.deadLetterQueue = new Queue(this, 'DeadLetters', { ...common, retentionPeriod: Duration.days(14) });
    this.queue = new Queue(this, 'Buffer', {
      ...common,
      // Six times the function's timeout (1 minute) plus the batching window, as Lambda advises.
      visibilityTimeout: Duration.minutes(8),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: 5 },
    });
    this.rules = Object.entries(CHANGE_EVENT_PATTERNS).map(
      ([name, eventPattern]) =>
        new Rule(this, name, {
          eventPattern,
          targets: [new SqsQueue(this.queue)],
          description: `drift: ${name} → the change-event buffer`,
        }),
    );
    props.router.addEventSource(
      new SqsEventSource(this.queue, {
        batchSize: 100,
        maxBatchingWindow: props.batchingWindow ?? Duration.minutes(1),
        // A run that cannot start sends back only its own messages, not the batch's other estates'.
        reportBatchItemFailures: true,
      }),
    );
    // The default bus admits the declared member accounts, and no one else, for the change events only:
    // one statement naming them all. The bus policy's 10,240 characters (the account's, shared with
    // every other tool) hold some 24 statements of one account each; one statement holds 280 accounts.
    const members = [...new Set(props.memberAccounts)].sort();
    if (members.length) {
      const statementId = membersStatementId(Stack.of(this).stackName);
      new CfnEventBusPolicy(this, 'Members', {
        eventBusName: 'default',
        statementId,
        statement: {
          Sid: statementId,
          Effect: 'Allow',
          Principal: { AWS: members.map((account) => `arn:${Aws.PARTITION}:iam::${account}:root`) },
          Action: 'events:PutEvents',
          Resource: `arn:${Aws.PARTITION}:events:${Aws.REGION}:${Aws.ACCOUNT_ID}:event-bus/default`,
          Condition: FORWARDED_EVENTS_CONDITION,
        },
      });
    }
  }
}

/** EventBridge's limit on a statement id (letters, digits, "-" and "_"). */
const STATEMENT_ID_MAX = 64;

/**
 * The bus policy statement admitting this installation's members. CloudFormation holds a statement
 * id as the policy's physical id, unique in the account and region: another installation there
 * admitting members needs its own, or its first deploy fails on "already exists".
 */
export function membersStatementId(stackName: string): string {
  const room = STATEMENT_ID_MAX - 'drift--members'.length;
  const hash = createHash('sha256').update(stackName).digest('hex').slice(0, 8);
  const stack = stackName.length <= room ? stackName : `${stackName.slice(0, room - hash.length - 1)}-${hash}`;
  return `drift-${stack}-members`;
}
