import '../helpers/powertools-env';
import { Readable } from 'node:stream';
import { DynamoDBClient, QueryCommand } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, ListObjectsV2Command, NoSuchKey, S3Client } from '@aws-sdk/client-s3';
import { ExecutionAlreadyExists, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import type { Context, SQSEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { handler } from '../../lambdas/handlers/route-events';
import type { TargetedRunInput } from '../../lambdas/core/events/targeted-run';
import { planRun } from '../../lambdas/use-cases/plan-run';
import { planRunDeps } from '../../lambdas/wiring/lambda-plan';
import {
  ACCOUNT,
  deploymentStateChange,
  parameterChange,
  registerTaskDefinitionCall,
  serviceAction,
  sqsRecord,
  updateServiceCall,
} from '../fixtures/change-events/events';

const BUCKET = 'drift-installation';
const STATE_MACHINE = `arn:aws:states:us-east-1:${ACCOUNT}:stateMachine:drift-run`;
const MEMBER = '222222222222';

const CHECKOUT = `version: 1
name: checkout
environments:
  staging:
    sources:
      - ssm: { path: /staging/checkout/ }
  production:
    sources:
      - ssm: { path: /prod/checkout/ }
      - ecs: { cluster: prod, service: api, container: api }
  production-eu:
    account: "${MEMBER}"
    region: eu-west-1
    roleArn: arn:aws:iam::${MEMBER}:role/drift-read
    sources:
      - ssm: { path: /prod/checkout/ }
`;
const BILLING = `version: 1
name: billing
environments:
  production:
    sources:
      - ssm: { path: /prod/billing/ }
      - ssm: { path: /prod/archive/, from: recorded.json }
`;
const FILES: Record<string, string> = { 'estates/checkout/drift.yaml': CHECKOUT, 'estates/billing/drift.yaml': BILLING };

const s3 = mockClient(S3Client);
// The nightly plan asks the store which estates the installation audited: none yet.
mockClient(DynamoDBClient).on(QueryCommand).resolves({ Items: [] });
const sfn = mockClient(SFNClient);
const context: Context = {
  callbackWaitsForEmptyEventLoop: true,
  functionName: 'drift-route-events',
  functionVersion: '$LATEST',
  invokedFunctionArn: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:drift-route-events`,
  memoryLimitInMB: '256',
  awsRequestId: 'req-route',
  logGroupName: '/aws/lambda/drift-route-events',
  logStreamName: 'stream',
  getRemainingTimeInMillis: () => 60_000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
};
let output: string[] = [];

beforeAll(() => {
  Object.assign(process.env, {
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'dummy-secret-access-key',
    DRIFT_TABLE: 'drift-store',
    DRIFT_BUCKET: BUCKET,
    DRIFT_TOPIC_ARN: `arn:aws:sns:us-east-1:${ACCOUNT}:drift-events`,
    DRIFT_FINGERPRINT_SECRET_ARN: `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:drift/fingerprint-AbCdEf`,
    DRIFT_STATE_MACHINE_ARN: STATE_MACHINE,
    DRIFT_ACCOUNT: ACCOUNT,
  });
  for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const)
    jest.spyOn(console, level).mockImplementation((...args: unknown[]) => void output.push(args.map(String).join(' ')));
});

const BROKEN = 'version: 1\nname: other-team\nenvironments:\n  prod:\n    sources:\n      - ssm: { pth: /x/ }\n';
function serveFiles(files: Record<string, string>): void {
  s3.on(ListObjectsV2Command).resolves({ Contents: Object.keys(files).map((Key) => ({ Key })), IsTruncated: false });
  s3.on(GetObjectCommand).callsFake((input: { Key: string }) => {
    const text = files[input.Key];
    if (text === undefined) throw new NoSuchKey({ message: 'The specified key does not exist.', $metadata: {} });
    return { Body: Readable.from([Buffer.from(text)]), VersionId: 'v1', ContentLength: text.length };
  });
}
beforeEach(() => {
  output = [];
  s3.reset();
  sfn.reset();
  serveFiles(FILES);
  sfn.on(StartExecutionCommand).callsFake((input: { name: string }) => ({
    executionArn: `arn:aws:states:us-east-1:${ACCOUNT}:execution:drift-run:${input.name}`,
    startDate: new Date(),
  }));
});

const batch = (bodies: unknown[]): SQSEvent => ({ Records: bodies.map((b, i) => sqsRecord(b, i)) });
const started = () =>
  sfn.commandCalls(StartExecutionCommand).map((c) => ({ ...c.args[0].input, input: JSON.parse(c.args[0].input.input ?? 'null') }));

describe('change events → buffer → route-events → targeted runs', () => {
  test('a burst of parameter changes for one environment starts one run for that environment only', async () => {
    const burst = Array.from({ length: 10 }, (_, i) => parameterChange(`/prod/checkout/key${i}`));
    const out = await handler(batch(burst), context);
    expect(started()).toEqual([
      {
        stateMachineArn: STATE_MACHINE,
        name: expect.stringMatching(/^run-20261204T020000Z-ev-[0-9a-f]{12}$/),
        input: {
          targeted: {
            estates: { checkout: ['production'] },
            parameters: Array.from({ length: 10 }, (_, i) => `/prod/checkout/key${i}`).sort(),
            changes: 10,
          },
        },
      },
    ]);
    expect(out).toEqual({ started: [started()[0]!.name], changes: 10, dropped: 0, batchItemFailures: [] });
  });

  test('one event delivered twice in a batch (EventBridge delivers at least once) is one change, neither doubled nor dropped', async () => {
    const twice = parameterChange('/prod/checkout/a');
    const out = await handler(batch([twice, twice, parameterChange('/prod/checkout/b')]), context);
    expect(started().map((s) => s.input.targeted)).toEqual([
      { estates: { checkout: ['production'] }, parameters: ['/prod/checkout/a', '/prod/checkout/b'], changes: 2 },
    ]);
    expect(out).toMatchObject({ changes: 2, dropped: 0 });
    // The same id from another account is another event.
    sfn.resetHistory();
    const member = { ...twice, account: MEMBER, region: 'eu-west-1' };
    await expect(handler(batch([twice, member]), context)).resolves.toMatchObject({ changes: 2, dropped: 0 });
  });

  test('events for undeclared parameters, another account, a recorded source or an unused task-definition revision start no run, and are counted', async () => {
    const out = await handler(
      batch([
        parameterChange('/prod/checkoutv2/a'),
        parameterChange('/other/x'),
        parameterChange('/prod/checkout/a', { account: '999999999999' }),
        parameterChange('/prod/archive/a'),
        registerTaskDefinitionCall('api'),
        { 'detail-type': 'Scheduled Event', source: 'aws.events', detail: {} },
      ]),
      context,
    );
    expect(sfn.commandCalls(StartExecutionCommand)).toHaveLength(0);
    expect(out).toEqual({ started: [], changes: 5, dropped: 6, batchItemFailures: [] });
    expect(output.join('\n')).toMatch(/"ChangeEventsDropped":6,"TargetedRunsStarted":0/);
  });

  test('ECS deployment, service action and UpdateService events start a run for the service’s environment; a member account’s event its own environment', async () => {
    await handler(batch([deploymentStateChange('prod', 'api'), serviceAction('prod', 'api'), updateServiceCall('prod', 'api')]), context);
    expect(started().map((s) => s.input)).toEqual([{ targeted: { estates: { checkout: ['production'] }, parameters: [], changes: 3 } }]);

    sfn.resetHistory();
    const member = { ...parameterChange('/prod/checkout/a', { account: MEMBER }), region: 'eu-west-1' };
    await handler(batch([member, parameterChange('/prod/billing/rate')]), context);
    expect(started().map((s) => s.input.targeted.estates)).toEqual([{ billing: ['production'] }, { checkout: ['production-eu'] }]);
  });

  test('a deployment of a service with an old-format ARN (service/NAME, no cluster) starts a run for the environment declaring it', async () => {
    // Services created before the long ARN format keep `service/NAME`; deployment events name no cluster beside it.
    const legacy = { ...deploymentStateChange('prod', 'api'), resources: [`arn:aws:ecs:us-east-1:${ACCOUNT}:service/api`] };
    const out = await handler(batch([legacy, { ...legacy, account: MEMBER }]), context);
    expect(started().map((s) => s.input)).toEqual([{ targeted: { estates: { checkout: ['production'] }, parameters: [], changes: 1 } }]);
    expect(out).toMatchObject({ changes: 2, dropped: 1 });
  });

  test('an estate file that does not load stops no other estate’s run: its changes are dropped, and it is counted', async () => {
    serveFiles({ ...FILES, 'estates/other-team/drift.yaml': BROKEN });
    const out = await handler(batch([parameterChange('/prod/checkout/db/timeout'), parameterChange('/x/a')]), context);
    expect(started().map((s) => s.input.targeted.estates)).toEqual([{ checkout: ['production'] }]);
    expect(out).toEqual({ started: [started()[0]!.name], changes: 2, dropped: 1, batchItemFailures: [] });
    expect(output.join('\n')).toMatch(/"EstatesUnreadable":1/);
  });

  test('another team’s broken estate file fails no targeted run of a readable estate: its plan audits the estate it names', async () => {
    serveFiles({ ...FILES, 'estates/other-team/drift.yaml': BROKEN });
    await handler(batch([parameterChange('/prod/checkout/db/timeout')]), context);
    const execution = started()[0]!.input;
    const plan = await planRun({ runId: 'run-targeted', execution }, planRunDeps());
    expect(plan.estates).toEqual([
      { key: 'estates/checkout/drift.yaml', versionId: 'v1', environments: ['production'], parameters: ['/prod/checkout/db/timeout'] },
    ]);
    // The nightly run reports it (the state machine fails the run after notifying, and alarms) and audits every other estate.
    const nightly = await planRun({ runId: 'run-nightly', execution: {} }, planRunDeps());
    expect(nightly.estates.map((e) => e.key)).toEqual(['estates/billing/drift.yaml', 'estates/checkout/drift.yaml']);
    expect(nightly.unreadable.map((u) => u.key)).toEqual(['estates/other-team/drift.yaml']);
  });

  test('a targeted run whose own estate file broke after its events were routed fails its plan, with the file’s problems', async () => {
    serveFiles({ ...FILES, 'estates/billing/drift.yaml': BROKEN });
    const execution = { targeted: { estates: { billing: ['production'] }, parameters: [], changes: 1 } };
    await expect(planRun({ runId: 'run-broken', execution }, planRunDeps())).rejects.toThrow('estates/billing/drift.yaml');
  });

  test('an estate store that cannot be read fails the batch (the queue delivers it again)', async () => {
    s3.on(ListObjectsV2Command).rejects(Object.assign(new Error('slow down'), { name: 'SlowDown', $fault: 'server' }));
    await expect(handler(batch([parameterChange('/prod/checkout/a')]), context)).rejects.toThrow();
    expect(sfn.commandCalls(StartExecutionCommand)).toHaveLength(0);
  });

  test('a redelivered batch starts no second run (the same execution name; ExecutionAlreadyExists is success)', async () => {
    const events = batch([parameterChange('/staging/checkout/a')]);
    await handler(events, context);
    const first = started()[0]!.name;
    sfn.on(StartExecutionCommand).rejects(new ExecutionAlreadyExists({ message: 'Execution Already Exists', $metadata: {} }));
    await expect(handler(events, context)).resolves.toEqual({ started: [first], changes: 1, dropped: 0, batchItemFailures: [] });
    expect(sfn.commandCalls(StartExecutionCommand).map((c) => c.args[0].input.name)).toEqual([first, first]);
  });

  test('a run that cannot start fails only the messages that led to it: the others are neither retried nor dropped', async () => {
    sfn.on(StartExecutionCommand).callsFake((input: { name: string; input: string }) => {
      if (input.input.includes('billing'))
        throw Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException', $fault: 'client' });
      return { executionArn: `arn:aws:states:us-east-1:${ACCOUNT}:execution:drift-run:${input.name}`, startDate: new Date() };
    });
    const events = batch([parameterChange('/prod/checkout/a'), parameterChange('/prod/billing/rate'), parameterChange('/other/x')]);
    const out = await handler(events, context);
    expect(started().map((s) => Object.keys(s.input.targeted.estates))).toEqual([['billing'], ['checkout']]);
    // Only the billing message goes back to the queue: the checkout run started, the noise was dropped.
    expect(out).toMatchObject({
      started: [expect.any(String)],
      changes: 3,
      dropped: 1,
      batchItemFailures: [{ itemIdentifier: events.Records[1]!.messageId }],
    });
    expect(output.join('\n')).toMatch(/"TargetedRunsFailed":1/);
  });

  test('a batch none of whose runs can start fails whole (the queue redelivers it, then dead-letters it)', async () => {
    sfn.on(StartExecutionCommand).rejects(new Error('throttled'));
    await expect(handler(batch([parameterChange('/staging/checkout/a')]), context)).rejects.toThrow('throttled');
  });

  test('the targeted run’s plan audits only the estate it names and reads only the environments it names; a scheduled run all estates', async () => {
    await handler(batch([parameterChange('/prod/billing/rate')]), context);
    const execution = started()[0]!.input;
    const targeted = await planRun({ runId: 'run-targeted', execution }, planRunDeps());
    expect(targeted.estates.map((e) => e.key)).toEqual(['estates/billing/drift.yaml']);
    expect(targeted.estates.map((e) => e.environments)).toEqual([['production']]);
    expect(targeted.targets).toEqual([{ account: 'default', region: 'us-east-1' }]);
    const nightly = await planRun({ runId: 'run-nightly', execution: {} }, planRunDeps());
    expect(nightly.estates.map((e) => e.key)).toEqual(['estates/billing/drift.yaml', 'estates/checkout/drift.yaml']);
    expect(nightly.estates.map((e) => e.environments)).toEqual([undefined, undefined]);
    expect(nightly.targets).toHaveLength(2);
  });

  test('a targeted run naming one environment of several plans only that environment’s target; one naming none still declared reads them all', async () => {
    const one = await planRun(
      { runId: 'run-eu', execution: { targeted: { estates: { checkout: ['production-eu'] }, parameters: [], changes: 1 } } },
      planRunDeps(),
    );
    expect(one.estates).toEqual([expect.objectContaining({ key: 'estates/checkout/drift.yaml', environments: ['production-eu'] })]);
    expect(one.targets).toEqual([{ account: MEMBER, region: 'eu-west-1' }]);
    const gone = await planRun(
      { runId: 'run-gone', execution: { targeted: { estates: { checkout: ['removed'] }, parameters: [], changes: 1 } } },
      planRunDeps(),
    );
    expect(gone.estates).toEqual([{ key: 'estates/checkout/drift.yaml', versionId: 'v1' }]);
    expect(gone.targets).toHaveLength(2);
  });

  test('a targeted run whose estates are a list, not a map, fails its plan instead of auditing nothing', async () => {
    const execution = { targeted: { estates: ['checkout'], parameters: [], changes: 1 } } as unknown as TargetedRunInput;
    await expect(planRun({ runId: 'run-list', execution }, planRunDeps())).rejects.toThrow(
      'targeted.estates must map each estate to audit to the list of its environments to read',
    );
  });
});
