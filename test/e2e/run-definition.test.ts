import '../helpers/powertools-env';
import '../helpers/promise-with-resolvers';

import * as path from 'node:path';
import { Readable } from 'node:stream';
import { GetObjectCommand, ListObjectsV2Command, NoSuchKey, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { PublishBatchCommand, SNSClient } from '@aws-sdk/client-sns';
import { DescribeParametersCommand, GetParametersCommand, SSMClient, type Parameter } from '@aws-sdk/client-ssm';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import type { Context } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { StateMachine } from 'aws-local-stepfunctions';
import type { CfnElement } from 'aws-cdk-lib';
import { handler as auditRun } from '../../lambdas/handlers/audit-run';
import { handler as notifyRun } from '../../lambdas/handlers/notify-run';
import { handler as planRun } from '../../lambdas/handlers/plan-run';
import { handler as snapshotTarget } from '../../lambdas/handlers/snapshot-target';
import { seedFiles } from '../../lib/estate-files';
import { loadEstates } from '../../lib/app';
import type { InstallationStack } from '../../lib/installation-stack';
import type { HandlerName } from '../../lib/function-names';
import { targetedRunInput } from '../../lambdas/core/events/targeted-run';
import { useDynalite } from '../helpers/dynalite';
import { concreteRefs, PSEUDO } from '../infra/support/concrete';
import { ACCOUNT, REGION } from '../infra/support/estates';
import { runDefinition } from '../infra/support/state-machine';
import { buildWith, folderWith, renderValue, resourcesOf, SKIP_BUNDLING } from '../infra/support/synth';

// The handlers run in the order, with the inputs, the synthesized state machine gives them (its
// Parameters, ResultSelector, ResultPath, ItemSelector as deployed), each with its function's
// environment as the template sets it: a first night on a table just created.

const MEMBER_ROLE = 'arn:aws:iam::222222222222:role/drift-read';
const SHOP = `version: 1
name: shop
environments:
  staging:
    region: ${REGION}
    sources:
      - ssm: { path: /staging/shop/ }
  production:
    region: eu-west-1
    account: "222222222222"
    roleArn: ${MEMBER_ROLE}
    sources:
      - ssm: { path: /production/shop/ }
parity:
  - { name: staging-vs-production, environments: [staging, production] }
baseline: baseline.yaml
`;
const BASELINE = `keys:
  api.timeout: { type: duration, value: 30s }
  db.password: { secret: true, per-environment: true }
`;
const SSM_CANARY = 'CANARY-db-pa55-on-the-first-night';
/** What Secrets Manager generates for the fingerprint key's GenerateSecretString (64 of [A-Za-z0-9]). */
const GENERATED_KEY = 'Q7vR2mXk9LpA4sTe1WbN8cYh3JdF6gUz0KqM5nVxE2rB7tLw4SaP9oCi1HjD3fGu';

const db = useDynalite();
const s3 = mockClient(S3Client);
const ssm = mockClient(SSMClient);
const sts = mockClient(STSClient);
const secrets = mockClient(SecretsManagerClient);
const sns = mockClient(SNSClient);
const objects = new Map<string, Array<{ versionId: string; body: Buffer }>>();
let versions = 0;
const parameters = new Map<string, Parameter>();

function put(bucket: string, key: string, body: string | Buffer): string {
  const versionId = `v${++versions}`;
  objects.set(`${bucket}/${key}`, [...(objects.get(`${bucket}/${key}`) ?? []), { versionId, body: Buffer.from(body) }]);
  return versionId;
}

function serve(): void {
  s3.on(PutObjectCommand).callsFake((i: { Bucket: string; Key: string; Body: Buffer | string }) => ({
    VersionId: put(i.Bucket, i.Key, i.Body),
  }));
  s3.on(GetObjectCommand).callsFake((i: { Bucket: string; Key: string; VersionId?: string }) => {
    const list = objects.get(`${i.Bucket}/${i.Key}`) ?? [];
    const v = i.VersionId ? list.find((x) => x.versionId === i.VersionId) : list.at(-1);
    if (!v) throw new NoSuchKey({ message: 'The specified key does not exist.', $metadata: {} });
    return { Body: Readable.from([v.body]), VersionId: v.versionId, ContentLength: v.body.length };
  });
  s3.on(ListObjectsV2Command).callsFake((i: { Bucket: string; Prefix?: string }) => ({
    Contents: [...objects.keys()]
      .filter((k) => k.startsWith(`${i.Bucket}/${i.Prefix ?? ''}`))
      .map((k) => ({ Key: k.slice(i.Bucket.length + 1) }))
      .sort((a, b) => a.Key.localeCompare(b.Key)),
    IsTruncated: false,
  }));
  ssm.on(DescribeParametersCommand).callsFake((i: { ParameterFilters?: Array<{ Values?: string[] }> }) => {
    const under = i.ParameterFilters?.[0]?.Values?.[0] ?? '';
    return { Parameters: [...parameters.values()].filter((p) => p.Name!.startsWith(under)).map(({ Value: _v, ...m }) => m) };
  });
  ssm.on(GetParametersCommand).callsFake((i: { Names: string[] }) => ({
    Parameters: i.Names.map((n) => parameters.get(n)).filter(Boolean),
    InvalidParameters: [],
  }));
  sts.on(AssumeRoleCommand).resolves({
    Credentials: {
      AccessKeyId: 'ASIAMEMBER',
      SecretAccessKey: 'member-secret',
      SessionToken: 't',
      Expiration: new Date(Date.now() + 3600_000),
    },
  });
  sns.on(PublishBatchCommand).callsFake((i: { PublishBatchRequestEntries: Array<{ Id: string }> }) => ({
    Successful: i.PublishBatchRequestEntries.map((e) => ({ Id: e.Id, MessageId: `m-${e.Id}` })),
    Failed: [],
  }));
}

function setParameter(name: string, value: string, type: Parameter['Type'] = 'String', version = 1): void {
  parameters.set(name, {
    Name: name,
    Value: value,
    Type: type,
    Version: version,
    LastModifiedDate: new Date('2026-11-01T00:00:00Z'),
    DataType: 'text',
  });
}

const context = (name: string): Context =>
  ({
    functionName: `drift-${name}`,
    awsRequestId: `req-${name}`,
    invokedFunctionArn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:drift-${name}`,
    memoryLimitInMB: '1024',
    getRemainingTimeInMillis: () => 600_000,
  }) as Context;

/** 256 KiB: the most a Step Functions state's input or output, or a task's result, may hold. */
const STATE_LIMIT = 256 * 1024;

let installation: InstallationStack;
let envOf: Record<HandlerName, Record<string, string>>;
let tableRef: string;
let table: string;
let bucket: string;
const output: string[] = [];

beforeAll(async () => {
  const dir = folderWith({ 'shop/drift.yaml': SHOP, 'shop/baseline.yaml': BASELINE });
  const file = path.join(dir, 'shop', 'drift.yaml');
  ({ installation } = await buildWith({ ...SKIP_BUNDLING, estates: file }, { account: ACCOUNT, region: REGION }));
  const ref = concreteRefs(installation);
  const id = (c: { node: { defaultChild?: unknown } }) => installation.getLogicalId(c.node.defaultChild as CfnElement);
  const fns = Object.entries(resourcesOf(installation)).filter(([, r]) => r.Type === 'AWS::Lambda::Function');
  envOf = Object.fromEntries(
    Object.entries(installation.auditor.functions.byName).map(([name, fn]) => {
      const [, r] = fns.find(([logicalId]) => logicalId === id(fn))!;
      const vars = (r.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
      return [name, renderValue(vars, ref, PSEUDO) as Record<string, string>];
    }),
  ) as typeof envOf;
  tableRef = ref(id(installation.auditor.store.table), 'Ref');
  bucket = ref(id(installation.auditor.bucket.bucket), 'Ref');

  // The seeded bucket (what BucketDeployment writes under estates/), the generated secrets, a table just created.
  for (const { estate, file: f } of await loadEstates([file], dir))
    for (const s of seedFiles(estate, f)) put(bucket, `estates/${s.key}`, s.text);
  await db.freshTable().then((t) => (table = t.table));
  secrets
    .on(GetSecretValueCommand, { SecretId: envOf['snapshot-target'].DRIFT_FINGERPRINT_SECRET_ARN })
    .resolves({ SecretString: GENERATED_KEY });
  secrets.on(GetSecretValueCommand, { SecretId: envOf['notify-run'].DRIFT_SLACK_SECRET_ARN }).resolves({ SecretString: 'not-configured' });
  serve();
  setParameter('/staging/shop/api/timeout', '30s');
  setParameter('/staging/shop/db/password', SSM_CANARY, 'SecureString');
  setParameter('/production/shop/api/timeout', '60s');
  setParameter('/production/shop/db/password', `${SSM_CANARY}-eu`, 'SecureString');
  for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const)
    jest.spyOn(console, level).mockImplementation((...a: unknown[]) => void output.push(a.map(String).join(' ')));
}, 120_000);

afterAll(() => jest.restoreAllMocks());

/** Runs `handler` as Lambda would: its function's environment (the template's, the table made here) and nothing else of drift's. */
function asLambda(name: HandlerName, handler: (event: never, context: Context) => Promise<unknown>) {
  return async (input: unknown) => {
    const { Payload } = input as { Payload: unknown };
    expect(JSON.stringify(input).length).toBeLessThan(STATE_LIMIT);
    for (const k of Object.keys(process.env)) if (k.startsWith('DRIFT_')) delete process.env[k];
    Object.assign(process.env, envOf[name], {
      DRIFT_TABLE: table,
      AWS_REGION: REGION,
      AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'example',
      AWS_ENDPOINT_URL_DYNAMODB: db.endpoint,
    });
    const result = await handler(Payload as never, context(name));
    expect(JSON.stringify(result).length).toBeLessThan(STATE_LIMIT);
    return { Payload: result, StatusCode: 200 };
  };
}

async function execute(name: string, input: unknown = {}) {
  const deadLetters: unknown[] = [];
  const snapshotted: unknown[] = [];
  const snapshot = asLambda('snapshot-target', snapshotTarget);
  const run = new StateMachine(runDefinition(installation), { validationOptions: { checkArn: false } }).run(input as never, {
    overrides: {
      taskResourceLocalHandlers: {
        'plan-run': asLambda('plan-run', planRun),
        'snapshot-target': async (i: unknown) => (snapshotted.push((i as { Payload: { target: unknown } }).Payload.target), snapshot(i)),
        'audit-run': asLambda('audit-run', auditRun),
        'notify-run': asLambda('notify-run', notifyRun),
        'send-failure-to-dlq': async (i: unknown) => (deadLetters.push(i), { MessageId: 'm' }),
        'send-audit-failure-to-dlq': async (i: unknown) => (deadLetters.push(i), { MessageId: 'm' }),
      } as never,
      retryIntervalOverrides: { 'plan-run': 0, 'snapshot-target': 0, 'audit-run': 0, 'notify-run': 0 },
    },
    context: { Execution: { Name: name } } as never,
  });
  const outcome = await run.result.then(
    (out: unknown) => ({ ok: true as const, out }),
    (error: Error & { cause?: Error }) => ({ ok: false as const, error: error.cause ?? error }),
  );
  return { outcome, deadLetters, snapshotted };
}

describe('the first scheduled run, through the synthesized state machine with the real handlers', () => {
  test('plans, snapshots both targets (own account and member), audits and notifies: no dead letter, findings opened', async () => {
    // Every stage is told the installation's table and bucket (the run below uses a table just made in dynalite).
    for (const env of Object.values(envOf)) expect(env).toMatchObject({ DRIFT_TABLE: tableRef, DRIFT_BUCKET: bucket });
    const { outcome, deadLetters } = await execute('3f6c1f7e-5f0b-4c38-9a51-5e4f4a1b2c3d');
    expect(deadLetters).toEqual([]);
    expect(outcome).toMatchObject({ ok: true });
    const out = (outcome as { out: { audits: Array<{ estate: string; audited: Array<{ estate: string; findings: number }> }> } }).out;
    expect(out.audits).toEqual([{ estate: 'estates/shop/drift.yaml', audited: [expect.objectContaining({ estate: 'shop' })] }]);
    expect(out.audits[0]!.audited[0]!.findings).toBeGreaterThan(0);
    const report = objects.get(`${bucket}/runs/3f6c1f7e-5f0b-4c38-9a51-5e4f4a1b2c3d/reports/shop.json`)?.at(-1)?.body.toString('utf8');
    expect(report).toContain('api.timeout');
    expect(report).not.toMatch(/source-error/);
    expect(
      [...objects.values()]
        .flat()
        .map((v) => v.body.toString('latin1'))
        .join('\n'),
    ).not.toContain(SSM_CANARY);
    expect(output.join('\n')).not.toContain(SSM_CANARY);
  }, 120_000);

  test('then a targeted run, as route-events starts it: reads the changed environment only, carries the other', async () => {
    setParameter('/staging/shop/api/timeout', '45s', 'String', 2);
    const input = targetedRunInput({ estate: 'shop', environments: ['staging'], parameters: ['/staging/shop/api/timeout'], changes: 1 });
    const { outcome, deadLetters, snapshotted } = await execute('run-20261125T101500Z-ev-0123456789ab', input);
    expect(deadLetters).toEqual([]);
    expect(outcome).toMatchObject({ ok: true });
    expect(snapshotted).toEqual([{ account: 'default', region: REGION }]);
    const report = JSON.parse(
      objects.get(`${bucket}/runs/run-20261125T101500Z-ev-0123456789ab/reports/shop.json`)!.at(-1)!.body.toString('utf8'),
    ) as { findings: Array<{ kind: string; environment?: string; key?: string }> };
    expect(report.findings.filter((f) => f.kind === 'source-error')).toEqual([]);
    expect(report.findings).toContainEqual(expect.objectContaining({ environment: 'staging', key: 'api.timeout' }));
  }, 120_000);
});
