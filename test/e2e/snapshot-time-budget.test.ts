import '../helpers/powertools-env';
import { gunzipSync } from 'node:zlib';
import { Readable } from 'node:stream';
import { GetObjectCommand, NoSuchKey, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { DescribeParametersCommand, GetParametersCommand, SSMClient } from '@aws-sdk/client-ssm';
import type { Context } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { handler as snapshotTarget } from '../../lambdas/handlers/snapshot-target';
import { useDynalite } from '../helpers/dynalite';

// snapshot-target runs every environment of its account and region one after the other, in one
// Lambda invocation of at most its timeout. Sources that run long (a hanging endpoint, an account's
// SSM budget) must not carry it past that timeout: Lambda would end it, Step Functions retry the
// whole target twice more, and every environment of the account, the ones read well too, would be
// a source-error after half an hour. Past the function's time, a source is a source-error saying so.

const BUCKET = 'drift-installation';
const FINGERPRINT_SECRET = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:drift/fingerprint-AbCdEf';
const ESTATE = `version: 1
name: shop
environments:
  dev:
    region: us-east-1
    sources:
      - ssm: { path: /dev/shop/ }
  qa:
    region: us-east-1
    sources:
      - ssm: { path: /qa/shop/ }
baseline:
  keys:
    api.timeout: { type: duration, value: 30s }
`;

const db = useDynalite();
const s3 = mockClient(S3Client);
const ssm = mockClient(SSMClient);
const secrets = mockClient(SecretsManagerClient);
const written = new Map<string, Buffer>();
const output: string[] = [];

beforeAll(async () => {
  const table = await db.freshTable();
  Object.assign(process.env, {
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'example',
    AWS_ENDPOINT_URL_DYNAMODB: db.endpoint,
    DRIFT_TABLE: table.table,
    DRIFT_BUCKET: BUCKET,
    DRIFT_TOPIC_ARN: 'arn:aws:sns:us-east-1:123456789012:drift-findings',
    DRIFT_FINGERPRINT_SECRET_ARN: FINGERPRINT_SECRET,
    // Shorter than the default 180 s, longer than the time this invocation has left.
    DRIFT_SOURCE_TIMEOUT_MS: '15000',
  });
  s3.on(GetObjectCommand).callsFake((i: { Key: string }) => {
    if (i.Key !== 'estates/shop/drift.yaml') throw new NoSuchKey({ message: 'The specified key does not exist.', $metadata: {} });
    return { Body: Readable.from([Buffer.from(ESTATE)]), VersionId: 'v1', ContentLength: ESTATE.length };
  });
  s3.on(PutObjectCommand).callsFake((i: { Key: string; Body: Buffer }) => (written.set(i.Key, i.Body), { VersionId: 'v2' }));
  secrets.on(GetSecretValueCommand).resolves({ SecretString: Buffer.alloc(32, 7).toString('base64') });
  // An SSM endpoint that takes the call and never answers.
  ssm.on(DescribeParametersCommand).callsFake(() => new Promise(() => undefined));
  ssm.on(GetParametersCommand).callsFake(() => new Promise(() => undefined));
  for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const)
    jest.spyOn(console, level).mockImplementation((...a: unknown[]) => void output.push(a.map(String).join(' ')));
});

afterAll(() => jest.restoreAllMocks());

/** A Lambda context with `ms` left from now, as Lambda counts it. */
function contextWith(ms: number): Context {
  const end = Date.now() + ms;
  return {
    functionName: 'drift-snapshot-target',
    awsRequestId: 'req-budget',
    invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:drift-snapshot-target',
    memoryLimitInMB: '1024',
    getRemainingTimeInMillis: () => Math.max(0, end - Date.now()),
  } as Context;
}

const snapshotOf = (env: string) =>
  JSON.parse(gunzipSync(written.get(`runs/run-budget/snapshots/shop/${env}.json.gz`)!).toString('utf8')) as {
    snapshot: { sources: Array<{ errors: string[] }> };
  };

test('with less time left than its sources would take, it returns in time, every environment written, the late sources source-errors saying why', async () => {
  const left = 24_000;
  const started = Date.now();
  const out = await snapshotTarget(
    {
      runId: 'run-budget',
      estates: [{ key: 'estates/shop/drift.yaml', versionId: 'v1' }],
      target: { account: 'default', region: 'us-east-1' },
    },
    contextWith(left),
  );
  expect(Date.now() - started).toBeLessThan(left);
  expect(out).toEqual({ target: { account: 'default', region: 'us-east-1' }, snapshotted: 2 });
  for (const env of ['dev', 'qa']) {
    const [source] = snapshotOf(env).snapshot.sources;
    expect(source!.errors).toEqual([expect.stringMatching(/snapshot function's time/)]);
  }
}, 60_000);
