import '../helpers/powertools-env';
import { S3Client } from '@aws-sdk/client-s3';
import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { DescribeParametersCommand, GetParametersCommand, SSMClient, type Parameter } from '@aws-sdk/client-ssm';
import type { Context, SQSEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { handler as auditRunHandler } from '../../lambdas/handlers/audit-run';
import { handler as planRunHandler } from '../../lambdas/handlers/plan-run';
import { handler as routeEventsHandler } from '../../lambdas/handlers/route-events';
import { handler as snapshotTargetHandler } from '../../lambdas/handlers/snapshot-target';
import type { TargetOutcome } from '../../lambdas/use-cases/audit-run';
import type { PlanRunOutput } from '../../lambdas/use-cases/plan-run';
import { targetedRunInput } from '../../lambdas/core/events/targeted-run';
import { serveMemoryBucket } from '../helpers/memory-bucket';
import { useDynalite } from '../helpers/dynalite';
import { parameterChange, sqsRecord } from '../fixtures/change-events/events';

const BUCKET = 'drift-installation';
const FINGERPRINT_SECRET = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:drift/fingerprint-AbCdEf';
const CANARY = 'CANARY-ssm-db-pa55';
const STATE_MACHINE = 'arn:aws:states:us-east-1:123456789012:stateMachine:drift-run';

// ---- S3: an in-memory versioned bucket behind the mock ---------------------------------------------

const objects = new Map<string, Buffer[]>();
const s3 = mockClient(S3Client);
const serveS3 = (): void => serveMemoryBucket(s3, objects);

// ---- SSM: one environment's parameters, served by path or by name as Parameter Store filters them --------

const ssm = mockClient(SSMClient);
const secrets = mockClient(SecretsManagerClient);
const parameters = new Map<string, Parameter & { LastModifiedUser?: string }>();
function setParameter(name: string, value: string, version = 1, type: Parameter['Type'] = 'String'): void {
  parameters.set(name, { Name: name, Value: value, Type: type, Version: version, LastModifiedDate: new Date('2026-11-01T00:00:00Z') });
}
function serveAws(): void {
  // By path (recursive) or by name, as Parameter Store filters them.
  ssm.on(DescribeParametersCommand).callsFake((input: { ParameterFilters: Array<{ Key: string; Values: string[] }> }) => {
    const f = input.ParameterFilters[0]!;
    const match = (n: string): boolean => (f.Key === 'Path' ? n.startsWith(f.Values[0]!) : f.Values.includes(n));
    return { Parameters: [...parameters.values()].filter((p) => match(p.Name!)).map(({ Value: _v, ...m }) => m) };
  });
  ssm.on(GetParametersCommand).callsFake((input: { Names: string[] }) => ({
    Parameters: input.Names.map((n) => parameters.get(n)).filter(Boolean),
    InvalidParameters: input.Names.filter((n) => !parameters.has(n)),
  }));
  secrets.on(GetSecretValueCommand, { SecretId: FINGERPRINT_SECRET }).resolves({ SecretString: Buffer.alloc(32, 7).toString('base64') });
}
const ssmCalls = () => ({
  describe: ssm.commandCalls(DescribeParametersCommand).map((c) => c.args[0].input.ParameterFilters),
  get: ssm.commandCalls(GetParametersCommand).map((c) => c.args[0].input.Names),
});

const SHOP = `version: 1
name: shop
environments:
  production:
    account: "222222222222"
    region: eu-west-1
    sources:
      - ssm: { path: /production/shop/ }
baseline:
  undeclared: ignore
  keys:
    api.timeout: { type: duration, value: 30s }
    pool.size: { type: int, value: 10 }
    db.password: { secret: true }
`;

const context = (name: string): Context => ({
  callbackWaitsForEmptyEventLoop: true,
  functionName: `drift-${name}`,
  functionVersion: '$LATEST',
  invokedFunctionArn: `arn:aws:lambda:us-east-1:123456789012:function:drift-${name}`,
  memoryLimitInMB: '1024',
  awsRequestId: `req-${name}`,
  logGroupName: `/aws/lambda/drift-${name}`,
  logStreamName: 'stream',
  getRemainingTimeInMillis: () => 120_000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
});

const db = useDynalite();

// Every line the handlers log, to look for what must never be in them.
const logged: string[] = [];

beforeAll(async () => {
  for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const)
    jest.spyOn(console, level).mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(' ')));
  const table = await db.freshTable();
  Object.assign(process.env, {
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'dummy-secret-access-key',
    AWS_ENDPOINT_URL_DYNAMODB: db.endpoint,
    DRIFT_TABLE: table.table,
    DRIFT_BUCKET: BUCKET,
    DRIFT_TOPIC_ARN: 'arn:aws:sns:us-east-1:123456789012:drift-events',
    DRIFT_FINGERPRINT_SECRET_ARN: FINGERPRINT_SECRET,
    DRIFT_STATE_MACHINE_ARN: STATE_MACHINE,
    DRIFT_ACCOUNT: '123456789012',
  });
  serveS3();
  serveAws();
  objects.set('estates/shop/drift.yaml', [Buffer.from(SHOP)]);
  setParameter('/production/shop/api/timeout', '30s');
  setParameter('/production/shop/pool/size', '10');
  setParameter('/production/shop/db/password', CANARY, 1, 'SecureString');
  for (let i = 0; i < 30; i++) setParameter(`/production/shop/extra/setting_${i}`, `${i}`);
});

afterAll(() => jest.restoreAllMocks());

/**
 * One execution, stage by stage as the state machine runs it; `execution` is its input (`{}`:
 * scheduled). Returns what the stages passed on (the run's state, the Map's items and results).
 */
async function execution(runId: string, input: object): Promise<unknown[]> {
  ssm.resetHistory();
  const plan: PlanRunOutput = await planRunHandler({ runId, execution: input }, context('plan'));
  const items = plan.targets.map((target) => ({ runId: plan.runId, estates: plan.estates, target }));
  const outcomes: TargetOutcome[] = [];
  for (const item of items) outcomes.push(await snapshotTargetHandler(item, context('snapshot')));
  const audited: unknown = await auditRunHandler({ runId: plan.runId, estates: plan.estates, snapshots: outcomes }, context('audit'));
  return [plan, items, outcomes, audited];
}
const findings = (runId: string): Array<{ kind: string; key?: string }> =>
  JSON.parse(objects.get(`runs/${runId}/reports/shop.json`)!.at(-1)!.toString('utf8')).findings;
const said = (runId: string): string[] => findings(runId).map((f) => `${f.kind} ${f.key ?? ''}`);

describe('a targeted run after a nightly run reads only the parameters its events named', () => {
  test('the nightly run reads the whole path', async () => {
    await execution('run-1-nightly', {});
    expect(ssmCalls().describe).toEqual([[{ Key: 'Path', Option: 'Recursive', Values: ['/production/shop/'] }]]);
    expect(ssmCalls().get).toHaveLength(4);
    expect(said('run-1-nightly')).toEqual([]);
  });

  test('a 2 AM change to one parameter: the targeted run calls GetParameters for that name only, and sees the change', async () => {
    setParameter('/production/shop/api/timeout', '5s', 2);
    await execution(
      'run-2-targeted',
      targetedRunInput({ estate: 'shop', environments: ['production'], parameters: ['/production/shop/api/timeout'], changes: 1 }),
    );
    expect(ssmCalls()).toEqual({
      describe: [[{ Key: 'Name', Option: 'Equals', Values: ['/production/shop/api/timeout'] }]],
      get: [['/production/shop/api/timeout']],
    });
    expect(said('run-2-targeted')).toEqual(expect.arrayContaining(['changed api.timeout', 'mismatch api.timeout']));
    expect(said('run-2-targeted')).not.toContain('changed pool.size');
  });

  test('a deleted parameter, targeted: it is gone from the snapshot (no GetParameters at all), the rest stands', async () => {
    parameters.delete('/production/shop/pool/size');
    await execution(
      'run-3-targeted',
      targetedRunInput({ estate: 'shop', environments: ['production'], parameters: ['/production/shop/pool/size'], changes: 1 }),
    );
    expect(ssmCalls().get).toEqual([]);
    expect(said('run-3-targeted')).toEqual(expect.arrayContaining(['missing pool.size', 'mismatch api.timeout']));
  });

  test('the store and the reports hold fingerprints only', async () => {
    const reports = [...objects.entries()].filter(([k]) => k.endsWith('.json')).map(([, v]) => v.join(''));
    expect(reports.join('\n')).not.toContain(CANARY);
  });
});

describe('a change to a parameter whose name holds a credential', () => {
  const TOKEN = 'ghp_CANARYROUTEDNAME0123456789ABCDEFGHIJ';
  const NAME = `/production/shop/clients/${TOKEN}`;
  const sfn = mockClient(SFNClient);
  const member = (name: string) => ({ ...parameterChange(name, { account: '222222222222' }), region: 'eu-west-1' });
  const startedInputs = (): string[] => sfn.commandCalls(StartExecutionCommand).map((c) => c.args[0].input.input ?? '');

  beforeAll(() => {
    sfn
      .on(StartExecutionCommand)
      .resolves({ executionArn: `${STATE_MACHINE.replace(':stateMachine:', ':execution:')}:x`, startDate: new Date() });
  });

  test('is routed to a targeted run whose input, state and logs never hold the name, and that run reads that parameter', async () => {
    setParameter(NAME, 'ci-bot');
    await execution('run-4-nightly', {});
    setParameter(NAME, 'deploy-bot', 2);
    logged.length = 0;

    const event: SQSEvent = { Records: [sqsRecord(member(NAME), 0), sqsRecord(member('/production/shop/api/timeout'), 1)] };
    const routed = await routeEventsHandler(event, context('route'));
    expect(routed).toMatchObject({ changes: 2, dropped: 0 });
    expect(startedInputs()).toHaveLength(1);
    expect(startedInputs()[0]).toContain('/production/shop/api/timeout');
    expect(startedInputs().join('\n')).not.toContain(TOKEN);

    const state = await execution('run-5-targeted', JSON.parse(startedInputs()[0]!));
    expect(JSON.stringify(state)).not.toContain(TOKEN);
    expect(logged.join('\n')).not.toContain(TOKEN);
    // The changed parameter is read; nothing else of the path is (the other one named did not move).
    expect(ssmCalls().get).toEqual([[NAME]]);
    expect(said('run-5-targeted')).toEqual(expect.arrayContaining([expect.stringMatching(/^changed clients\.secret\.[0-9a-f]{8}$/)]));
    expect(said('run-5-targeted').join('\n')).not.toContain(TOKEN.toLowerCase());
  });
});
