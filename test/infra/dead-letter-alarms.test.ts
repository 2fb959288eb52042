import type { CfnElement } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { InstallationStack } from '../../lib/installation-stack';
import { ACCOUNT, REGION } from './support/estates';
import { buildWith, SKIP_BUNDLING } from './support/synth';

type MetricStat = { Metric: { MetricName: string; Namespace: string; Dimensions: Array<{ Name: string; Value: unknown }> }; Stat: string };
type AlarmProps = {
  AlarmDescription?: string;
  AlarmActions?: unknown[];
  Threshold?: number;
  ComparisonOperator?: string;
  Metrics?: Array<{ Id: string; Expression?: string; MetricStat?: MetricStat; ReturnData?: boolean }>;
};

describe('every dead-letter queue alarms on each message that arrives, not only while it holds some', () => {
  let stack: InstallationStack;
  let alarms: AlarmProps[];
  beforeAll(async () => {
    ({ installation: stack } = await buildWith(
      { ...SKIP_BUNDLING, estates: 'examples/live/drift.yaml', tickets: 'github:acme/platform' },
      { account: ACCOUNT, region: REGION },
    ));
    alarms = Object.values(Template.fromStack(stack).findResources('AWS::CloudWatch::Alarm')).map((a) => a.Properties as AlarmProps);
  });

  const queueOf = (which: string): IQueue =>
    ({
      run: stack.auditor.deadLetterQueue,
      'change events': stack.auditor.changeEvents.deadLetterQueue,
      tickets: stack.auditor.tickets!.deadLetterQueue,
    })[which]!;

  test.each(['run', 'change events', 'tickets'])(
    'the %s queue: an alarm on the growth of its messages (visible and in flight), to the alarm topic',
    (which) => {
      const queue = queueOf(which);
      const name = { 'Fn::GetAtt': [stack.getLogicalId(queue.node.defaultChild as CfnElement), 'QueueName'] };
      const onQueue = alarms.filter((a) =>
        (a.Metrics ?? []).some((m) => m.MetricStat?.Metric.Dimensions.some((d) => JSON.stringify(d.Value) === JSON.stringify(name))),
      );
      const growth = onQueue.find((a) => a.Metrics!.some((m) => m.ReturnData !== false && /^DIFF\(/.test(m.Expression ?? '')));
      expect(growth).toBeDefined();
      const read = growth!.Metrics!.filter((m) => m.MetricStat).map((m) => m.MetricStat!.Metric.MetricName);
      expect(read.sort()).toEqual(['ApproximateNumberOfMessagesNotVisible', 'ApproximateNumberOfMessagesVisible']);
      expect(growth).toMatchObject({ Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold' });
      expect(growth!.AlarmActions).toHaveLength(1);
    },
  );
});
