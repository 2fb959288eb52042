import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  type PutObjectCommandInput,
} from '@aws-sdk/client-s3';
import type { CloudFormationCustomResourceEvent, Context } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { handler } from '../../lambdas/handlers/seed-estates';
import { MAX_ESTATE_FILE_BYTES } from '../../lambdas/adapters/estate-reader';
import { asLambda, crashed, throughProviderFramework, type InvokedFunction } from '../helpers/provider-framework';

const s3 = mockClient(S3Client);
const BUCKET = 'drift-estates';

interface Stored {
  body: Buffer;
  metadata?: Record<string, string>;
}
/** The bucket as the handler finds and leaves it (latest versions only). */
let objects: Map<string, Stored>;

function fakeBucket(): void {
  s3.reset();
  s3.on(ListObjectsV2Command).callsFake((input: { Prefix: string }) => ({
    Contents: [...objects.keys()]
      .filter((k) => k.startsWith(input.Prefix))
      .sort()
      .map((Key) => ({ Key })),
  }));
  s3.on(GetObjectCommand).callsFake((input: { Key: string }) => {
    const o = objects.get(input.Key);
    if (!o) throw Object.assign(new Error('The specified key does not exist.'), { name: 'NoSuchKey' });
    return { Body: Readable.from([o.body]), Metadata: o.metadata ?? {} };
  });
  s3.on(PutObjectCommand).callsFake((input: PutObjectCommandInput) => {
    objects.set(input.Key!, { body: Buffer.from(input.Body as Uint8Array), metadata: input.Metadata });
    return { VersionId: 'v' };
  });
  s3.on(DeleteObjectCommand).callsFake((input: { Key: string }) => void objects.delete(input.Key));
}

const sha = (text: string) => createHash('sha256').update(text).digest('hex');

/** What CloudFormation was told: the bodies PUT to the response URL. */
let responses: Array<Record<string, unknown>>;
let server: Server;
let responseUrl: string;

beforeAll(async () => {
  for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) jest.spyOn(console, level).mockImplementation(() => undefined);
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      responses.push(JSON.parse(body) as Record<string, unknown>);
      res.end();
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  responseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/response`;
});
afterAll(() => new Promise<void>((ok) => server.close(() => ok())));
beforeEach(() => {
  objects = new Map();
  responses = [];
  fakeBucket();
});

const OLD = 'version: 1\nname: shop\n# as deployed\n';
const NEW = 'version: 1\nname: shop\n# as published later\n';

/** A deploy of these files (key below estates/ → text and source time), staged by content under seed/ as BucketDeployment does. */
function deploy(files: Record<string, readonly [string, string]>, requestType: 'Create' | 'Update' | 'Delete' = 'Update', stage = true) {
  if (stage) for (const [text] of Object.values(files)) objects.set(`seed/${sha(text)}`, { body: Buffer.from(text) });
  const event = {
    RequestType: requestType,
    ResponseURL: responseUrl,
    StackId: 'arn:aws:cloudformation:eu-west-1:111111111111:stack/DriftInstallation/x',
    RequestId: 'req-1',
    LogicalResourceId: 'SeedEstates',
    ResourceType: 'Custom::DriftEstateSeeding',
    PhysicalResourceId: 'drift-estate-seeding',
    ServiceToken: 'arn:aws:lambda:eu-west-1:111111111111:function:seed',
    ResourceProperties: {
      ServiceToken: 'arn:aws:lambda:eu-west-1:111111111111:function:seed',
      Bucket: BUCKET,
      Files: Object.entries(files).map(([key, [text, sourceTime]]) => ({ key, sha256: sha(text), sourceTime })),
    },
    OldResourceProperties: {},
  } as unknown as CloudFormationCustomResourceEvent;
  return asCloudFormation(event);
}

const CONTEXT = { awsRequestId: 'r', functionName: 'seed', getRemainingTimeInMillis: () => 60_000 } as unknown as Context;

/** The request as CloudFormation sends it: to the stack's service token, the provider framework, which invokes the seeding function. */
const asCloudFormation = (event: CloudFormationCustomResourceEvent, fn: InvokedFunction = asLambda(handler, CONTEXT)) =>
  throughProviderFramework(event, fn, async (url, body) => {
    expect(url).toBe(`https://127.0.0.1${new URL(responseUrl).pathname}`);
    const res = await fetch(responseUrl, { method: 'PUT', body });
    expect(res.ok).toBe(true);
  });

const text = (key: string) => objects.get(key)?.body.toString();
const puts = () => s3.commandCalls(PutObjectCommand).map((c) => c.args[0].input.Key);

describe('seeding estates/ at deploy: a newer publish is never replaced, and what was left is said', () => {
  test('a deploy from an older checkout leaves the newer published estate file, and reports it to CloudFormation', async () => {
    objects.set('estates/shop/drift.yaml', { body: Buffer.from(NEW), metadata: { 'drift-source-time': '2026-06-01T00:00:00.000Z' } });
    await deploy({ 'shop/drift.yaml': [OLD, '2026-05-01T00:00:00.000Z'] });
    expect(text('estates/shop/drift.yaml')).toBe(NEW);
    expect(puts()).toEqual([]);
    expect(responses).toHaveLength(1);
    expect(responses[0]).toMatchObject({ Status: 'SUCCESS', RequestId: 'req-1', LogicalResourceId: 'SeedEstates' });
    expect((responses[0]!.Data as Record<string, string>).KeptNewer).toContain('shop/drift.yaml');
  });

  test('an unchanged file is not uploaded again', async () => {
    objects.set('estates/shop/drift.yaml', { body: Buffer.from(OLD), metadata: { 'drift-source-time': '2026-05-01T00:00:00.000Z' } });
    await deploy({ 'shop/drift.yaml': [OLD, '2026-05-01T00:00:00.000Z'] });
    expect(puts()).toEqual([]);
    expect(responses[0]).toMatchObject({ Status: 'SUCCESS', Data: { Written: '0', Unchanged: '1', KeptNewer: 'none' } });
  });

  test('a file changed in git since the last publish lands, stamped with its source time; the baseline before the estate file', async () => {
    objects.set('estates/shop/drift.yaml', { body: Buffer.from(OLD), metadata: { 'drift-source-time': '2026-05-01T00:00:00.000Z' } });
    await deploy({
      'shop/drift.yaml': [NEW, '2026-07-01T00:00:00.000Z'],
      'shop/baseline.yaml': ['keys: {}\n', '2026-07-01T00:00:00.000Z'],
    });
    expect(text('estates/shop/drift.yaml')).toBe(NEW);
    expect(objects.get('estates/shop/drift.yaml')?.metadata).toEqual({ 'drift-source-time': '2026-07-01T00:00:00.000Z' });
    expect(puts()).toEqual(['estates/shop/baseline.yaml', 'estates/shop/drift.yaml']);
  });

  test('an estate object too large to be one is replaced, read no further than an estate file may hold', async () => {
    let pulled = 0;
    const chunk = Buffer.alloc(1024 * 1024, 0x20);
    s3.on(GetObjectCommand).callsFake((input: { Key: string }) => {
      const o = objects.get(input.Key);
      if (!o) throw Object.assign(new Error('The specified key does not exist.'), { name: 'NoSuchKey' });
      if (input.Key !== 'estates/shop/drift.yaml') return { Body: Readable.from([o.body]), Metadata: o.metadata ?? {} };
      // Four times the limit, then the end: a reader without one fails this test, not the machine.
      const endless = function* () {
        while (pulled < 4 * MAX_ESTATE_FILE_BYTES) {
          pulled += chunk.length;
          yield chunk;
        }
      };
      return { Body: Readable.from(endless()), Metadata: o.metadata ?? {} };
    });
    objects.set('estates/shop/drift.yaml', { body: Buffer.from(''), metadata: { 'drift-source-time': '2026-05-01T00:00:00.000Z' } });
    await deploy({ 'shop/drift.yaml': [NEW, '2026-07-01T00:00:00.000Z'] });
    expect(text('estates/shop/drift.yaml')).toBe(NEW);
    expect(pulled).toBeLessThan(2 * MAX_ESTATE_FILE_BYTES);
  });

  test('an estate the deploy no longer has is removed (its code scan stays); nothing outside estates/ is touched', async () => {
    objects.set('estates/cart/drift.yaml', { body: Buffer.from('version: 1\nname: cart\n') });
    objects.set('estates/cart/code-scan.json', { body: Buffer.from('{}') });
    objects.set('runs/r1/report.html', { body: Buffer.from('<html>') });
    await deploy({ 'shop/drift.yaml': [OLD, '2026-05-01T00:00:00.000Z'] });
    expect([...objects.keys()].filter((k) => !k.startsWith('seed/')).sort()).toEqual([
      'estates/cart/code-scan.json',
      'estates/shop/drift.yaml',
      'runs/r1/report.html',
    ]);
    expect(responses[0]).toMatchObject({ Status: 'SUCCESS', Data: { Removed: 'cart/drift.yaml' } });
  });

  test('a removed key is named with its control characters escaped: CloudFormation shows it to whoever deploys', async () => {
    // S3 keys may hold any UTF-8: a terminal escape and a newline would reach `cdk deploy`'s output raw.
    objects.set('estates/cart\u001b[2J\nOK/drift.yaml', { body: Buffer.from('version: 1\nname: cart\n') });
    await deploy({ 'shop/drift.yaml': [OLD, '2026-05-01T00:00:00.000Z'] });
    expect(responses[0]).toMatchObject({ Status: 'SUCCESS', Data: { Removed: 'cart\\u001b[2J\\nOK/drift.yaml' } });
  });

  test('a staged file that is not the one this deploy brings fails the deploy, and nothing is written', async () => {
    await deploy({ 'shop/drift.yaml': [OLD, '2026-05-01T00:00:00.000Z'] });
    objects.clear();
    objects.set(`seed/${sha(OLD)}`, { body: Buffer.from('something else') });
    responses = [];
    s3.resetHistory();
    const event = {
      RequestType: 'Update',
      ResponseURL: responseUrl,
      StackId: 's',
      RequestId: 'req-2',
      LogicalResourceId: 'SeedEstates',
      PhysicalResourceId: 'drift-estate-seeding',
      ResourceProperties: { Bucket: BUCKET, Files: [{ key: 'shop/drift.yaml', sha256: sha(OLD), sourceTime: '2026-05-01T00:00:00.000Z' }] },
    } as unknown as CloudFormationCustomResourceEvent;
    await asCloudFormation(event);
    expect(responses).toHaveLength(1);
    expect(responses[0]).toMatchObject({ Status: 'FAILED' });
    expect(String(responses[0]!.Reason)).toContain(`seed/${sha(OLD)} (shop/drift.yaml) is not the file this deploy brings`);
    expect(puts()).toEqual([]);
  });

  test('a rollback (the previous deploy’s files, after a deploy that removed an estate) restores that estate from its staged copy', async () => {
    const CART = 'version: 1\nname: cart\n';
    await deploy({ 'shop/drift.yaml': [OLD, '2026-05-01T00:00:00.000Z'], 'cart/drift.yaml': [CART, '2026-05-01T00:00:00.000Z'] });
    await deploy({ 'shop/drift.yaml': [OLD, '2026-05-01T00:00:00.000Z'] });
    expect(objects.has('estates/cart/drift.yaml')).toBe(false);
    // A later resource of the stack failed: CloudFormation hands the seeding its previous properties, staging nothing new.
    const rollback = {
      'shop/drift.yaml': [OLD, '2026-05-01T00:00:00.000Z'],
      'cart/drift.yaml': [CART, '2026-05-01T00:00:00.000Z'],
    } as const;
    for (const key of [...objects.keys()].filter((k) => k.startsWith('seed/'))) expect(objects.get(key)).toBeDefined();
    await deploy({ ...rollback });
    expect(text('estates/cart/drift.yaml')).toBe(CART);
    expect(responses.map((r) => [r.Status, r.PhysicalResourceId])).toEqual([
      ['SUCCESS', 'drift-estate-seeding'],
      ['SUCCESS', 'drift-estate-seeding'],
      ['SUCCESS', 'drift-estate-seeding'],
    ]);
  });

  test('deleting the stack leaves the bucket as it is', async () => {
    objects.set('estates/shop/drift.yaml', { body: Buffer.from(OLD) });
    await deploy({ 'shop/drift.yaml': [OLD, '2026-05-01T00:00:00.000Z'] }, 'Delete');
    expect(responses).toHaveLength(1);
    expect(responses[0]).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: 'drift-estate-seeding' });
    expect(s3.commandCalls(DeleteObjectCommand)).toEqual([]);
    expect(puts()).toEqual([]);
  });
});

describe('a seeding that never answers itself still fails the deploy at once', () => {
  const createOf = (files: Record<string, string>) =>
    ({
      RequestType: 'Create',
      ResponseURL: responseUrl,
      StackId: 'arn:aws:cloudformation:eu-west-1:111111111111:stack/DriftInstallation/x',
      RequestId: 'req-9',
      LogicalResourceId: 'SeedEstates',
      ResourceType: 'Custom::DriftEstateSeeding',
      ServiceToken: 'arn:aws:lambda:eu-west-1:111111111111:function:framework',
      ResourceProperties: {
        Bucket: BUCKET,
        Files: Object.entries(files).map(([key, text]) => ({ key, sha256: sha(text), sourceTime: '2026-05-01T00:00:00.000Z' })),
      },
    }) as unknown as CloudFormationCustomResourceEvent;

  test.each([
    ['killed out of memory', 'Runtime.OutOfMemory', 'Runtime exited with error: signal: killed'],
    ['timed out', 'Sandbox.Timedout', 'Task timed out after 300.00 seconds'],
    ['unable to load its code', 'Runtime.ImportModuleError', "Error: Cannot find module 'index'"],
  ])('a seeding function %s: CloudFormation is told FAILED, with why, once', async (_, errorType, errorMessage) => {
    await asCloudFormation(createOf({ 'shop/drift.yaml': OLD }), crashed(errorType, errorMessage));
    expect(responses).toHaveLength(1);
    expect(responses[0]).toMatchObject({ Status: 'FAILED', RequestId: 'req-9', LogicalResourceId: 'SeedEstates' });
    expect(String(responses[0]!.Reason)).toContain(errorMessage);
  });

  test('a seeding that succeeds is answered once, by the framework, with its data and the stack’s one physical id', async () => {
    const files = { 'shop/drift.yaml': OLD };
    for (const text of Object.values(files)) objects.set(`seed/${sha(text)}`, { body: Buffer.from(text) });
    await asCloudFormation(createOf(files));
    expect(responses).toHaveLength(1);
    expect(responses[0]).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: 'drift-estate-seeding', Data: { Written: '1' } });
    expect(text('estates/shop/drift.yaml')).toBe(OLD);
  });
});
