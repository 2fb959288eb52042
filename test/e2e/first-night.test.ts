import '../helpers/powertools-env';
import '../helpers/promise-with-resolvers';

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { GetObjectCommand, ListObjectsV2Command, NoSuchKey, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { PublishBatchCommand, SNSClient } from '@aws-sdk/client-sns';
import { DescribeParametersCommand, GetParametersCommand, SSMClient, type Parameter } from '@aws-sdk/client-ssm';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import type { CfnElement } from 'aws-cdk-lib';
import type { Context } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { StateMachine } from 'aws-local-stepfunctions';
import { handler as auditRun } from '../../lambdas/handlers/audit-run';
import { handler as notifyRun } from '../../lambdas/handlers/notify-run';
import { handler as planRun } from '../../lambdas/handlers/plan-run';
import { handler as snapshotTarget } from '../../lambdas/handlers/snapshot-target';
import { loadEstates } from '../../lib/app';
import { seedFiles } from '../../lib/estate-files';
import type { HandlerName } from '../../lib/function-names';
import type { InstallationStack } from '../../lib/installation-stack';
import { useDynalite } from '../helpers/dynalite';
import { concreteRefs, PSEUDO } from '../infra/support/concrete';
import { ACCOUNT, REGION } from '../infra/support/estates';
import { runDefinition } from '../infra/support/state-machine';
import { buildWith, folderWith, renderValue, resourcesOf, SKIP_BUNDLING } from '../infra/support/synth';

// The first night of an installation in a tooling account: the synthesized state machine runs the
// real handlers, each with its function's environment from the template; one environment is read in
// the installation's account, one through a member's read role. Slack is a real HTTP server.

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
    roleArn: arn:aws:iam::222222222222:role/drift-read
    sources:
      - ssm: { path: /production/shop/ }
parity:
  - { name: staging-vs-production, environments: [staging, production] }
baseline:
  keys:
    api.timeout: { type: duration, value: 30s }
    log.level: { enum: [DEBUG, INFO, WARN, ERROR], value: INFO }
notify:
  sns: { minSeverity: low, kinds: all, onFirstRun: true }
  slack: { minSeverity: low, window: "0 8 * * *", timezone: Europe/Berlin }
`;
const WEBHOOK = 'https://hooks.slack.com/services/T000/B000/XXXXfirstNIGHTwebhook';

const db = useDynalite();
const s3 = mockClient(S3Client);
const ssm = mockClient(SSMClient);
const sts = mockClient(STSClient);
const secrets = mockClient(SecretsManagerClient);
const sns = mockClient(SNSClient);
const objects = new Map<string, Buffer[]>();
const parameters = new Map<string, Parameter>();
const slack: Array<{ text: string; blocks: unknown[] }> = [];
const output: string[] = [];
let server: Server;
let installation: InstallationStack;
let envOf: Record<HandlerName, Record<string, string>>;
let table: string;
let bucket: string;

function serveAws(): void {
  s3.on(PutObjectCommand).callsFake((i: { Bucket: string; Key: string; Body: Buffer | string }) => {
    objects.set(`${i.Bucket}/${i.Key}`, [...(objects.get(`${i.Bucket}/${i.Key}`) ?? []), Buffer.from(i.Body)]);
    return { VersionId: `v${objects.size}` };
  });
  s3.on(GetObjectCommand).callsFake((i: { Bucket: string; Key: string }) => {
    const body = objects.get(`${i.Bucket}/${i.Key}`)?.at(-1);
    if (!body) throw new NoSuchKey({ message: 'The specified key does not exist.', $metadata: {} });
    return { Body: Readable.from([body]), ContentLength: body.length };
  });
  s3.on(ListObjectsV2Command).callsFake((i: { Bucket: string; Prefix?: string }) => ({
    Contents: [...objects.keys()]
      .filter((k) => k.startsWith(`${i.Bucket}/${i.Prefix ?? ''}`))
      .map((k) => ({ Key: k.slice(i.Bucket.length + 1) })),
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
    Credentials: { AccessKeyId: 'ASIAMEMBER', SecretAccessKey: 'member', SessionToken: 't', Expiration: new Date(Date.now() + 3600_000) },
  });
  sns.on(PublishBatchCommand).callsFake((i: { PublishBatchRequestEntries: Array<{ Id: string }> }) => ({
    Successful: i.PublishBatchRequestEntries.map((e) => ({ Id: e.Id, MessageId: `m-${e.Id}` })),
    Failed: [],
  }));
}

function setParameter(name: string, value: string): void {
  parameters.set(name, { Name: name, Value: value, Type: 'String', Version: 1, LastModifiedDate: new Date('2026-11-01T00:00:00Z') });
}

beforeAll(async () => {
  server = createServer((req, res) => {
    let text = '';
    req.on('data', (c) => (text += c));
    req.on('end', () => (slack.push(JSON.parse(text)), res.writeHead(200).end('ok')));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  const realFetch = globalThis.fetch;
  jest.spyOn(globalThis, 'fetch').mockImplementation((input, init) => {
    const url = String(input instanceof Request ? input.url : input);
    return realFetch(url.replace('https://hooks.slack.com', `http://127.0.0.1:${port}`), init);
  });

  const dir = folderWith({ 'shop/drift.yaml': SHOP });
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
  bucket = ref(id(installation.auditor.bucket.bucket), 'Ref');
  for (const { estate, file: f } of await loadEstates([file], dir))
    for (const s of seedFiles(estate, f)) objects.set(`${bucket}/estates/${s.key}`, [Buffer.from(s.text)]);
  table = (await db.freshTable()).table;
  secrets.on(GetSecretValueCommand, { SecretId: envOf['snapshot-target'].DRIFT_FINGERPRINT_SECRET_ARN }).resolves({
    SecretString: 'Q7vR2mXk9LpA4sTe1WbN8cYh3JdF6gUz0KqM5nVxE2rB7tLw4SaP9oCi1HjD3fGu',
  });
  // As the README says to set it: `aws secretsmanager put-secret-value --secret-string https://hooks.slack.com/services/…`.
  secrets.on(GetSecretValueCommand, { SecretId: envOf['notify-run'].DRIFT_SLACK_SECRET_ARN }).resolves({ SecretString: WEBHOOK });
  serveAws();
  setParameter('/staging/shop/api/timeout', '30s');
  setParameter('/staging/shop/log/level', 'INFO');
  setParameter('/production/shop/api/timeout', '60s');
  setParameter('/production/shop/log/level', 'DEBUG');
  for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const)
    jest.spyOn(console, level).mockImplementation((...a: unknown[]) => void output.push(a.map(String).join(' ')));
}, 120_000);

afterAll(async () => {
  jest.restoreAllMocks();
  await new Promise<void>((r) => server.close(() => r()));
});

/** `handler` as Lambda runs it: its function's environment (the template's; the table made here) and nothing else of drift's. */
function asLambda(name: HandlerName, handler: (event: never, context: Context) => Promise<unknown>) {
  return async (input: unknown) => {
    for (const k of Object.keys(process.env)) if (k.startsWith('DRIFT_')) delete process.env[k];
    Object.assign(process.env, envOf[name], {
      DRIFT_TABLE: table,
      AWS_REGION: REGION,
      AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'example',
      AWS_ENDPOINT_URL_DYNAMODB: db.endpoint,
    });
    const context = { functionName: `drift-${name}`, awsRequestId: `req-${name}`, getRemainingTimeInMillis: () => 600_000 } as Context;
    return { Payload: await handler((input as { Payload: never }).Payload, context), StatusCode: 200 };
  };
}

test('the first scheduled night: findings opened, one SNS message per new finding, one Slack digest, the run succeeds', async () => {
  const deadLetters: unknown[] = [];
  const run = new StateMachine(runDefinition(installation), { validationOptions: { checkArn: false } }).run(
    {},
    {
      overrides: {
        taskResourceLocalHandlers: {
          'plan-run': asLambda('plan-run', planRun),
          'snapshot-target': asLambda('snapshot-target', snapshotTarget),
          'audit-run': asLambda('audit-run', auditRun),
          'notify-run': asLambda('notify-run', notifyRun),
          'send-failure-to-dlq': async (i: unknown) => (deadLetters.push(i), { MessageId: 'm' }),
          'send-audit-failure-to-dlq': async (i: unknown) => (deadLetters.push(i), { MessageId: 'm' }),
        } as never,
        retryIntervalOverrides: { 'plan-run': 0, 'snapshot-target': 0, 'audit-run': 0, 'notify-run': 0 },
      },
      context: { Execution: { Name: '5d1c9f1e-2b7a-4c1e-8f3e-first-night' } } as never,
    },
  );
  const out = (await run.result) as { notify: { sns: { sent: number }; slack: Array<{ estate: string; sent: boolean }> } };
  expect(deadLetters).toEqual([]);

  const report = JSON.parse(objects.get(`${bucket}/runs/5d1c9f1e-2b7a-4c1e-8f3e-first-night/reports/shop.json`)!.at(-1)!.toString()) as {
    findings: Array<{ id: string; kind: string; status: string; environment?: string; key?: string }>;
  };
  const opened = report.findings.filter((f) => f.status === 'new');
  expect(opened).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ kind: 'mismatch', environment: 'production', key: 'api.timeout' }),
      expect.objectContaining({ kind: 'mismatch', environment: 'production', key: 'log.level' }),
    ]),
  );
  expect(report.findings.filter((f) => f.kind === 'source-error')).toEqual([]);

  const messages = sns
    .commandCalls(PublishBatchCommand)
    .flatMap((c) => c.args[0].input.PublishBatchRequestEntries ?? [])
    .map((e) => JSON.parse(e.Message!) as { id: string; event: string });
  expect(messages.map((m) => [m.event, m.id]).sort()).toEqual(opened.map((f) => ['opened', f.id]).sort());
  expect(out.notify.sns.sent).toBe(opened.length);

  expect(slack).toHaveLength(1);
  expect(out.notify.slack).toEqual([{ estate: 'shop', sent: true }]);
  expect(JSON.stringify(slack[0])).toContain('api.timeout');
  expect(output.join('\n')).not.toContain('XXXXfirstNIGHTwebhook');
}, 120_000);
