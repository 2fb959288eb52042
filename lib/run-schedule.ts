import { createHash } from 'node:crypto';
import { Stack } from 'aws-cdk-lib';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { CfnSchedule, CfnScheduleGroup } from 'aws-cdk-lib/aws-scheduler';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';

export interface RunScheduleProps {
  stateMachine: IStateMachine;
  /** An EventBridge Scheduler expression, e.g. `cron(0 2 * * ? *)`. */
  expression: string;
  /** An IANA time zone, e.g. `Europe/Berlin`: the cron follows its daylight-saving changes. */
  timezone: string;
  /** Where a run that could not be started (after Scheduler's retries) is reported. */
  deadLetterQueue: IQueue;
}

/** EventBridge Scheduler starts one run (`{}`) per tick; the execution name it picks becomes the run id. */
export class RunSchedule extends Construct {
  readonly schedule: CfnSchedule;
  readonly group: CfnScheduleGroup;

  constructor(scope: Construct, id: string, props: RunScheduleProps) {
    super(scope, id);
    const stack = Stack.of(this);
    // The installation's own group, so the role's trust can name exactly it.
    const groupName = scheduleGroupName(stack.stackName);
    this.group = new CfnScheduleGroup(this, 'Group', { name: groupName });
    const role = new Role(this, 'Role', {
      // Confused-deputy protection: Scheduler may assume this role only for this group's schedules.
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com').withConditions({
        StringEquals: {
          'aws:SourceAccount': stack.account,
          'aws:SourceArn': `arn:${stack.partition}:scheduler:${stack.region}:${stack.account}:schedule-group/${groupName}`,
        },
      }),
      description: 'drift: starts the nightly run',
    });
    role.addToPolicy(new PolicyStatement({ actions: ['states:StartExecution'], resources: [props.stateMachine.stateMachineArn] }));
    // Scheduler delivers its dead letters with the schedule's role (the queue is KMS-encrypted).
    role.addToPolicy(new PolicyStatement({ actions: ['sqs:SendMessage'], resources: [props.deadLetterQueue.queueArn] }));
    const key = props.deadLetterQueue.encryptionMasterKey;
    if (key) role.addToPolicy(new PolicyStatement({ actions: ['kms:GenerateDataKey', 'kms:Decrypt'], resources: [key.keyArn] }));
    this.schedule = new CfnSchedule(this, 'Schedule', {
      description: 'drift: the scheduled audit',
      groupName: this.group.ref,
      scheduleExpression: props.expression,
      scheduleExpressionTimezone: props.timezone,
      flexibleTimeWindow: { mode: 'OFF' },
      target: {
        arn: props.stateMachine.stateMachineArn,
        roleArn: role.roleArn,
        input: '{}',
        retryPolicy: { maximumRetryAttempts: 3, maximumEventAgeInSeconds: 3600 },
        deadLetterConfig: { arn: props.deadLetterQueue.queueArn },
      },
    });
  }
}

/** Scheduler's limit on a schedule group's name. */
const GROUP_NAME_MAX = 64;

/**
 * The installation's schedule group, unique in the account and region: a stack name (up to 128
 * characters) too long for it is cut and given a digest of the whole, as two installations whose
 * names begin alike would otherwise share one name and the second's first deploy fail.
 */
export function scheduleGroupName(stackName: string): string {
  const whole = `drift-${stackName}`;
  if (whole.length <= GROUP_NAME_MAX) return whole;
  const hash = createHash('sha256').update(stackName).digest('hex').slice(0, 8);
  return `${whole.slice(0, GROUP_NAME_MAX - hash.length - 1)}-${hash}`;
}
