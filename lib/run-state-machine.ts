import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import {
  DefinitionBody,
  Errors,
  JsonPath,
  LogLevel,
  Map as MapState,
  Pass,
  StateMachine,
  TaskInput,
} from 'aws-cdk-lib/aws-stepfunctions';
import { LambdaInvoke, SqsSendMessage } from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';

export interface RunStateMachineProps {
  planRun: IFunction;
  snapshotTarget: IFunction;
  auditRun: IFunction;
  notifyRun: IFunction;
  deadLetterQueue: IQueue;
  /** Snapshot invocations at once: one per account and region, each with its own rate limiter. */
  maxConcurrency?: number;
  logRetention?: RetentionDays;
}

/** Lambda's own transient failures, retried with backoff; a handler's error is not retried here. */
const LAMBDA_TRANSIENT = ['Lambda.ServiceException', 'Lambda.AWSLambdaException', 'Lambda.SdkClientException', 'Lambda.TooManyRequestsException'];

function invoke(scope: Construct, id: string, fn: IFunction, payload: Record<string, unknown>, resultPath?: string): LambdaInvoke {
  const task = new LambdaInvoke(scope, id, {
    lambdaFunction: fn,
    payload: TaskInput.fromObject(payload),
    // The handlers return small references (S3 keys, counts): only the payload is kept, never the
    // invocation metadata, so the state stays far under the 256 KB limit.
    resultSelector: { 'value.$': '$.Payload' },
    resultPath,
    retryOnServiceExceptions: false,
  });
  // Every stage is idempotent (runId-keyed, conditional writes), so a retry is always safe.
  task.addRetry({ errors: LAMBDA_TRANSIENT, interval: Duration.seconds(2), backoffRate: 2, maxAttempts: 6 });
  return task;
}

/**
 * plan-run → Map(snapshot-target per account and region; a failed target is recorded and sent to the
 * DLQ, the others go on) → audit-run → notify-run. State carries references only.
 */
export class RunStateMachine extends Construct {
  readonly stateMachine: StateMachine;

  constructor(scope: Construct, id: string, props: RunStateMachineProps) {
    super(scope, id);

    // The execution name is the run id: Scheduler names each execution uniquely, and re-running a
    // name is how a run is retried.
    const plan = invoke(this, 'plan-run', props.planRun, { 'runId.$': '$$.Execution.Name' });
    const planned = new Pass(this, 'planned', {
      parameters: { 'runId.$': '$.value.runId', 'estates.$': '$.value.estates', 'targets.$': '$.value.targets' },
    });

    const snapshot = invoke(this, 'snapshot-target', props.snapshotTarget, { 'runId.$': '$.runId', 'estates.$': '$.estates', 'target.$': '$.target' }, '$.result');
    const snapshotted = new Pass(this, 'snapshotted', { parameters: { 'target.$': '$.target', 'snapshot.$': '$.result.value' } });
    const toDlq = new SqsSendMessage(this, 'send-failure-to-dlq', {
      queue: props.deadLetterQueue,
      messageBody: TaskInput.fromObject({ 'runId.$': '$.runId', 'target.$': '$.target', 'error.$': '$.error', stage: 'snapshot-target' }),
      resultPath: JsonPath.DISCARD,
    });
    const failed = new Pass(this, 'snapshot-failed', { parameters: { 'target.$': '$.target', 'error.$': '$.error' } });
    // One target's failure is recorded as `{ target, error }`: the Map, and the run, go on.
    snapshot.addCatch(toDlq.next(failed), { errors: [Errors.ALL], resultPath: '$.error' });

    const perTarget = new MapState(this, 'snapshot-targets', {
      itemsPath: '$.targets',
      itemSelector: { 'runId.$': '$.runId', 'estates.$': '$.estates', 'target.$': '$$.Map.Item.Value' },
      maxConcurrency: props.maxConcurrency ?? 4,
      resultPath: '$.snapshots',
    });
    perTarget.itemProcessor(snapshot.next(snapshotted));

    const audit = invoke(this, 'audit-run', props.auditRun, { 'runId.$': '$.runId', 'estates.$': '$.estates', 'snapshots.$': '$.snapshots' }, '$.audit');
    const notify = invoke(this, 'notify-run', props.notifyRun, { 'runId.$': '$.runId', 'estates.$': '$.estates' }, '$.notify');
    const done = new Pass(this, 'done', { parameters: { 'runId.$': '$.runId', 'audit.$': '$.audit.value', 'notify.$': '$.notify.value' } });

    const logGroup = new LogGroup(this, 'Logs', { retention: props.logRetention ?? RetentionDays.THREE_MONTHS, removalPolicy: RemovalPolicy.DESTROY });
    this.stateMachine = new StateMachine(this, 'StateMachine', {
      definitionBody: DefinitionBody.fromChainable(plan.next(planned).next(perTarget).next(audit).next(notify).next(done)),
      timeout: Duration.hours(2),
      tracingEnabled: true,
      // ALL state transitions, without the data: the run's references, never configuration values.
      logs: { destination: logGroup, level: LogLevel.ALL, includeExecutionData: false },
    });
  }
}
