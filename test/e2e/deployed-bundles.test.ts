import '../helpers/promise-with-resolvers';

import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { Names, type CfnElement } from 'aws-cdk-lib';
import { StateMachine } from 'aws-local-stepfunctions';
import { loadEstates } from '../../lib/app';
import { seedFiles } from '../../lib/estate-files';
import type { HandlerName } from '../../lib/function-names';
import type { InstallationStack } from '../../lib/installation-stack';
import { useDynalite } from '../helpers/dynalite';
import { concreteRefs, PSEUDO } from '../infra/support/concrete';
import { ACCOUNT, REGION } from '../infra/support/estates';
import { runDefinition } from '../infra/support/state-machine';
import { buildWith, folderWith, renderValue, resourcesOf } from '../infra/support/synth';

// The installation as `cdk synth` builds it: the functions' bundles (lib/lambda-bundle.mjs), each run in
// a process of its own with its function's environment from the template, by the synthesized state
// machine, against a stand-in for S3, SSM, Secrets Manager and SNS on 127.0.0.1 and DynamoDB in
// dynalite. A function that runs out of time is killed, as Lambda ends it, and Step Functions retries it.

const SHOP = `version: 1
name: shop
environments:
  staging:
    region: ${REGION}
    sources:
      - ssm: { path: /staging/shop/ }
  production:
    region: ${REGION}
    sources:
      - ssm: { path: /production/shop/ }
baseline:
  keys:
    api.timeout: { type: duration, value: 30s }
    db.password: { secret: true, per-environment: true }
notify:
  sns: { minSeverity: low, kinds: all, onFirstRun: true }
`;
const PASSWORDS = ['stagingPassw0rd!x9', 'productionPassw0rd!x9'];
const parameters = [
  { Name: '/staging/shop/api/timeout', Type: 'String', Value: '30s', Version: 1 },
  { Name: '/staging/shop/db/password', Type: 'SecureString', Value: PASSWORDS[0]!, Version: 1 },
  { Name: '/production/shop/api/timeout', Type: 'String', Value: '60s', Version: 1 },
  { Name: '/production/shop/db/password', Type: 'SecureString', Value: PASSWORDS[1]!, Version: 1 },
];

const db = useDynalite();
const objects = new Map<string, Array<{ body: Buffer; version: string }>>();
const secrets = new Map<string, string>();
/** Each PublishBatch SNS answered: the lifecycle events' ids. */
const published: string[][] = [];
/** PublishBatch calls to leave unanswered (the function hangs in SNS until it is killed). */
let hangInSns = 0;
/** A function to end, as Lambda ends one at its timeout, the moment SNS leaves its PublishBatch unanswered. */
let endWhenSnsHangs: HandlerName | undefined;
const running = new Map<HandlerName, ChildProcess>();
const output: string[] = [];
let server: Server;
let endpoint = '';
let installation: InstallationStack;
let table = '';
let bucket = '';
const envOf = {} as Record<HandlerName, Record<string, string>>;
const bundleOf = {} as Record<HandlerName, string>;

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
const json = (res: ServerResponse, body: unknown, status = 200): unknown =>
  res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' }).end(JSON.stringify(body));

function ssm(target: string, input: { Names?: string[]; ParameterFilters?: Array<{ Values?: string[] }> }, res: ServerResponse): unknown {
  if (target === 'AmazonSSM.DescribeParameters') {
    const under = input.ParameterFilters?.[0]?.Values?.[0] ?? '';
    const meta = parameters
      .filter((p) => p.Name.startsWith(under))
      .map(({ Value: _v, ...m }) => ({ ...m, LastModifiedDate: 1_793_000_000 }));
    return json(res, { Parameters: meta });
  }
  const found = parameters.filter((p) => input.Names?.includes(p.Name)).map((p) => ({ ...p, LastModifiedDate: 1_793_000_000 }));
  return json(res, { Parameters: found, InvalidParameters: [] });
}

function s3(req: IncomingMessage, url: URL, body: Buffer, res: ServerResponse): unknown {
  const [, name, ...rest] = url.pathname.split('/');
  const key = decodeURIComponent(rest.join('/'));
  if (req.method === 'PUT') {
    const version = `v${objects.size}-${Date.now()}`;
    objects.set(`${name}/${key}`, [...(objects.get(`${name}/${key}`) ?? []), { body, version }]);
    return res.writeHead(200, { 'x-amz-version-id': version, etag: '"e"' }).end();
  }
  if (url.searchParams.get('list-type') === '2') {
    const prefix = url.searchParams.get('prefix') ?? '';
    const keys = [...objects.keys()].filter((k) => k.startsWith(`${name}/${prefix}`)).map((k) => k.slice(`${name}/`.length));
    const contents = keys.map(
      (k) => `<Contents><Key>${xml(k)}</Key><LastModified>2026-12-01T00:00:00.000Z</LastModified><Size>1</Size></Contents>`,
    );
    return res
      .writeHead(200, { 'content-type': 'application/xml' })
      .end(
        `<ListBucketResult><Name>${name}</Name><KeyCount>${keys.length}</KeyCount><IsTruncated>false</IsTruncated>${contents.join('')}</ListBucketResult>`,
      );
  }
  const versions = objects.get(`${name}/${key}`);
  const wanted = url.searchParams.get('versionId');
  const o = wanted ? versions?.find((v) => v.version === wanted) : versions?.at(-1);
  if (!o)
    return res
      .writeHead(404, { 'content-type': 'application/xml' })
      .end('<Error><Code>NoSuchKey</Code><Message>no such key</Message></Error>');
  return res.writeHead(200, { 'content-length': o.body.length, 'x-amz-version-id': o.version }).end(o.body);
}

/** S3 (path style), SSM and Secrets Manager (JSON), SNS (query): what the functions call, as AWS answers. */
function answer(req: IncomingMessage, body: Buffer, res: ServerResponse): unknown {
  const target = String(req.headers['x-amz-target'] ?? '');
  const url = new URL(req.url ?? '/', 'http://aws');
  if (target.startsWith('AmazonSSM.')) return ssm(target, JSON.parse(body.toString()), res);
  if (target === 'secretsmanager.GetSecretValue') {
    const id = (JSON.parse(body.toString()) as { SecretId: string }).SecretId;
    const value = secrets.get(id);
    if (value === undefined) return json(res, { __type: 'ResourceNotFoundException', message: 'not found' }, 400);
    return json(res, { ARN: id, Name: id, SecretString: value, VersionId: 'v1', VersionStages: ['AWSCURRENT'] });
  }
  const form = new URLSearchParams(body.toString());
  if (form.get('Action') === 'PublishBatch') {
    if (hangInSns > 0) {
      hangInSns--;
      if (endWhenSnsHangs) running.get(endWhenSnsHangs)?.kill('SIGKILL');
      endWhenSnsHangs = undefined;
      return;
    }
    const ids = [...form].filter(([k]) => /\.Id$/.test(k)).map(([, v]) => v);
    const events = [...form].filter(([k]) => /\.Message$/.test(k)).map(([, v]) => (JSON.parse(v) as { eventId: string }).eventId);
    published.push(events);
    const members = ids.map((id) => `<member><Id>${id}</Id><MessageId>m-${id}</MessageId></member>`).join('');
    return res
      .writeHead(200, { 'content-type': 'text/xml' })
      .end(
        `<PublishBatchResponse><PublishBatchResult><Successful>${members}</Successful><Failed/></PublishBatchResult></PublishBatchResponse>`,
      );
  }
  return s3(req, url, body, res);
}

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => answer(req, Buffer.concat(chunks), res));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const dir = folderWith({ 'shop/drift.yaml': SHOP });
  const file = path.join(dir, 'shop', 'drift.yaml');
  // Bundled, as `cdk synth` bundles them.
  const built = await buildWith({ estates: file }, { account: ACCOUNT, region: REGION });
  installation = built.installation;
  const ref = concreteRefs(installation);
  const id = (c: { node: { defaultChild?: unknown } }) => installation.getLogicalId(c.node.defaultChild as CfnElement);
  const resources = resourcesOf(installation);
  const functions = installation.auditor.functions;
  for (const [name, fn] of Object.entries(functions.byName) as Array<[HandlerName, (typeof functions.byName)[HandlerName]]>) {
    const vars = (resources[id(fn)]!.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
    envOf[name] = renderValue(vars, ref, PSEUDO) as Record<string, string>;
    bundleOf[name] = path.join(built.app.outdir, 'bundles', Names.uniqueId(functions), name);
  }
  bucket = ref(id(installation.auditor.bucket.bucket), 'Ref');
  for (const { estate, file: f } of await loadEstates([file], dir))
    for (const s of seedFiles(estate, f)) objects.set(`${bucket}/estates/${s.key}`, [{ body: Buffer.from(s.text), version: 'seeded' }]);
  table = (await db.freshTable()).table;
  secrets.set(envOf['snapshot-target'].DRIFT_FINGERPRINT_SECRET_ARN!, 'Q7vR2mXk9LpA4sTe1WbN8cYh3JdF6gUz0KqM5nVxE2rB7tLw4SaP9oCi1HjD3fGu');
  // As the installation creates it: Slack not set up yet.
  secrets.set(envOf['notify-run'].DRIFT_SLACK_SECRET_ARN!, 'not-configured');
}, 300_000);

afterAll(() => new Promise<void>((r) => server.close(() => r())));

/** The function's bundle run as Lambda runs it: a process with its function's environment (the template's). */
const asLambda = (name: HandlerName) => (input: unknown) =>
  new Promise((resolve, reject) => {
    const env = {
      PATH: process.env.PATH,
      ...envOf[name],
      DRIFT_TABLE: table,
      AWS_REGION: REGION,
      AWS_LAMBDA_FUNCTION_NAME: `drift-${name}`,
      AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'example',
      AWS_SESSION_TOKEN: 'session',
      AWS_ENDPOINT_URL_S3: endpoint,
      AWS_ENDPOINT_URL_SSM: endpoint,
      AWS_ENDPOINT_URL_SECRETS_MANAGER: endpoint,
      AWS_ENDPOINT_URL_SNS: endpoint,
      AWS_ENDPOINT_URL_DYNAMODB: db.endpoint,
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    };
    const event = JSON.stringify((input as { Payload: unknown }).Payload);
    const child = spawn(process.execPath, [path.join(__dirname, '../helpers/lambda-runner.mjs'), bundleOf[name], event], { env });
    running.set(name, child);
    let stdout = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => output.push(c.toString()));
    child.on('close', () => {
      running.delete(name);
      output.push(stdout);
      const line = stdout.split('\n').find((l) => /^(RESULT|ERROR) /.test(l));
      if (line?.startsWith('RESULT ')) return resolve({ Payload: JSON.parse(line.slice('RESULT '.length)), StatusCode: 200 });
      const timedOut = line === undefined;
      reject(Object.assign(new Error(timedOut ? 'Task timed out' : line), { name: timedOut ? 'Sandbox.Timedout' : 'Error' }));
    });
  });

async function night(runId: string): Promise<{ result: Record<string, unknown>; deadLetters: unknown[] }> {
  const deadLetters: unknown[] = [];
  const toQueue = async (i: unknown) => (deadLetters.push(i), { MessageId: 'm' });
  const run = new StateMachine(runDefinition(installation), { validationOptions: { checkArn: false } }).run(
    {},
    {
      overrides: {
        taskResourceLocalHandlers: {
          'plan-run': asLambda('plan-run'),
          'snapshot-target': asLambda('snapshot-target'),
          'audit-run': asLambda('audit-run'),
          'notify-run': asLambda('notify-run'),
          'send-failure-to-dlq': toQueue,
          'send-audit-failure-to-dlq': toQueue,
          'send-unreadable-to-dlq': toQueue,
        } as never,
        retryIntervalOverrides: { 'plan-run': 0, 'snapshot-target': 0, 'audit-run': 0, 'notify-run': 0 },
      },
      context: { Execution: { Name: runId } } as never,
    },
  );
  return { result: (await run.result) as Record<string, unknown>, deadLetters };
}

const reportOf = (runId: string) =>
  JSON.parse(objects.get(`${bucket}/runs/${runId}/reports/shop.json`)!.at(-1)!.body.toString()) as {
    findings: Array<{ kind: string; environment?: string; key?: string; status?: string }>;
  };

test('the first night: the bundles audit, publish one SNS event per new finding, send no digest while Slack is not set up', async () => {
  const { result, deadLetters } = await night('night-1');
  expect(deadLetters).toEqual([]);
  expect(reportOf('night-1').findings).toEqual([
    expect.objectContaining({ kind: 'mismatch', environment: 'production', key: 'api.timeout', status: 'new' }),
  ]);
  expect(published.flat()).toHaveLength(1);
  expect(result.notify).toEqual({
    sns: { sent: 1, failed: 0 },
    slack: [{ estate: 'shop', sent: false }],
    immediate: { sent: 0, failed: 0 },
  });
  // No SecureString's value anywhere: not in the bucket, not in a log line.
  const written = [...objects.values()].flatMap((vs) => vs.map((v) => v.body.toString('latin1'))).join('\n');
  for (const p of PASSWORDS) expect(`${written}\n${output.join('')}`).not.toContain(p);
}, 300_000);

test('notify-run ended by its timeout while it published: the retried stage publishes the night’s events', async () => {
  parameters[0] = { ...parameters[0]!, Value: '45s', Version: 2 };
  published.length = 0;
  hangInSns = 1;
  endWhenSnsHangs = 'notify-run';
  const { result } = await night('night-2');
  // The first publish hung and the function was ended there: the stage's retry published.
  expect(hangInSns).toBe(0);
  expect(reportOf('night-2').findings).toContainEqual(
    expect.objectContaining({ environment: 'staging', key: 'api.timeout', status: 'new' }),
  );
  expect(published).toHaveLength(1);
  expect(result.notify).toMatchObject({ sns: { sent: 1, failed: 0 } });
}, 300_000);
