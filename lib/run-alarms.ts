import { Duration, Stack } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, MathExpression, Metric, TreatMissingData, type IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { METRICS, NOTIFY_METRICS } from '../lambdas/use-cases/metric-names';

export interface RunAlarmsProps {
  functions: Record<string, IFunction>;
  stateMachine: IStateMachine;
  deadLetterQueue: IQueue;
  /** The change-event buffer's dead-letter queue: batches route-events could not route after retries. */
  changeEventsDeadLetterQueue?: IQueue;
  /** The ticket subscriber's dead-letter queue: lifecycle events sync-tickets could not apply after retries. */
  ticketsDeadLetterQueue?: IQueue;
  key: IKey;
  /** Subscribed to the alarm topic by email, if given (the address must confirm). */
  email?: string;
  /** The `service` dimension the installation's functions emit their metrics under (default `drift`). */
  service?: string;
}

/**
 * Alarms on what needs a person: function errors and throttles, failed runs, anything in the DLQ,
 * SNS publishes, digests or immediate Slack messages that failed, published to a topic that admits exactly these alarms.
 */
export class RunAlarms extends Construct {
  readonly topic: Topic;
  readonly alarms: Alarm[] = [];

  constructor(scope: Construct, id: string, props: RunAlarmsProps) {
    super(scope, id);
    this.topic = new Topic(this, 'Topic', { displayName: 'drift alarms', masterKey: props.key, enforceSSL: true });
    if (props.email) this.topic.addSubscription(new EmailSubscription(props.email));
    const action = new SnsAction(this.topic);

    const alarm = (name: string, metric: IMetric, description: string) => {
      const a = new Alarm(this, name, {
        metric,
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
        alarmDescription: description,
      });
      a.addAlarmAction(action);
      this.alarms.push(a);
    };
    const period = Duration.minutes(5);
    for (const [name, fn] of Object.entries(props.functions)) {
      alarm(`${name}-errors`, fn.metricErrors({ period, statistic: 'Sum' }), `drift ${name}: the function failed`);
      alarm(`${name}-throttles`, fn.metricThrottles({ period, statistic: 'Sum' }), `drift ${name}: invocations were throttled`);
    }
    // A depth alarm stays in ALARM until the queue is drained, so a second failure would page nobody:
    // each dead-letter queue also alarms on every message that arrives. Visible plus in-flight, so a
    // person reading the queue (which hides what they receive) is not taken for an arrival.
    const arrivals = (name: string, queue: IQueue, description: string) =>
      alarm(
        name,
        new MathExpression({
          expression: 'DIFF(visible + inFlight)',
          usingMetrics: {
            visible: queue.metricApproximateNumberOfMessagesVisible({ period, statistic: 'Maximum' }),
            inFlight: queue.metricApproximateNumberOfMessagesNotVisible({ period, statistic: 'Maximum' }),
          },
          period,
          label: 'messages that arrived',
        }),
        description,
      );
    arrivals(
      'dlq-arrivals',
      props.deadLetterQueue,
      'drift: a new failure reached the dead-letter queue (a target, an audit or a run start; raised again for each, even while older ones wait there)',
    );
    if (props.changeEventsDeadLetterQueue)
      arrivals(
        'change-events-dlq-arrivals',
        props.changeEventsDeadLetterQueue,
        'drift: more change events could not be routed (raised again for each, even while older ones wait in the change-event dead-letter queue)',
      );
    if (props.ticketsDeadLetterQueue)
      arrivals(
        'tickets-dlq-arrivals',
        props.ticketsDeadLetterQueue,
        'drift: more lifecycle events could not be applied to the tracker (raised again for each, even while older ones wait in the ticket dead-letter queue)',
      );
    alarm('run-failed', props.stateMachine.metricFailed({ period, statistic: 'Sum' }), 'drift: a run failed');
    alarm('run-timed-out', props.stateMachine.metricTimedOut({ period, statistic: 'Sum' }), 'drift: a run timed out');
    alarm(
      'dlq-depth',
      props.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period, statistic: 'Maximum' }),
      'drift: a target could not be snapshotted, an estate could not be audited, or a run could not be started (see the dead-letter queue)',
    );
    if (props.changeEventsDeadLetterQueue)
      alarm(
        'change-events-dlq-depth',
        props.changeEventsDeadLetterQueue.metricApproximateNumberOfMessagesVisible({ period, statistic: 'Maximum' }),
        'drift: change events could not be routed to targeted runs (the nightly run still audits them; see the change-event dead-letter queue)',
      );
    if (props.ticketsDeadLetterQueue)
      alarm(
        'tickets-dlq-depth',
        props.ticketsDeadLetterQueue.metricApproximateNumberOfMessagesVisible({ period, statistic: 'Maximum' }),
        'drift: tickets are late: sync-tickets could not apply lifecycle events to the tracker. Put the token in the tickets secret (or fix what the sync-tickets logs say), then redrive the ticket dead-letter queue',
      );

    // Deliveries fail quietly by design (retried next run): these say when they keep failing.
    const notifyMetric = (metricName: string) =>
      new Metric({
        namespace: METRICS.namespace,
        metricName,
        dimensionsMap: { service: props.service ?? METRICS.service },
        period,
        statistic: 'Sum',
      });
    alarm(
      'sns-publish-failed',
      notifyMetric(NOTIFY_METRICS.snsFailed),
      'drift: SNS lifecycle events could not be published (retried next run; tickets are late until then)',
    );
    alarm(
      'digest-failed',
      notifyMetric(NOTIFY_METRICS.digestsFailed),
      'drift: a Slack digest could not be delivered (its window does not move: retried next run)',
    );
    alarm(
      'immediate-failed',
      notifyMetric(NOTIFY_METRICS.immediateFailed),
      'drift: immediate Slack messages of an estate could not all be delivered (the digest still lists them)',
    );

    // The topic's policy (enforceSSL) replaces SNS's default one, which let the account's services
    // publish: CloudWatch needs its own statement, limited to this account and to these alarms.
    const stack = Stack.of(this);
    this.topic.addToResourcePolicy(
      new PolicyStatement({
        sid: 'CloudWatchAlarmsPublish',
        actions: ['sns:Publish'],
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        resources: [this.topic.topicArn],
        conditions: {
          StringEquals: { 'aws:SourceAccount': stack.account },
          ArnEquals: { 'aws:SourceArn': this.alarms.map((a) => a.alarmArn) },
        },
      }),
    );
  }
}
