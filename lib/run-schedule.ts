import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { CfnSchedule } from 'aws-cdk-lib/aws-scheduler';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';

export interface RunScheduleProps {
  stateMachine: IStateMachine;
  /** An EventBridge Scheduler expression, e.g. `cron(0 2 * * ? *)`. */
  expression: string;
  /** An IANA time zone, e.g. `Europe/Berlin`: the cron follows its daylight-saving changes. */
  timezone: string;
}

/** EventBridge Scheduler starts one run (`{}`) per tick; the execution name it picks becomes the run id. */
export class RunSchedule extends Construct {
  readonly schedule: CfnSchedule;

  constructor(scope: Construct, id: string, props: RunScheduleProps) {
    super(scope, id);
    const role = new Role(this, 'Role', { assumedBy: new ServicePrincipal('scheduler.amazonaws.com'), description: 'drift: starts the nightly run' });
    role.addToPolicy(new PolicyStatement({ actions: ['states:StartExecution'], resources: [props.stateMachine.stateMachineArn] }));
    this.schedule = new CfnSchedule(this, 'Schedule', {
      description: 'drift: the scheduled audit',
      scheduleExpression: props.expression,
      scheduleExpressionTimezone: props.timezone,
      flexibleTimeWindow: { mode: 'OFF' },
      target: {
        arn: props.stateMachine.stateMachineArn,
        roleArn: role.roleArn,
        input: '{}',
        retryPolicy: { maximumRetryAttempts: 3, maximumEventAgeInSeconds: 3600 },
      },
    });
  }
}
