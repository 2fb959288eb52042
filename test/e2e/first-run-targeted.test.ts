import '../helpers/powertools-env';
import { S3Client } from '@aws-sdk/client-s3';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { PublishBatchCommand, SNSClient } from '@aws-sdk/client-sns';
import { DescribeParametersCommand, GetParametersCommand, SSMClient, type Parameter } from '@aws-sdk/client-ssm';
import type { Context } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { handler as auditRunHandler } from '../../lambdas/handlers/audit-run';
import { handler as notifyRunHandler } from '../../lambdas/handlers/notify-run';
import { handler as planRunHandler } from '../../lambdas/handlers/plan-run';
import { handler as snapshotTargetHandler } from '../../lambdas/handlers/snapshot-target';
import { targetedRunInput } from '../../lambdas/core/events/targeted-run';
import type { TargetOutcome } from '../../lambdas/use-cases/audit-run';
import type { PlanRunOutput } from '../../lambdas/use-cases/plan-run';
import { serveMemoryBucket } from '../helpers/memory-bucket';
import { useDynalite } from '../helpers/dynalite';

// An installation deployed in the afternoon: a parameter changes before the first nightly run, so
// its first run is a targeted one that reads production only. `notify.sns.onFirstRun` is false.

const FINGERPRINT_SECRET = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:drift/fingerprint-AbCdEf';
const SHOP = `version: 1
name: shop
environments:
  staging:
    sources:
      - ssm: { path: /staging/shop/ }
  production:
    account: "222222222222"
    region: eu-west-1
    sources:
      - ssm: { path: /production/shop/ }
baseline:
  undeclared: ignore
  keys:
    pool.size: { type: int, value: 10, severity: high }
    api.retries: { type: int, value: 3, severity: high }
`;

const objects = new Map<string, Buffer[]>();
const s3 = mockClient(S3Client);
const ssm = mockClient(SSMClient);
const sns = mockClient(SNSClient);
const secrets = mockClient(SecretsManagerClient);
const parameters = new Map<string, Parameter>();
let now = 0;
function setParameter(name: string, value: string, version = 1): void {
  parameters.set(name, { Name: name, Value: value, Type: 'String', Version: version, LastModifiedDate: new Date(now - 60_000) });
}
const context = (name: string): Context =>
  ({ functionName: `drift-${name}`, awsRequestId: 'r', getRemainingTimeInMillis: () => 120_000 }) as unknown as Context;

const db = useDynalite();
beforeAll(async () => {
  for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) jest.spyOn(console, level).mockImplementation(() => undefined);
  const table = await db.freshTable();
  Object.assign(process.env, {
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'x',
    AWS_ENDPOINT_URL_DYNAMODB: db.endpoint,
    DRIFT_TABLE: table.table,
    DRIFT_BUCKET: 'drift-installation',
    DRIFT_TOPIC_ARN: 'arn:aws:sns:us-east-1:123456789012:drift-events',
    DRIFT_FINGERPRINT_SECRET_ARN: FINGERPRINT_SECRET,
    DRIFT_SLACK_SECRET_ARN: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:drift/slack-AbCdEf',
  });
  serveMemoryBucket(s3, objects);
  ssm.on(DescribeParametersCommand).callsFake((input: { ParameterFilters: Array<{ Key: string; Values: string[] }> }) => {
    const f = input.ParameterFilters[0]!;
    const match = (n: string): boolean => (f.Key === 'Path' ? n.startsWith(f.Values[0]!) : f.Values.includes(n));
    return { Parameters: [...parameters.values()].filter((p) => match(p.Name!)).map(({ Value: _v, ...m }) => m) };
  });
  ssm.on(GetParametersCommand).callsFake((input: { Names: string[] }) => ({
    Parameters: input.Names.map((n) => parameters.get(n)).filter(Boolean),
    InvalidParameters: [],
  }));
  // No Slack webhook set: no digest.
  secrets.on(GetSecretValueCommand).resolves({ SecretString: '' });
  secrets.on(GetSecretValueCommand, { SecretId: FINGERPRINT_SECRET }).resolves({ SecretString: Buffer.alloc(32, 7).toString('base64') });
  sns.on(PublishBatchCommand).callsFake((input: { PublishBatchRequestEntries: Array<{ Id: string }> }) => ({
    Successful: input.PublishBatchRequestEntries.map((e) => ({ Id: e.Id, MessageId: `m-${e.Id}` })),
    Failed: [],
  }));
  objects.set('estates/shop/drift.yaml', [Buffer.from(SHOP)]);
});
afterAll(() => jest.restoreAllMocks());

jest.useFakeTimers({
  doNotFake: ['nextTick', 'setImmediate', 'setTimeout', 'setInterval', 'clearTimeout', 'clearInterval', 'queueMicrotask'],
});
const at = (iso: string): void => {
  now = Date.parse(iso);
  jest.setSystemTime(now);
};

/** One execution, stage by stage as the state machine runs it, notify included. */
async function execution(runId: string, input: object): Promise<void> {
  const plan: PlanRunOutput = await planRunHandler({ runId, execution: input }, context('plan'));
  const outcomes: TargetOutcome[] = [];
  for (const target of plan.targets)
    outcomes.push(await snapshotTargetHandler({ runId: plan.runId, estates: plan.estates, target }, context('snapshot')));
  await auditRunHandler({ runId: plan.runId, estates: plan.estates, snapshots: outcomes }, context('audit'));
  await notifyRunHandler({ runId: plan.runId, estates: plan.estates }, context('notify'));
}
const published = (): string[] =>
  sns
    .commandCalls(PublishBatchCommand)
    .flatMap((c) => c.args[0].input.PublishBatchRequestEntries ?? [])
    .map((e) => JSON.parse(e.Message!) as { event: string; kind: string; environment?: string; key?: string })
    .map((m) => `${m.event} ${m.kind} ${m.environment ?? ''} ${m.key ?? ''}`.trim());

describe('the installation’s first run is a targeted one', () => {
  test('the first full run after it publishes none of the drift that was there before the installation', async () => {
    at('2026-12-03T13:00:00Z');
    setParameter('/staging/shop/pool/size', '7'); // drifted long before drift was installed
    setParameter('/staging/shop/api/retries', '3');
    setParameter('/production/shop/pool/size', '10');
    setParameter('/production/shop/api/retries', '3');

    at('2026-12-03T14:00:00Z');
    setParameter('/production/shop/api/retries', '5', 2);
    await execution(
      'run-20261203T140000Z-ev-0a1b2c3d4e5f',
      targetedRunInput({
        estate: 'shop',
        environments: ['production'],
        parameters: ['/production/shop/api/retries'],
        changes: 1,
      }),
    );
    at('2026-12-04T02:00:00Z');
    await execution('run-20261204T020000Z-0a1b2c3d', {});
    expect(published()).toEqual([]);
  });

  test('a change after the first full run is published as usual', async () => {
    at('2026-12-04T09:00:00Z');
    setParameter('/production/shop/pool/size', '2', 2);
    await execution(
      'run-20261204T090000Z-ev-1a1b2c3d4e5f',
      targetedRunInput({
        estate: 'shop',
        environments: ['production'],
        parameters: ['/production/shop/pool/size'],
        changes: 1,
      }),
    );
    expect(published()).toEqual(['opened mismatch production pool.size']);
  });
});
