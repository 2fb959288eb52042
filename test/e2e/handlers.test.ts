import '../helpers/powertools-env';
import { createServer, type Server } from 'node:http';
import { Readable } from 'node:stream';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { DescribeScalableTargetsCommand, ApplicationAutoScalingClient } from '@aws-sdk/client-application-auto-scaling';
import { DescribeServicesCommand, DescribeTaskDefinitionCommand, ECSClient } from '@aws-sdk/client-ecs';
import { reportHtmlKey } from '../../lambdas/adapters/s3/bucket-layout';
import { GetObjectCommand, ListObjectsV2Command, NoSuchKey, PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { PublishBatchCommand, SNSClient } from '@aws-sdk/client-sns';
import { DescribeParametersCommand, GetParametersCommand, SSMClient, type Parameter } from '@aws-sdk/client-ssm';
import type { Context } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { handler as auditRunHandler } from '../../lambdas/handlers/audit-run';
import { handler as notifyRunHandler } from '../../lambdas/handlers/notify-run';
import { handler as planRunHandler } from '../../lambdas/handlers/plan-run';
import { handler as snapshotTargetHandler } from '../../lambdas/handlers/snapshot-target';
import { FUNCTION_ACCESS } from '../../lib/function-access';
import { isHandlerName, type FunctionName } from '../../lib/function-names';
import type { AuditRunOutput, TargetOutcome } from '../../lambdas/use-cases/audit-run';
import type { PlanRunOutput } from '../../lambdas/use-cases/plan-run';
import type { SnapshotTargetOutput } from '../../lambdas/use-cases/snapshot-target';
import { useDynalite, type TestTable } from '../helpers/dynalite';
import type { FindingState } from '../../lambdas/ports/audit-store';
import { CANARY, sdkService, sdkTarget, sdkTaskDefinition, ENV_FILE_TEXT } from '../adapters/live/ecs/fixtures';

const BUCKET = 'drift-installation';
const FINGERPRINT_SECRET = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:drift/fingerprint-AbCdEf';
const SLACK_SECRET = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:drift/slack-AbCdEf';
const WEBHOOK_SECRET_PART = 'XXXXwebhookSECRET';
const WEBHOOK = `https://hooks.slack.test/services/T000/B000/${WEBHOOK_SECRET_PART}`;
const FINGERPRINT_KEY = Buffer.alloc(32, 7).toString('base64');
const SSM_CANARY = 'CANARY-ssm-db-pa55';

// ---- S3: an in-memory versioned bucket behind the mock --------------------------------------------

/** A version without a body is a delete marker: what a deploy's prune leaves over the versions before it. */
interface Version {
  versionId: string;
  body?: Buffer;
}
const objects = new Map<string, Version[]>();
let versions = 0;
let failPuts: RegExp | undefined;
const s3 = mockClient(S3Client);

function putObject(bucket: string, key: string, data: string | Buffer): string {
  const versionId = `v${++versions}`;
  const list = objects.get(`${bucket}/${key}`) ?? [];
  list.push({ versionId, body: Buffer.isBuffer(data) ? data : Buffer.from(data) });
  objects.set(`${bucket}/${key}`, list);
  return versionId;
}
const latest = (key: string): Buffer | undefined => objects.get(`${BUCKET}/${key}`)?.at(-1)?.body;
function deleteObject(key: string): void {
  objects.get(`${BUCKET}/${key}`)!.push({ versionId: `v${++versions}` });
}

function serveS3(): void {
  s3.on(PutObjectCommand).callsFake((input: { Bucket: string; Key: string; Body: Buffer | string }) => {
    if (failPuts?.test(input.Key))
      throw new S3ServiceException({ name: 'S3ServiceException', $fault: 'server', $metadata: {}, message: 'injected' });
    return { VersionId: putObject(input.Bucket, input.Key, input.Body) };
  });
  s3.on(GetObjectCommand).callsFake((input: { Bucket: string; Key: string; VersionId?: string }) => {
    const list = objects.get(`${input.Bucket}/${input.Key}`) ?? [];
    const v = input.VersionId ? list.find((x) => x.versionId === input.VersionId) : list.at(-1);
    if (!v?.body) throw new NoSuchKey({ message: 'The specified key does not exist.', $metadata: {} });
    return { Body: Readable.from([v.body]), VersionId: v.versionId, ContentLength: v.body.length };
  });
  s3.on(ListObjectsV2Command).callsFake((input: { Bucket: string; Prefix?: string }) => {
    const keys = [...objects.keys()]
      .filter((k) => k.startsWith(`${input.Bucket}/${input.Prefix ?? ''}`) && objects.get(k)!.at(-1)!.body)
      .map((k) => k.slice(input.Bucket.length + 1))
      .sort();
    return { Contents: keys.map((Key) => ({ Key })), IsTruncated: false };
  });
}

// ---- SSM, ECS, Secrets Manager, SNS ---------------------------------------------------------------

const ssm = mockClient(SSMClient);
const ecs = mockClient(ECSClient);
const autoscaling = mockClient(ApplicationAutoScalingClient);
const secrets = mockClient(SecretsManagerClient);
const sns = mockClient(SNSClient);
const parameters = new Map<string, Parameter>();

function setParameter(name: string, value: string, version = 1, type: Parameter['Type'] = 'String'): void {
  parameters.set(name, {
    Name: name,
    Value: value,
    Type: type,
    Version: version,
    LastModifiedDate: new Date('2026-11-01T00:00:00Z'),
    DataType: 'text',
  });
}

function serveAws(): void {
  ssm.on(DescribeParametersCommand).callsFake((input: { ParameterFilters?: Array<{ Values?: string[] }> }) => {
    const path = input.ParameterFilters?.[0]?.Values?.[0] ?? '';
    return {
      Parameters: [...parameters.values()]
        .filter((p) => p.Name!.startsWith(path))
        .map(({ Value: _v, ...m }) => ({ ...m, LastModifiedUser: 'arn:aws:iam::111111111111:user/alice' })),
    };
  });
  ssm.on(GetParametersCommand).callsFake((input: { Names: string[] }) => ({
    Parameters: input.Names.map((n) => parameters.get(n)).filter(Boolean),
    InvalidParameters: [],
  }));
  ecs.on(DescribeServicesCommand).resolves({ services: [sdkService(7)], failures: [] });
  ecs.on(DescribeTaskDefinitionCommand).resolves({ taskDefinition: sdkTaskDefinition(7), tags: [] });
  autoscaling.on(DescribeScalableTargetsCommand).resolves({ ScalableTargets: [sdkTarget()] });
  secrets.on(GetSecretValueCommand, { SecretId: FINGERPRINT_SECRET }).resolves({ SecretString: FINGERPRINT_KEY });
  secrets.on(GetSecretValueCommand, { SecretId: SLACK_SECRET }).resolves({ SecretString: JSON.stringify({ url: WEBHOOK }) });
  sns.on(PublishBatchCommand).callsFake((input: { PublishBatchRequestEntries: Array<{ Id: string }> }) => ({
    Successful: input.PublishBatchRequestEntries.map((e) => ({ Id: e.Id, MessageId: `m-${e.Id}` })),
    Failed: [],
  }));
}

const snsMessages = (): Array<{
  id: string;
  eventId: string;
  event: string;
  kind: string;
  estate: string;
  episode?: number;
  reason?: string;
  environment?: string;
}> =>
  sns
    .commandCalls(PublishBatchCommand)
    .flatMap((c) => (c.args[0].input.PublishBatchRequestEntries ?? []).map((e) => JSON.parse(e.Message!)));

// ---- the estates ------------------------------------------------------------------------------------

const SHOP = `version: 1
environments:
  staging:
    account: "111111111111"
    region: us-east-1
    sources:
      - ssm: { path: /staging/shop/ }
      - ecs: { cluster: staging, service: api-server, container: api }
  production:
    account: "222222222222"
    region: eu-west-1
    sources:
      - ssm: { path: /production/shop/ }
parity:
  - { name: staging-vs-production, environments: [staging, production] }
baseline: baseline.yaml
notify:
  sns: { minSeverity: medium, kinds: all, onFirstRun: true }
  slack: { minSeverity: low, window: "0 8 * * *", timezone: Europe/Berlin, allClear: true }
`;
const SHOP_BASELINE = `undeclared: ignore
keys:
  api.timeout: { type: duration, value: 30s }
  log.level: { enum: [DEBUG, INFO, WARN, ERROR], value: INFO }
  db.password: { secret: true, per-environment: true }
`;
// No account, no region: the function's own; a recorded source, which only the CLI reads.
const BILLING = `version: 1
name: billing
environments:
  dev:
    sources:
      - dotenv: { from: env/dev.env }
      - ssm: { path: /dev/billing/ }
baseline:
  keys:
    queue.size: { type: int, value: 10 }
`;

// ---- Slack: a local HTTP server the webhook's https URL is routed to --------------------------------

let server: Server;
const slack: Array<{ url: string; payload: { text: string; blocks: unknown[] } }> = [];
const realFetch = globalThis.fetch;

// ---- logs and metrics -------------------------------------------------------------------------------

const output: string[] = [];
const capture = (...args: unknown[]): void => {
  output.push(args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' '));
};

const context = (name: string): Context => ({
  callbackWaitsForEmptyEventLoop: true,
  functionName: `drift-${name}`,
  functionVersion: '$LATEST',
  invokedFunctionArn: `arn:aws:lambda:us-east-1:123456789012:function:drift-${name}`,
  memoryLimitInMB: '1024',
  awsRequestId: `req-${name}-${Date.now()}`,
  logGroupName: `/aws/lambda/drift-${name}`,
  logStreamName: 'stream',
  getRemainingTimeInMillis: () => 120_000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
});

const db = useDynalite();
let table: TestTable | undefined;

// ---- what each function sends the store, held to its role's grants at the end ----------------------

const storeCalls = new Map<FunctionName, Set<string>>();
/** The partition keys (dynamodb:LeadingKeys) of the items each function's store calls touched. */
const storeKeys = new Map<FunctionName, Set<string>>();
let running: FunctionName | undefined;
/** A handler that records, while it runs, the DynamoDB calls (as IAM actions) made in its name. */
function staged<H extends (...args: never[]) => unknown>(name: FunctionName, handler: H): H {
  return (async (...args: Parameters<H>) => {
    running = name;
    try {
      return await handler(...args);
    } finally {
      running = undefined;
    }
  }) as unknown as H;
}
const planRun = staged('plan-run', planRunHandler);
const snapshotTarget = staged('snapshot-target', snapshotTargetHandler);
const auditRun = staged('audit-run', auditRunHandler);
const notifyRun = staged('notify-run', notifyRunHandler);
const realSend = DynamoDBClient.prototype.send as (this: DynamoDBClient, ...args: unknown[]) => unknown;
jest.spyOn(DynamoDBClient.prototype, 'send').mockImplementation(function (this: DynamoDBClient, ...args: unknown[]) {
  const command = args[0] as {
    constructor: { name: string };
    input: {
      IndexName?: string;
      Key?: { pk?: { S?: string } };
      Item?: { pk?: { S?: string } };
      ExpressionAttributeValues?: Record<string, { S?: string }>;
    };
  };
  const action = `dynamodb:${command.constructor.name.replace(/Command$/, '')}${command.input.IndexName ? ` ${command.input.IndexName}` : ''}`;
  if (running) storeCalls.set(running, (storeCalls.get(running) ?? new Set()).add(action));
  const { Key, Item, ExpressionAttributeValues } = command.input;
  const pk = Key?.pk?.S ?? Item?.pk?.S ?? ExpressionAttributeValues?.[':pk']?.S;
  if (running && pk !== undefined) storeKeys.set(running, (storeKeys.get(running) ?? new Set()).add(pk));
  return realSend.apply(this, args);
} as never);

beforeAll(async () => {
  server = createServer((req, res) => {
    let text = '';
    req.on('data', (c) => (text += c));
    req.on('end', () => {
      slack.push({ url: req.url ?? '', payload: JSON.parse(text) });
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  jest.spyOn(globalThis, 'fetch').mockImplementation((input, init) => {
    const url = String(input instanceof Request ? input.url : input);
    return realFetch(url.replace('https://hooks.slack.test', `http://127.0.0.1:${port}`), init);
  });
  for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) jest.spyOn(console, level).mockImplementation(capture);

  table = await db.freshTable();
  Object.assign(process.env, {
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'dummy-secret-access-key',
    AWS_ENDPOINT_URL_DYNAMODB: db.endpoint,
    DRIFT_TABLE: table.table,
    DRIFT_BUCKET: BUCKET,
    DRIFT_TOPIC_ARN: 'arn:aws:sns:us-east-1:123456789012:drift-events',
    DRIFT_SLACK_SECRET_ARN: SLACK_SECRET,
    DRIFT_FINGERPRINT_SECRET_ARN: FINGERPRINT_SECRET,
  });
  serveS3();
  serveAws();
  putObject(BUCKET, 'estates/shop/drift.yaml', SHOP);
  putObject(BUCKET, 'estates/shop/baseline.yaml', SHOP_BASELINE);
  putObject(BUCKET, 'estates/billing/drift.yaml', BILLING);
  putObject(BUCKET, 'estates/README.md', '# not an estate');
  putObject('staging-config', 'api/api.env', ENV_FILE_TEXT);
  setParameter('/staging/shop/api/timeout', '30s');
  setParameter('/staging/shop/log/level', 'INFO');
  setParameter('/staging/shop/db/password', SSM_CANARY, 1, 'SecureString');
  setParameter('/production/shop/api/timeout', '60s', 4);
  setParameter('/production/shop/log/level', 'DEBUG', 2);
  setParameter('/production/shop/db/password', `${SSM_CANARY}-prod`, 1, 'SecureString');
  setParameter('/dev/billing/queue/size', '10');
});

afterAll(async () => {
  jest.restoreAllMocks();
  await new Promise<void>((r) => server.close(() => r()));
});

/** One scheduled execution, as the state machine runs it; `failTarget` makes that Map iteration throw (caught by the Map). */
async function scheduledRun(
  runId: string,
  at: string,
  failTarget?: string,
): Promise<{ plan: PlanRunOutput; outcomes: TargetOutcome[]; audit: AuditRunOutput; notify: Awaited<ReturnType<typeof notifyRun>> }> {
  return atTime(at, () => stages(runId, failTarget));
}

/** Runs `fn` with the clock at `at`: the functions read the system clock; only Date is faked (and runs on from `at`), so timers, I/O and dynalite are real. */
async function atTime<T>(at: string, fn: () => Promise<T>): Promise<T> {
  jest.useFakeTimers({ doNotFake: [...NOT_DATE], now: new Date(at), advanceTimers: true });
  try {
    return await fn();
  } finally {
    jest.useRealTimers();
  }
}

/** Every API jest's fake timers replace but Date. */
const NOT_DATE = [
  'hrtime',
  'nextTick',
  'performance',
  'queueMicrotask',
  'requestAnimationFrame',
  'cancelAnimationFrame',
  'requestIdleCallback',
  'cancelIdleCallback',
  'setImmediate',
  'clearImmediate',
  'setInterval',
  'clearInterval',
  'setTimeout',
  'clearTimeout',
] as const;

/** The stages of one execution, in order. */
async function stages(
  runId: string,
  failTarget: string | undefined,
): Promise<{ plan: PlanRunOutput; outcomes: TargetOutcome[]; audit: AuditRunOutput; notify: Awaited<ReturnType<typeof notifyRun>> }> {
  const plan: PlanRunOutput = await planRun({ runId }, context('plan'));
  const outcomes: TargetOutcome[] = [];
  for (const target of plan.targets) {
    failPuts = `${target.account}/${target.region}` === failTarget ? /\.json\.gz$/ : undefined;
    try {
      const out: SnapshotTargetOutput = await snapshotTarget({ runId: plan.runId, estates: plan.estates, target }, context('snapshot'));
      outcomes.push(out);
    } catch (err) {
      // The Map's Catch: { Error, Cause } at the iteration's result path.
      outcomes.push({ target, error: { Error: (err as Error).name, Cause: JSON.stringify({ errorMessage: (err as Error).message }) } });
    } finally {
      failPuts = undefined;
    }
  }
  const audit = await auditRun({ runId: plan.runId, estates: plan.estates, snapshots: outcomes }, context('audit'));
  const notify = await notifyRun({ runId: plan.runId, estates: plan.estates }, context('notify'));
  return { plan, outcomes, audit, notify };
}

interface ReportFinding {
  id: string;
  kind: string;
  environment?: string;
  key?: string;
  status?: string;
  message: string;
}
const report = (runId: string, estate: string): { findings: ReportFinding[]; resolved: ReportFinding[] } =>
  JSON.parse(latest(`runs/${runId}/reports/${estate}.json`)!.toString('utf8'));

describe('the scheduled run, handler by handler (plan → snapshot per target → audit → notify)', () => {
  test('first run: plans three targets, snapshots each, audits both estates, publishes and sends one digest', async () => {
    const { plan, outcomes, audit, notify } = await scheduledRun('exec-2026-11-24', '2026-11-24T07:30:00Z');

    expect(plan.runId).toBe('exec-2026-11-24');
    expect(plan.estates).toEqual([
      { key: 'estates/billing/drift.yaml', versionId: expect.any(String) },
      {
        key: 'estates/shop/drift.yaml',
        versionId: expect.any(String),
        baseline: { key: 'estates/shop/baseline.yaml', versionId: expect.any(String) },
      },
    ]);
    expect(plan.targets).toEqual([
      { account: '111111111111', region: 'us-east-1' },
      { account: '222222222222', region: 'eu-west-1' },
      { account: 'default', region: 'us-east-1' },
    ]);
    // Counts, not keys: the run's state holds every target's output (audit-run derives the keys).
    expect(outcomes).toEqual([
      { target: plan.targets[0], snapshotted: 1 },
      { target: plan.targets[1], snapshotted: 1 },
      { target: plan.targets[2], snapshotted: 1 },
    ]);
    for (const key of ['shop/staging', 'shop/production', 'billing/dev'])
      expect(latest(`runs/exec-2026-11-24/snapshots/${key}.json.gz`)).toBeDefined();
    // The snapshot holds fingerprints only.
    const staging = gunzipSync(latest('runs/exec-2026-11-24/snapshots/shop/staging.json.gz')!).toString('utf8');
    expect(staging).toContain('/staging/shop/api/timeout');
    expect(staging).not.toContain(SSM_CANARY);
    expect(staging).not.toContain(CANARY);

    const shop = audit.audited.find((a) => a.estate === 'shop')!;
    expect(shop.findings).toBeGreaterThan(0);
    expect(shop.opened).toBe(shop.findings);
    const shopReport = report('exec-2026-11-24', 'shop');
    expect(shopReport.findings).toContainEqual(
      expect.objectContaining({ kind: 'mismatch', environment: 'production', key: 'api.timeout', status: 'new' }),
    );
    // Beside it, the same audit as a page for people (what the digest links to).
    const page = latest(reportHtmlKey('exec-2026-11-24', 'shop'))!.toString('utf8');
    expect(page).toMatch(/^<!doctype html>/);
    expect(page).toContain('api.timeout');
    // A recorded source in Lambda is a source error, not a crash.
    const billing = report('exec-2026-11-24', 'billing');
    expect(billing.findings).toContainEqual(
      expect.objectContaining({
        kind: 'source-error',
        environment: 'dev',
        message: expect.stringContaining('recorded sources are read by the CLI'),
      }),
    );

    const messages = snsMessages();
    expect(notify.sns).toEqual({ sent: messages.length, failed: 0 });
    expect(messages.length).toBeGreaterThan(0);
    expect(messages.every((m) => m.event === 'opened')).toBe(true);
    expect(notify.slack).toEqual([
      { estate: 'billing', sent: true },
      { estate: 'shop', sent: true },
    ]);
    expect(slack).toHaveLength(2);
    expect(slack[0]!.url).toBe(`/services/T000/B000/${WEBHOOK_SECRET_PART}`);
    // The webhook secret is read once per invocation, not once per estate.
    expect(secrets.commandCalls(GetSecretValueCommand, { SecretId: SLACK_SECRET })).toHaveLength(1);
  });

  test('second run an hour later with one target failing: the other is audited, the failed one carried forward; nothing sent twice', async () => {
    const sentBefore = snsMessages();
    const getParametersBefore = ssm.commandCalls(GetParametersCommand).length;
    const { outcomes, audit, notify } = await scheduledRun('exec-2026-11-24-b', '2026-11-24T08:30:00Z', '222222222222/eu-west-1');

    expect(outcomes[1]).toEqual({
      target: { account: '222222222222', region: 'eu-west-1' },
      error: expect.objectContaining({ Error: 'S3ServiceException' }),
    });
    expect(audit.audited.map((a) => a.estate)).toEqual(['billing', 'shop']);
    expect(audit.audited.find((a) => a.estate === 'shop')!.resolved).toBe(0);
    // Nothing moved in SSM: the previous snapshots in the store spare every GetParameters.
    expect(ssm.commandCalls(GetParametersCommand).length).toBe(getParametersBefore);

    const shop = report('exec-2026-11-24-b', 'shop');
    const production = shop.findings.filter((f) => f.environment === 'production');
    expect(production).toContainEqual(expect.objectContaining({ kind: 'mismatch', key: 'api.timeout', status: 'open' }));
    expect(production).toContainEqual(
      expect.objectContaining({
        kind: 'source-error',
        message: expect.stringContaining('the snapshot of account 222222222222 in eu-west-1 failed (S3ServiceException)'),
      }),
    );
    expect(shop.findings.filter((f) => f.kind !== 'source-error').every((f) => f.status === 'open')).toBe(true);
    expect(shop.resolved).toEqual([]);

    const all = snsMessages();
    const fresh = all.slice(sentBefore.length);
    expect(new Set(all.map((m) => m.eventId)).size).toBe(all.length);
    expect(fresh.map((m) => `${m.event} ${m.kind} ${m.environment}`)).toEqual(['opened source-error production']);
    expect(notify.sns).toEqual({ sent: 1, failed: 0 });
    // Within the window: no digest, and the webhook secret is not even read.
    expect(notify.slack).toEqual([
      { estate: 'billing', sent: false },
      { estate: 'shop', sent: false },
    ]);
    expect(slack).toHaveLength(2);
    expect(secrets.commandCalls(GetSecretValueCommand, { SecretId: SLACK_SECRET })).toHaveLength(1);
  });

  test('next morning, everything reachable again and one value fixed: resolutions published once, the digest goes again', async () => {
    setParameter('/production/shop/api/timeout', '30s', 5);
    const sentBefore = snsMessages().length;
    const { audit, notify } = await scheduledRun('exec-2026-11-25', '2026-11-25T07:30:00Z');

    const shop = report('exec-2026-11-25', 'shop');
    expect(shop.resolved.map((f) => `${f.kind} ${f.environment ?? ''} ${f.key ?? ''}`.trim())).toEqual(
      expect.arrayContaining(['mismatch production api.timeout', 'source-error production']),
    );
    expect(audit.audited.find((a) => a.estate === 'shop')!.resolved).toBeGreaterThanOrEqual(2);
    const fresh = snsMessages().slice(sentBefore);
    expect(fresh.length).toBeGreaterThan(0);
    expect(fresh.every((m) => m.event === 'resolved' || m.event === 'opened')).toBe(true);
    expect(new Set(snsMessages().map((m) => m.eventId)).size).toBe(snsMessages().length);
    expect(notify.slack).toEqual([
      { estate: 'billing', sent: true },
      { estate: 'shop', sent: true },
    ]);
    expect(slack).toHaveLength(4);
    expect(JSON.stringify(slack[3]!.payload)).toContain('api.timeout');
  });

  test('a retried audit stage changes nothing and sends nothing again', async () => {
    const runId = 'exec-2026-11-25';
    const sentBefore = snsMessages().length;
    const estates = JSON.parse(JSON.stringify((await planRun({ runId }, context('plan'))).estates));
    const snapshots = [
      { target: { account: '111111111111', region: 'us-east-1' }, snapshotKeys: ['runs/exec-2026-11-25/snapshots/shop/staging.json.gz'] },
      // As the Map's Pass state keeps it: the task's result under `snapshot`.
      {
        target: { account: '222222222222', region: 'eu-west-1' },
        snapshot: {
          target: { account: '222222222222', region: 'eu-west-1' },
          snapshotKeys: ['runs/exec-2026-11-25/snapshots/shop/production.json.gz'],
        },
      },
      { target: { account: 'default', region: 'us-east-1' }, snapshotKeys: ['runs/exec-2026-11-25/snapshots/billing/dev.json.gz'] },
    ];
    // Retried minutes after the run, as the state machine does (not at the machine's real date, which would move the digest windows).
    const again = await atTime('2026-11-25T07:45:00Z', () => auditRun({ runId, estates, snapshots }, context('audit')));
    // The same report again (its resolutions replayed from the run), but nothing newly opened.
    expect(again.audited.every((a) => a.opened === 0)).toBe(true);
    expect(report(runId, 'shop').resolved.length).toBe(again.audited.find((a) => a.estate === 'shop')!.resolved);
    // Nothing was taken for a failure: production's snapshot was read, so no source-error opened.
    expect(report(runId, 'shop').findings.filter((f) => f.kind === 'source-error')).toEqual([]);
    const notify = await atTime('2026-11-25T07:46:00Z', () => notifyRun({ runId, estates }, context('notify')));
    expect(notify.sns).toEqual({ sent: 0, failed: 0 });
    expect(snsMessages()).toHaveLength(sentBefore);
  });

  test("a broken estate file stops no other team's audit: the plan lists it with its position and plans the others", async () => {
    putObject(BUCKET, 'estates/broken/drift.yaml', 'version: 1\nenvironments:\n  prod:\n    sources:\n      - ssm: { pth: /x/ }\n');
    try {
      const plan = await planRun({ runId: 'exec-broken' }, context('plan'));
      expect(plan.estates.map((e) => e.key).sort()).toEqual(['estates/billing/drift.yaml', 'estates/shop/drift.yaml']);
      expect(plan.unreadable.map((u) => u.key)).toEqual(['estates/broken/drift.yaml']);
      expect(plan.unreadable[0]!.problems).toMatch(/^estates\/broken\/drift\.yaml:\d+:\d+: /m);
    } finally {
      objects.delete(`${BUCKET}/estates/broken/drift.yaml`);
    }
  });

  const shopStates = async (): Promise<FindingState[]> => table!.store.loadFindingStates('shop');

  test('an estate file that no longer reads resolves nothing: a broken shop is not taken for a removed one', async () => {
    const open = (await shopStates()).filter((st) => st.status === 'open');
    expect(open.length).toBeGreaterThan(0);
    const sentBefore = snsMessages().length;
    putObject(BUCKET, 'estates/shop/drift.yaml', 'version: 1\nenvironments:\n  prod:\n    sources:\n      - ssm: { pth: /x/ }\n');
    const { plan, notify } = await scheduledRun('exec-2026-11-26', '2026-11-26T07:30:00Z');
    expect(plan.estates.map((e) => e.key)).toEqual(['estates/billing/drift.yaml']);
    expect(plan.unreadable.map((u) => u.key)).toEqual(['estates/shop/drift.yaml']);
    expect((await shopStates()).filter((st) => st.status === 'open').map((st) => st.id)).toEqual(open.map((st) => st.id));
    expect(notify.sns.sent).toBe(snsMessages().length - sentBefore);
    expect(
      snsMessages()
        .slice(sentBefore)
        .filter((m) => m.event === 'resolved'),
    ).toEqual([]);
    putObject(BUCKET, 'estates/shop/drift.yaml', SHOP);
  });

  test('an estate a deploy removed: its open findings are resolved once (estate removed) and their resolutions published', async () => {
    const open = (await shopStates()).filter((st) => st.status === 'open');
    expect(open.length).toBeGreaterThan(0);
    const sentBefore = snsMessages();
    // Ticketed: their episode's opening went to SNS, so its resolution must go too.
    const ticketed = open.filter((st) => sentBefore.some((m) => m.id === st.id && m.episode === st.episode && m.event === 'opened'));
    expect(ticketed.length).toBeGreaterThan(0);
    // What the deploy's prune does in a versioned bucket: delete markers over the files.
    deleteObject('estates/shop/drift.yaml');
    deleteObject('estates/shop/baseline.yaml');
    const digestsBefore = slack.length;

    const { plan, audit, notify } = await scheduledRun('exec-2026-11-27', '2026-11-27T07:30:00Z');
    expect(plan.estates).toEqual([
      { key: 'estates/billing/drift.yaml', versionId: expect.any(String) },
      expect.objectContaining({
        key: 'estates/shop/drift.yaml',
        versionId: expect.any(String),
        removed: { estate: 'shop', run: expect.any(String) },
      }),
    ]);
    // Nothing of it is read.
    expect(plan.targets).toEqual([{ account: 'default', region: 'us-east-1' }]);
    expect(audit.audited).toContainEqual({ estate: 'shop', findings: 0, opened: 0, resolved: open.length });
    const after = await shopStates();
    expect(after.filter((st) => st.status === 'open')).toEqual([]);
    for (const st of open) expect(after.find((a) => a.id === st.id)).toMatchObject({ status: 'resolved', reason: 'estate removed' });

    const fresh = snsMessages().slice(sentBefore.length);
    const resolved = fresh.filter((m) => m.event === 'resolved');
    expect(resolved.map((m) => `${m.id}#${m.episode}`).sort()).toEqual(ticketed.map((st) => `${st.id}#${st.episode}`).sort());
    expect(resolved.every((m) => m.reason === 'estate removed' && m.estate === 'shop')).toBe(true);
    expect(notify.sns.failed).toBe(0);

    // Its channel hears of it too: its digest, due at this run, lists each resolution with the reason, and says why.
    expect(notify.slack).toContainEqual({ estate: 'shop', sent: true });
    const digests = slack.slice(digestsBefore).map((m) => JSON.stringify(m.payload));
    const shopDigest = digests.filter((d) => d.includes('shop'));
    expect(shopDigest).toHaveLength(1);
    expect(shopDigest[0]).toMatch(/no longer audited/i);
    expect(shopDigest[0]!.match(/estate removed/g)?.length).toBeGreaterThanOrEqual(Math.min(open.length, 2));
    expect(shopDigest[0]).not.toMatch(/still open.*api\.timeout/);

    // Once: the next run neither plans it nor sends anything of it again.
    const next = await scheduledRun('exec-2026-11-28', '2026-11-28T07:30:00Z');
    expect(next.plan.estates.map((e) => e.key)).toEqual(['estates/billing/drift.yaml']);
    expect(
      snsMessages()
        .slice(sentBefore.length + fresh.length)
        .filter((m) => m.estate === 'shop'),
    ).toEqual([]);
    expect(next.notify.slack.map((d) => d.estate)).toEqual(['billing']);
  });

  test('no secret, webhook or fingerprint key in anything written, published or logged; metrics flushed', async () => {
    const written = [...objects.entries()]
      .filter(([k]) => k.startsWith(`${BUCKET}/runs/`))
      .map(([k, v]) => (k.endsWith('.gz') ? gunzipSync(v.at(-1)!.body!) : v.at(-1)!.body!).toString('utf8'));
    const items = JSON.stringify(await table!.scan());
    expect(items).toContain('api.timeout');
    const everything = [items, ...written, JSON.stringify(snsMessages()), JSON.stringify(slack.map((m) => m.payload)), ...output].join(
      '\n',
    );
    for (const secret of [SSM_CANARY, CANARY, WEBHOOK_SECRET_PART, FINGERPRINT_KEY]) expect(everything).not.toContain(secret);
    expect(output.join('\n')).toContain('"EnvironmentsSnapshotted"');
    // Powertools' context on every line (pretty-printed under POWERTOOLS_DEV).
    expect(output.join('\n')).toMatch(/"function_name": "drift-snapshot"/);
  });
});

describe('each function’s role (lib/function-access.ts)', () => {
  test('is granted exactly the store calls the function made over these runs: no more, no fewer', () => {
    const granted = (name: FunctionName): string[] => {
      const use = FUNCTION_ACCESS[name].store;
      return [...(use?.actions ?? []), ...(use?.eventsByTime ? ['dynamodb:Query events-by-time'] : [])].sort();
    };
    // The always-present functions, and an optional one (sync-tickets) when this test drives it.
    const names = (Object.keys(FUNCTION_ACCESS) as FunctionName[]).filter((n) => isHandlerName(n) || storeCalls.has(n));
    expect(Object.fromEntries(names.map((n) => [n, [...(storeCalls.get(n) ?? [])].sort()]))).toEqual(
      Object.fromEntries(names.map((n) => [n, granted(n)])),
    );
  });

  test('a role confined to leading keys (dynamodb:LeadingKeys, StringLike) was granted every item its function touched', () => {
    // IAM's StringLike: `*` any run of characters (`#` too), `?` one.
    const like = (pattern: string) =>
      new RegExp(
        `^${pattern
          .replace(/[.+^${}()|[\]\\]/g, '\\$&')
          .replace(/\*/g, '[\\s\\S]*')
          .replace(/\?/g, '[\\s\\S]')}$`,
      );
    const confined = (Object.keys(FUNCTION_ACCESS) as FunctionName[]).filter(
      (n) => FUNCTION_ACCESS[n].store?.leadingKeys && storeKeys.has(n),
    );
    // The snapshot function touched its snapshots and the task-definition cache over these runs.
    expect(confined).toContain('snapshot-target');
    expect([...storeKeys.get('snapshot-target')!].some((pk) => pk.startsWith('C#'))).toBe(true);
    const outside = confined.flatMap((n) =>
      [...storeKeys.get(n)!]
        .filter((pk) => !FUNCTION_ACCESS[n].store!.leadingKeys!.some((p) => like(p).test(pk)))
        .map((pk) => `${n} ${pk}`),
    );
    expect(outside).toEqual([]);
  });
});
