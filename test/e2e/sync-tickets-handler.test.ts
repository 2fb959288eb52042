import '../helpers/powertools-env';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { S3Client } from '@aws-sdk/client-s3';
import type { Context, SQSEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { DynamoDbStore } from '../../lambdas/adapters/dynamodb/dynamodb-store';
import { embeddedClient, startEmbeddedDynamoDb } from '../../lambdas/adapters/dynamodb/embedded-dynamodb';
import type { LifecycleEvent } from '../../lambdas/core/lifecycle/model';
import { snsMessage } from '../../lambdas/core/notify/sns-message';
import { handler } from '../../lambdas/handlers/sync-tickets';
import { EMBEDDED_TABLE } from '../../lambdas/wiring/open-store';
import { copyOfExamples, drift } from '../helpers/cli';
import { useDynalite } from '../helpers/dynalite';
import { estateFrom } from '../helpers/estate';
import { startGitHubServer, type GitHubServer } from '../helpers/github-server';
import { serveMemoryBucket, type MemoryObjects } from '../helpers/memory-bucket';

const TOKEN = 'ghp_subscriber_token_0123456789';
const TICKETS_SECRET = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:drift/tickets-AbCdEf';
const T1 = new Date('2026-11-24T02:00:00Z');
const T2 = new Date('2026-11-25T02:00:00Z');
// What the installation puts in the tickets secret until someone sets it (lib/secrets.ts).
const PLACEHOLDER = 'not-configured';
// The example estate, with the routing a team would add for its tickets.
const ROUTING =
  '  tickets: { minSeverity: high, labels: [drift, checkout], owners: { team-inventory: { labels: [inventory], assignee: carol }, "*": { labels: [platform] } } }\n';

const s3 = mockClient(S3Client);
const secrets = mockClient(SecretsManagerClient);
const objects: MemoryObjects = new Map();
const db = useDynalite();
let gh: GitHubServer;
let secretText = PLACEHOLDER;
/** The example estate's lifecycle events from two real audits: everything opened, then one value fixed. */
let events: LifecycleEvent[] = [];
let estateText = '';

const output: string[] = [];
const capture = (...args: unknown[]): void => {
  output.push(args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' '));
};

const context: Context = {
  callbackWaitsForEmptyEventLoop: true,
  functionName: 'drift-sync-tickets',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:drift-sync-tickets',
  memoryLimitInMB: '256',
  awsRequestId: 'req-sync-tickets',
  logGroupName: '/aws/lambda/drift-sync-tickets',
  logStreamName: 'stream',
  getRemainingTimeInMillis: () => 60_000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
};

/** Audits a scratch copy of the example estate twice (the embedded store keeps the event log) and reads the events back. */
async function auditedEvents(): Promise<{ events: LifecycleEvent[]; estateText: string }> {
  const dir = copyOfExamples();
  const file = path.join(dir, 'drift.yaml');
  const text = readFileSync(file, 'utf8').replace(/^notify:.*\n/m, (line) => `${line}${ROUTING}`);
  writeFileSync(file, text);
  expect((await drift(['audit'], { cwd: dir, now: T1 })).code).toBe(1);
  const configmap = path.join(dir, 'manifests', 'production-us', 'configmap.yaml');
  writeFileSync(configmap, readFileSync(configmap, 'utf8').replace('LOG_INCLUDE_SENSITIVE: "true"', 'LOG_INCLUDE_SENSITIVE: "false"'));
  expect((await drift(['audit'], { cwd: dir, now: T2 })).code).toBe(1);
  const engine = await startEmbeddedDynamoDb(path.join(dir, '.drift', 'store'));
  const client = embeddedClient(engine.endpoint);
  try {
    return { events: await new DynamoDbStore({ client, table: EMBEDDED_TABLE }).listEvents('checkout-api'), estateText: text };
  } finally {
    client.destroy();
    await engine.close();
  }
}

let seq = 0;
/** An SQS batch of the findings topic's messages (raw delivery: the body is the SNS message). */
function batch(...bodies: string[]): SQSEvent {
  return {
    Records: bodies.map((body) => {
      seq += 1;
      return {
        messageId: `msg-${seq}`,
        receiptHandle: `rh-${seq}`,
        body,
        attributes: {
          ApproximateReceiveCount: '1',
          SentTimestamp: '1764900000000',
          SenderId: 'AIDAEXAMPLE',
          ApproximateFirstReceiveTimestamp: '1764900000000',
        },
        messageAttributes: {},
        md5OfBody: '',
        eventSource: 'aws:sqs',
        eventSourceARN: 'arn:aws:sqs:us-east-1:123456789012:drift-tickets',
        awsRegion: 'us-east-1',
      };
    }),
  };
}

interface About {
  key: string;
  kind: string;
  environment: string;
}
const BROKEN_NEIGHBOUR = 'estates/payments/drift.yaml';
const SENSITIVE: About = { key: 'log.include.sensitive', kind: 'mismatch', environment: 'production-us' };

/** The SNS message body of the example's `event` about a finding. */
function message(event: LifecycleEvent['event'], about: About): string {
  const e = events.find(
    (x) => x.event === event && x.finding.key === about.key && x.finding.kind === about.kind && x.finding.environment === about.environment,
  );
  if (!e) throw new Error(`no ${event} event for ${JSON.stringify(about)}`);
  return snsMessage(e, { estate: estateFrom(estateText) }).body;
}

const invoke = (event: SQSEvent) => handler(event, context);
const failures = (res: { batchItemFailures: Array<{ itemIdentifier: string }> }): string[] =>
  res.batchItemFailures.map((f) => f.itemIdentifier);
const ids = (event: SQSEvent): string[] => event.Records.map((r) => r.messageId);

beforeAll(async () => {
  ({ events, estateText } = await auditedEvents());
  gh = await startGitHubServer({ token: TOKEN, owner: 'acme', repo: 'infra' });
  const table = await db.freshTable();
  Object.assign(process.env, {
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'dummy-secret-access-key',
    AWS_ENDPOINT_URL_DYNAMODB: db.endpoint,
    DRIFT_TABLE: table.table,
    DRIFT_BUCKET: 'drift-installation',
    DRIFT_TOPIC_ARN: 'arn:aws:sns:us-east-1:123456789012:drift-events',
    DRIFT_FINGERPRINT_SECRET_ARN: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:drift/fingerprint-AbCdEf',
    DRIFT_TICKETS: JSON.stringify({ tracker: 'github', repo: 'acme/infra', apiUrl: gh.url }),
    DRIFT_TICKETS_SECRET_ARN: TICKETS_SECRET,
  });
  serveMemoryBucket(s3, objects);
  objects.set('estates/checkout-api/drift.yaml', [Buffer.from(estateText)]);
  // Another team's estate file, published broken: it must stop none of checkout-api's tickets.
  objects.set(BROKEN_NEIGHBOUR, [
    Buffer.from('version: 1\nname: payments\nenvironments:\n  prod:\n    sources:\n      - ssm: { pth: /p/ }\n'),
  ]);
  secrets.on(GetSecretValueCommand, { SecretId: TICKETS_SECRET }).callsFake(() => ({ ARN: TICKETS_SECRET, SecretString: secretText }));
  for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) jest.spyOn(console, level).mockImplementation(capture);
});

afterAll(async () => {
  jest.restoreAllMocks();
  s3.restore();
  secrets.restore();
  await gh.close();
});

// One container for the whole file, as Lambda keeps one warm: the cases run in order and build on each other.
describe('the sync-tickets handler (SQS batch of the findings topic)', () => {
  test('the example estate’s audits gave the events the cases below replay', () => {
    expect(events.filter((e) => e.event === 'opened').length).toBeGreaterThan(6);
    expect(events.filter((e) => e.event === 'resolved').map((e) => e.finding.key)).toEqual(['log.include.sensitive']);
  });

  test('with the tickets secret still the placeholder: the invocation fails (the batch is retried), naming the secret, not its value', async () => {
    const event = batch(message('opened', SENSITIVE));
    const err = (await invoke(event).catch((e: unknown) => e)) as Error;
    expect(err).toBeInstanceOf(Error);
    expect(err.name).toBe('TrackerRejected');
    expect(err.message).toContain(TICKETS_SECRET);
    expect(err.message).not.toContain(PLACEHOLDER);
    expect(secrets.commandCalls(GetSecretValueCommand)).toHaveLength(1);
    expect(gh.requests).toEqual([]);
  });

  test('once the secret holds a token, an opened makes one issue with its title and the routed labels (another team’s estate file in the bucket does not load)', async () => {
    secretText = TOKEN;
    const res = await invoke(batch(message('opened', SENSITIVE)));
    expect(failures(res)).toEqual([]);
    expect(gh.issues()).toHaveLength(1);
    const [issue] = gh.issues();
    expect(issue!.title).toBe('production-us: log.include.sensitive is true, baseline false');
    // The estate's labels and the severity; `*` routes owners not listed, and this key has no owner.
    expect([...issue!.labels].sort()).toEqual(['checkout', 'drift', 'severity:critical']);
    expect(issue!.assignees).toEqual([]);
    expect(issue!.state).toBe('open');
  });

  test('the same message delivered again (another SQS message, same body) makes no second issue', async () => {
    const requests = gh.requests.length;
    const res = await invoke(batch(message('opened', SENSITIVE), message('opened', SENSITIVE)));
    expect(failures(res)).toEqual([]);
    expect(gh.issues()).toHaveLength(1);
    // The ledger knew it: the tracker was not even asked.
    expect(gh.requests.slice(requests)).toEqual([]);
  });

  test('an opened below notify.tickets’ minSeverity makes no issue and is no failure', async () => {
    const res = await invoke(batch(message('opened', { key: 'api.timeout', kind: 'mismatch', environment: 'production-us' })));
    expect(failures(res)).toEqual([]);
    expect(gh.issues()).toHaveLength(1);
  });

  test('a resolved closes the issue with a comment that gives the reason', async () => {
    const res = await invoke(batch(message('resolved', SENSITIVE)));
    expect(failures(res)).toEqual([]);
    const [issue] = gh.issues();
    expect(issue!.state).toBe('closed');
    expect(issue!.comments).toHaveLength(1);
    expect(issue!.comments[0]!.body).toMatch(/^Resolved: value fixed/);
    expect(gh.issues()).toHaveLength(1);
  });

  test('a long Retry-After: exactly the messages not done come back as failures; their redelivery finishes them, once each', async () => {
    const abouts: About[] = [
      { key: 'db.timeout', kind: 'constraint', environment: 'production-us' },
      { key: 'inventory.service.url', kind: 'missing', environment: 'production-us' },
      { key: 'smtp.password', kind: 'dangling-ref', environment: 'staging' },
    ];
    const first = batch(...abouts.map((a) => message('opened', a)));
    const titled = (a: About) => (title: string) => title.startsWith(`${a.environment}: ${a.key} `);
    // GitHub asks for two minutes when the second issue is created: far beyond what the function waits for.
    gh.rateLimitNext(1, 'retry-after', {
      seconds: 120,
      match: (r) => r.method === 'POST' && titled(abouts[1]!)(String((r.body as { title?: unknown } | undefined)?.title)),
    });
    const res = await invoke(first);
    expect(failures(res)).toEqual(ids(first).slice(1));
    expect(gh.issues().filter((i) => titled(abouts[0]!)(i.title))).toHaveLength(1);
    expect(gh.issues().filter((i) => titled(abouts[1]!)(i.title))).toHaveLength(0);
    expect(gh.requests.some((r) => r.status === 429)).toBe(true);
    expect(output.join('\n')).toContain('ticket event left for a retry');

    const redelivery = { Records: first.Records.slice(1) };
    expect(failures(await invoke(redelivery))).toEqual([]);
    for (const a of abouts) expect(gh.issues().filter((i) => titled(a)(i.title))).toHaveLength(1);
    expect(gh.issues()).toHaveLength(1 + abouts.length);
    // The owner's route: team-inventory's label and assignee.
    const inventory = gh.issues().find((i) => titled(abouts[1]!)(i.title))!;
    expect([...inventory.labels].sort()).toEqual(['checkout', 'drift', 'inventory', 'severity:high']);
    expect(inventory.assignees).toEqual(['carol']);
  });

  test('no log line carries the token', () => {
    expect(output.join('\n')).not.toContain(TOKEN);
  });
});
