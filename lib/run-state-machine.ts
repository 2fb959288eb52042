import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import {
  Choice,
  Condition,
  DefinitionBody,
  Errors,
  Fail,
  JsonPath,
  LogLevel,
  Map as MapState,
  Pass,
  StateMachine,
  Succeed,
  TaskInput,
  type IChainable,
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
  /** Estates audited at once (each its own audit-run invocation). */
  auditConcurrency?: number;
  logRetention?: RetentionDays;
}

/** Lambda's own transient failures: retried quickly, often. */
const LAMBDA_TRANSIENT = [
  'Lambda.ServiceException',
  'Lambda.AWSLambdaException',
  'Lambda.SdkClientException',
  'Lambda.TooManyRequestsException',
];

/**
 * A stage's Lambda invocation, retried on any error with the same input: every stage is idempotent
 * (runId-keyed objects, conditional writes, events de-duplicated by id), so a retry is always safe.
 */
function invoke(
  scope: Construct,
  id: string,
  fn: IFunction,
  payload: Record<string, unknown>,
  resultPath: string | undefined,
  attempts: number,
): LambdaInvoke {
  const task = new LambdaInvoke(scope, id, {
    lambdaFunction: fn,
    payload: TaskInput.fromObject(payload),
    // The handlers return small references (S3 keys, counts): only the payload is kept, never the
    // invocation metadata, so the state stays far under the 256 KB limit.
    resultSelector: { 'value.$': '$.Payload' },
    resultPath,
    retryOnServiceExceptions: false,
  });
  task.addRetry({ errors: LAMBDA_TRANSIENT, interval: Duration.seconds(2), backoffRate: 2, maxAttempts: 6 });
  // Any other error (a throttled write, a timeout): wait long enough for throttling to pass.
  task.addRetry({ errors: [Errors.ALL], interval: Duration.seconds(10), backoffRate: 3, maxAttempts: attempts });
  return task;
}

/**
 * Sends a failure to the dead-letter queue (which alarms), retried; if it still cannot be sent, the
 * run goes on to `next` anyway: the failure is also in the state (and the execution's history).
 */
function deadLetter(scope: Construct, id: string, queue: IQueue, body: Record<string, unknown>, next: IChainable): IChainable {
  const send = new SqsSendMessage(scope, id, { queue, messageBody: TaskInput.fromObject(body), resultPath: JsonPath.DISCARD });
  send.addRetry({ errors: [Errors.ALL], interval: Duration.seconds(1), backoffRate: 2, maxAttempts: 3 });
  send.addCatch(next, { errors: [Errors.ALL], resultPath: '$.deadLetterError' });
  return send.next(next);
}

/**
 * plan-run → Map(snapshot-target per account and region) → Map(audit-run per estate) → notify-run →
 * check. A failed snapshot target or estate audit (after its retries) goes to the DLQ and the others
 * go on: every estate that could be audited is notified. The run then fails (`AuditFailed`, the
 * run-failed alarm) if any estate could not be audited, so nobody misses it; an estate file plan-run
 * could not read goes to the DLQ after notifying and fails it too (`EstateUnreadable`). State
 * carries references only.
 */
export class RunStateMachine extends Construct {
  readonly stateMachine: StateMachine;

  constructor(scope: Construct, id: string, props: RunStateMachineProps) {
    super(scope, id);
    const queue = props.deadLetterQueue;

    // The execution name is the run id: Scheduler names each execution uniquely, and re-running a
    // name is how a run is retried.
    // The execution's input goes along: a targeted run (route-events) names its estates there; a scheduled one is `{}`.
    const plan = invoke(this, 'plan-run', props.planRun, { 'runId.$': '$$.Execution.Name', 'execution.$': '$' }, undefined, 2);
    const planned = new Pass(this, 'planned', {
      parameters: {
        'runId.$': '$.value.runId',
        'estates.$': '$.value.estates',
        'targets.$': '$.value.targets',
        'unreadable.$': '$.value.unreadable',
        'unreadableCount.$': '$.value.unreadableCount',
      },
    });

    const snapshot = invoke(
      this,
      'snapshot-target',
      props.snapshotTarget,
      { 'runId.$': '$.runId', 'estates.$': '$.estates', 'target.$': '$.target' },
      '$.result',
      2,
    );
    const snapshotted = new Pass(this, 'snapshotted', { parameters: { 'target.$': '$.target', 'snapshot.$': '$.result.value' } });
    // One target's failure is recorded as `{ target, error: { Error } }` (its environments' findings carry
    // forward): the error's name, all audit-run says of it. Its Cause (the Lambda's message and stack
    // trace, a kilobyte) goes to the dead-letter queue only: kept for each of some 250 failed targets
    // (one cause fails them all), it would pass the run's 256 KiB state and fail the run unnotified.
    const snapshotFailed = new Pass(this, 'snapshot-failed', {
      parameters: { 'target.$': '$.target', error: { 'Error.$': '$.error.Error' } },
    });
    snapshot.addCatch(
      deadLetter(
        this,
        'send-failure-to-dlq',
        queue,
        { 'runId.$': '$.runId', 'target.$': '$.target', 'error.$': '$.error', stage: 'snapshot-target' },
        snapshotFailed,
      ),
      { errors: [Errors.ALL], resultPath: '$.error' },
    );
    const perTarget = new MapState(this, 'snapshot-targets', {
      itemsPath: '$.targets',
      itemSelector: { 'runId.$': '$.runId', 'estates.$': '$.estates', 'target.$': '$$.Map.Item.Value' },
      maxConcurrency: props.maxConcurrency ?? 4,
      resultPath: '$.snapshots',
    });
    perTarget.itemProcessor(snapshot.next(snapshotted));

    // One invocation per estate: a retry re-audits only that estate, and its failure stops no other.
    const audit = invoke(
      this,
      'audit-run',
      props.auditRun,
      { 'runId.$': '$.runId', 'estates.$': 'States.Array($.estate)', 'snapshots.$': '$.snapshots' },
      '$.result',
      3,
    );
    const audited = new Pass(this, 'audited', { parameters: { 'estate.$': '$.estate.key', 'audited.$': '$.result.value.audited' } });
    // Its name only, as for a target: the Cause is in the dead-letter queue.
    const auditFailed = new Pass(this, 'audit-failed', {
      parameters: { 'estate.$': '$.estate.key', failed: { 'Error.$': '$.error.Error' } },
    });
    audit.addCatch(
      deadLetter(
        this,
        'send-audit-failure-to-dlq',
        queue,
        { 'runId.$': '$.runId', 'estate.$': '$.estate', 'error.$': '$.error', stage: 'audit-run' },
        auditFailed,
      ),
      { errors: [Errors.ALL], resultPath: '$.error' },
    );
    const perEstate = new MapState(this, 'audit-estates', {
      itemsPath: '$.estates',
      itemSelector: { 'runId.$': '$.runId', 'estate.$': '$$.Map.Item.Value', 'snapshots.$': '$.snapshots' },
      maxConcurrency: props.auditConcurrency ?? 2,
      resultPath: '$.audits',
    });
    perEstate.itemProcessor(audit.next(audited));

    // Every estate is notified: one whose audit failed has no report for this run (so no digest) and
    // only the events its partial audit already logged, which are true and never sent twice.
    const notify = invoke(this, 'notify-run', props.notifyRun, { 'runId.$': '$.runId', 'estates.$': '$.estates' }, '$.notify', 2);

    // After notifying: the run fails if any estate could not be audited. Checked item by item, so
    // every path is definite (an indefinite JSONPath behaves differently from engine to engine).
    const check = new MapState(this, 'check-audits', { itemsPath: '$.audits', resultPath: JsonPath.DISCARD });
    check.itemProcessor(
      new Choice(this, 'estate-audited?')
        .when(
          Condition.isPresent('$.failed'),
          new Fail(this, 'estate-not-audited', {
            error: 'AuditFailed',
            cause: 'an estate could not be audited after retries (see the dead-letter queue); every other estate was audited and notified',
          }),
        )
        .otherwise(new Succeed(this, 'estate-ok')),
    );
    // After notifying, too: an estate file plan-run could not read audited nothing; the others were
    // audited and notified. Its problems go to the dead-letter queue (which alarms) and the run fails.
    const unreadableFailed = new Fail(this, 'estate-file-unreadable', {
      error: 'EstateUnreadable',
      cause: 'an estate file could not be read (its problems are in the dead-letter queue); every other estate was audited and notified',
    });
    const unreadable = new Choice(this, 'estate-files-read?')
      .when(
        Condition.isPresent('$.unreadable[0]'),
        deadLetter(
          this,
          'send-unreadable-to-dlq',
          queue,
          { 'runId.$': '$.runId', 'unreadable.$': '$.unreadable', 'unreadableCount.$': '$.unreadableCount', stage: 'plan-run' },
          unreadableFailed,
        ),
      )
      .otherwise(check);
    const done = new Pass(this, 'done', { parameters: { 'runId.$': '$.runId', 'audits.$': '$.audits', 'notify.$': '$.notify.value' } });
    check.next(done);

    // Under /aws/vendedlogs/: Step Functions adds a log group elsewhere to the account's CloudWatch Logs
    // resource policy, whose 5,120 characters a busy account may have used up (the deploy then fails).
    const logGroup = new LogGroup(this, 'Logs', {
      logGroupName: `/aws/vendedlogs/states/drift-${Stack.of(this).stackName}-run`,
      retention: props.logRetention ?? RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // Its role (made by CDK) trusts Step Functions only for this account's state machines (aws:SourceAccount, aws:SourceArn).
    this.stateMachine = new StateMachine(this, 'StateMachine', {
      definitionBody: DefinitionBody.fromChainable(plan.next(planned).next(perTarget).next(perEstate).next(notify).next(unreadable)),
      timeout: Duration.hours(2),
      tracingEnabled: true,
      // ALL state transitions, without the data: the run's references, never configuration values.
      logs: { destination: logGroup, level: LogLevel.ALL, includeExecutionData: false },
    });
  }
}
