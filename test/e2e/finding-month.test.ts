import '../helpers/powertools-quiet-env';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { PublishBatchCommand, SNSClient } from '@aws-sdk/client-sns';
import { DescribeParametersCommand, GetParametersCommand, SSMClient, SSMServiceException, type Parameter } from '@aws-sdk/client-ssm';
import type { Context } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { handler as auditRun } from '../../lambdas/handlers/audit-run';
import { handler as notifyRun } from '../../lambdas/handlers/notify-run';
import { handler as planRun } from '../../lambdas/handlers/plan-run';
import { handler as snapshotTarget } from '../../lambdas/handlers/snapshot-target';
import type { TargetOutcome } from '../../lambdas/use-cases/audit-run';
import { useDynalite } from '../helpers/dynalite';
import { serveMemoryBucket, type MemoryObjects } from '../helpers/memory-bucket';

/**
 * A month of nightly runs of one installation, stage by stage as the state machine runs them, with
 * the estate changed between nights: what SNS and Slack received each night.
 */

const BUCKET = 'drift-installation';
const SLACK_SECRET = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:drift/slack-AbCdEf';
const FINGERPRINT_SECRET = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:drift/fingerprint-AbCdEf';
const ALICE = 'arn:aws:iam::111111111111:user/alice';

const ESTATE = `version: 1
name: shop
deployers:
  - arn:aws:iam::111111111111:role/deploy
environments:
  staging:
    account: "111111111111"
    region: us-east-1
    sources:
      - ssm: { path: /staging/shop/ }
      - ssm: { path: /staging/queue/ }
  production:
    account: "222222222222"
    region: eu-west-1
    sources:
      - ssm: { path: /production/shop/ }
baseline:
  undeclared: ignore
  keys:
    api.timeout: { type: duration, value: 30s, severity: high }
    log.level: { enum: [DEBUG, INFO, WARN, ERROR], value: INFO, severity: high }
    pool.size: { type: int, value: 20, severity: high }
    queue.size: { type: int, values: { staging: 10 }, severity: high }
  exceptions:
    - { environment: production, key: log.level, value: DEBUG, reason: "INC-7 debugging", ticket: OPS-1, expires: 2026-10-20 }
notify:
  sns: { minSeverity: low, kinds: all, onFirstRun: true }
  slack: { minSeverity: low, window: "0 8 * * *", timezone: Europe/Berlin, allClear: true }
`;

// ---- S3, SSM, Secrets Manager, SNS ------------------------------------------------------------------

const objects: MemoryObjects = new Map();
const s3 = mockClient(S3Client);
const ssm = mockClient(SSMClient);
const secrets = mockClient(SecretsManagerClient);
const sns = mockClient(SNSClient);
const parameters = new Map<string, Parameter>();
const failingPaths = new Set<string>();
let versions = 0;

function setParameter(name: string, value: string, at: Date): void {
  const before = parameters.get(name);
  if (before?.Value === value) return;
  parameters.set(name, { Name: name, Value: value, Type: 'String', Version: ++versions, LastModifiedDate: at, DataType: 'text' });
}

function serve(): void {
  serveMemoryBucket(s3, objects);
  ssm.on(DescribeParametersCommand).callsFake((input: { ParameterFilters?: Array<{ Key?: string; Values?: string[] }> }) => {
    const filter = input.ParameterFilters?.[0];
    const values = filter?.Values ?? [];
    if (filter?.Key === 'Path' && failingPaths.has(values[0] ?? ''))
      throw new SSMServiceException({ name: 'AccessDeniedException', $fault: 'client', $metadata: {}, message: 'denied' });
    const match = (n: string): boolean => (filter?.Key === 'Path' ? n.startsWith(values[0] ?? '') : values.includes(n));
    return {
      Parameters: [...parameters.values()].filter((p) => match(p.Name!)).map(({ Value: _v, ...m }) => ({ ...m, LastModifiedUser: ALICE })),
    };
  });
  ssm.on(GetParametersCommand).callsFake((input: { Names: string[] }) => ({
    Parameters: input.Names.map((n) => parameters.get(n)).filter(Boolean),
    InvalidParameters: [],
  }));
  secrets.on(GetSecretValueCommand, { SecretId: FINGERPRINT_SECRET }).resolves({ SecretString: Buffer.alloc(32, 7).toString('base64') });
  secrets.on(GetSecretValueCommand, { SecretId: SLACK_SECRET }).resolves({ SecretString: JSON.stringify({ url: WEBHOOK }) });
  sns.on(PublishBatchCommand).callsFake((input: { PublishBatchRequestEntries: Array<{ Id: string }> }) => ({
    Successful: input.PublishBatchRequestEntries.map((e) => ({ Id: e.Id, MessageId: `m-${e.Id}` })),
    Failed: [],
  }));
}

interface SnsEvent {
  eventId: string;
  event: string;
  kind: string;
  environment?: string;
  key?: string;
  reason?: string;
  episode?: number;
  actions?: { adopt: string[]; revert: string[] };
}
let snsSeen = 0;
/** The SNS messages published since the last call. */
function snsSince(): SnsEvent[] {
  const all = sns
    .commandCalls(PublishBatchCommand)
    .flatMap((c) => (c.args[0].input.PublishBatchRequestEntries ?? []).map((e) => JSON.parse(e.Message!) as SnsEvent));
  const fresh = all.slice(snsSeen);
  snsSeen = all.length;
  return fresh;
}

// ---- Slack: a local HTTP server the webhook's https URL is routed to --------------------------------

const WEBHOOK = 'https://hooks.slack.test/services/T000/B000/XXXX';
interface Block {
  type: string;
  text?: { text: string };
}
interface Payload {
  text: string;
  blocks: Block[];
}
let slack: Payload[] = [];
let server: Server;
const realFetch = globalThis.fetch;
const isDigest = (p: Payload): boolean => p.blocks.some((b) => b.type === 'header');

/** The text of a digest's section (its title starts it), up to the next titled section. */
function section(p: Payload, title: string): string {
  const texts = p.blocks.map((b) => b.text?.text ?? '');
  const start = texts.findIndex((t) => t.startsWith(`*${title}`));
  if (start < 0) return '';
  const end = texts.findIndex((t, i) => i > start && /^\*(New|Resolved|Changed|Still open|Exceptions expiring)/.test(t));
  return texts.slice(start, end < 0 ? undefined : end).join('\n');
}

// ---- the runs ---------------------------------------------------------------------------------------

const context = (name: string): Context =>
  ({
    functionName: `drift-${name}`,
    awsRequestId: `req-${name}`,
    getRemainingTimeInMillis: () => 120_000,
  }) as unknown as Context;

const NOT_DATE = [
  'hrtime',
  'nextTick',
  'performance',
  'queueMicrotask',
  'setImmediate',
  'clearImmediate',
  'setInterval',
  'clearInterval',
  'setTimeout',
  'clearTimeout',
] as const;

/** The lifecycle event (`opened`, `resolved`, `changed`) whose append makes the audit stage throw once, as a Lambda timeout would stop it there. */
let failAtEvent: string | undefined;
let failures = 0;
const realSend = DynamoDBClient.prototype.send as (this: DynamoDBClient, ...args: unknown[]) => unknown;
jest.spyOn(DynamoDBClient.prototype, 'send').mockImplementation(function (this: DynamoDBClient, ...args: unknown[]) {
  const command = args[0] as { constructor: { name: string }; input: { Item?: Record<string, { S?: string }> } };
  const item = command.input.Item;
  if (failAtEvent && command.constructor.name === 'PutItemCommand' && item?.itemType?.S === 'event' && item.event?.S === failAtEvent) {
    failAtEvent = undefined;
    failures++;
    return Promise.reject(Object.assign(new Error('Task timed out after 900.00 seconds'), { name: 'Sandbox.Timedout' }));
  }
  return realSend.apply(this, args);
} as never);

interface Night {
  sns: SnsEvent[];
  slack: Payload[];
}

/** One scheduled execution at `at`: plan, a snapshot per target, audit (retried once when it throws), notify. */
async function night(at: Date): Promise<Night> {
  const runId = `exec-${at.toISOString().replace(/[:.]/g, '-')}`;
  slack = [];
  jest.useFakeTimers({ doNotFake: [...NOT_DATE], now: at, advanceTimers: true });
  try {
    const plan = await planRun({ runId }, context('plan'));
    const outcomes: TargetOutcome[] = [];
    for (const target of plan.targets)
      outcomes.push(await snapshotTarget({ runId: plan.runId, estates: plan.estates, target }, context('snapshot')));
    const input = { runId: plan.runId, estates: plan.estates, snapshots: outcomes };
    // The state machine retries the stage with the same input.
    await auditRun(input, context('audit')).catch(() => auditRun(input, context('audit')));
    await notifyRun({ runId: plan.runId, estates: plan.estates }, context('notify'));
  } finally {
    jest.useRealTimers();
  }
  return { sns: snsSince(), slack };
}

const db = useDynalite();

beforeAll(async () => {
  server = createServer((req, res) => {
    let text = '';
    req.on('data', (c) => (text += c));
    req.on('end', () => {
      slack.push(JSON.parse(text) as Payload);
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  jest.spyOn(globalThis, 'fetch').mockImplementation((input, init) => {
    const url = String(input instanceof Request ? input.url : input);
    return realFetch(url.replace('https://hooks.slack.test', `http://127.0.0.1:${port}`), init);
  });
  for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) jest.spyOn(console, level).mockImplementation(() => undefined);
  const table = await db.freshTable();
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
  serve();
  objects.set('estates/shop/drift.yaml', [Buffer.from(ESTATE)]);
});

afterAll(async () => {
  jest.restoreAllMocks();
  await new Promise<void>((r) => server.close(() => r()));
});

const DAY = 86_400_000;
/** 08:00 in Berlin, the digest window's tick, and the schedule's: 06:00 UTC in summer time, 07:00 after 25 October. */
const berlin8 = (date: string): Date => {
  const utc = new Date(`${date}T06:00:00Z`);
  return date >= '2026-10-25' ? new Date(utc.getTime() + 3_600_000) : utc;
};
const dates = (from: string, n: number): string[] =>
  Array.from({ length: n }, (_, i) => new Date(Date.parse(`${from}T00:00:00Z`) + i * DAY).toISOString().slice(0, 10));

interface ReportFinding {
  kind: string;
  environment?: string;
  key?: string;
  status?: string;
  expiresSoon?: boolean;
}
/** The run's audit document, as notify-run reads it. */
function report(at: Date): { findings: ReportFinding[]; suppressed: ReportFinding[] } {
  const runId = `exec-${at.toISOString().replace(/[:.]/g, '-')}`;
  return JSON.parse(objects.get(`runs/${runId}/reports/shop.json`)!.at(-1)!.toString('utf8'));
}

const KEYS = ['api.timeout', 'log.level', 'pool.size', 'queue.size'];
/** `kind scope key` of each finding a digest section lists. */
function listed(p: Payload, title: string): string[] {
  return [...section(p, title).matchAll(/· ([a-z-]+) · \*([^*]+)\*(.*)$/gm)]
    .map(([, kind, scope, rest]) => `${kind} ${scope} ${KEYS.find((k) => rest!.includes(k)) ?? ''}`.trim())
    .sort();
}

interface Nightly {
  date: string;
  sns: SnsEvent[];
  digests: Payload[];
  immediate: Payload[];
  report: { findings: ReportFinding[]; suppressed: ReportFinding[] };
}

/** The estate on each night of the month. */
function estateOn(date: string, at: Date): void {
  const write = (name: string, value: string): void => setParameter(name, value, new Date(at.getTime() - 3_600_000));
  write('/staging/shop/api/timeout', '30s');
  write('/staging/shop/log/level', 'INFO');
  write('/staging/shop/pool/size', '20');
  // Drifted from the first night; fixed on 1 November.
  write('/staging/queue/queue/size', date >= '2026-11-01' ? '10' : '5');
  // Drifted on the second night, by someone not among the deployers, and left so.
  write('/production/shop/api/timeout', date >= '2026-10-11' ? '60s' : '30s');
  // Excused until 20 October; fixed on 26 October.
  write('/production/shop/log/level', date >= '2026-10-26' ? 'INFO' : 'DEBUG');
  // Drifted, fixed on 14 October, drifted again a week later.
  write('/production/shop/pool/size', date >= '2026-10-14' && date < '2026-10-21' ? '20' : '25');
  // The queue path cannot be read for three nights.
  if (date >= '2026-10-27' && date <= '2026-10-29') failingPaths.add('/staging/queue/');
  else failingPaths.delete('/staging/queue/');
  // The audit stage dies once on these nights, after writing a finding's state and before logging its event.
  failAtEvent = date === '2026-10-21' ? 'opened' : date === '2026-11-01' ? 'resolved' : undefined;
}

const summary = (e: SnsEvent): string => `${e.event} ${e.kind} ${e.environment ?? ''} ${e.key ?? ''}`.replace(/ +/g, ' ').trim();
const month = dates('2026-10-10', 31);
const log: Nightly[] = [];
const on = (date: string): Nightly => log.find((l) => l.date === date)!;

describe('a month of nightly runs (10 October to 9 November, Europe/Berlin, across the end of summer time)', () => {
  beforeAll(async () => {
    for (const date of month) {
      const at = berlin8(date);
      estateOn(date, at);
      const n = await night(at);
      log.push({ date, sns: n.sns, digests: n.slack.filter(isDigest), immediate: n.slack.filter((p) => !isDigest(p)), report: report(at) });
    }
  }, 60_000);

  test('SNS: one message per lifecycle step, on the night it happened, none repeated', () => {
    const timeline = Object.fromEntries(log.filter((l) => l.sns.length).map((l) => [l.date, l.sns.map(summary).sort()]));
    expect(timeline).toEqual({
      '2026-10-10': ['opened mismatch production pool.size', 'opened mismatch staging queue.size'],
      '2026-10-11': ['opened mismatch production api.timeout'],
      '2026-10-14': ['resolved mismatch production pool.size'],
      '2026-10-21': ['opened exception-expired production log.level', 'opened mismatch production pool.size'],
      '2026-10-26': ['resolved exception-expired production log.level'],
      '2026-10-27': ['opened source-error staging'],
      '2026-10-30': ['resolved source-error staging'],
      '2026-11-01': ['resolved mismatch staging queue.size'],
    });
    const all = log.flatMap((l) => l.sns);
    expect(new Set(all.map((e) => e.eventId)).size).toBe(all.length);
    // The audit stage did die on both nights, and its retry logged each event once.
    expect(failures).toBe(2);
  });

  test('a drift left for 30 nights: one ticket, new in one digest, open in every later one, one immediate message', () => {
    const isIt = (f: ReportFinding): boolean => f.kind === 'mismatch' && f.environment === 'production' && f.key === 'api.timeout';
    const statuses = log.slice(1).map((l) => l.report.findings.find(isIt)?.status);
    expect(statuses).toEqual(['new', ...Array(29).fill('open')]);
    expect(log.filter((l) => listed(l.digests[0]!, 'New').includes('mismatch production api.timeout')).map((l) => l.date)).toEqual([
      '2026-10-11',
    ]);
    const immediate = log.flatMap((l) => l.immediate.map((p) => ({ date: l.date, text: p.text })));
    expect(immediate.filter((m) => m.text.includes('api.timeout')).map((m) => m.date)).toEqual(['2026-10-11']);
  });

  test('an exception expiring on 20 October: suppressed through that day (UTC), flagged its last 7 days, then one exception-expired', () => {
    const suppressed = log.map((l) => l.report.suppressed.find((f) => f.key === 'log.level'));
    expect(log.filter((_, i) => suppressed[i]).map((l) => l.date)).toEqual(dates('2026-10-10', 11));
    expect(log.filter((_, i) => suppressed[i]?.expiresSoon).map((l) => l.date)).toEqual(dates('2026-10-13', 8));
    const warned = log.filter((l) => section(l.digests[0]!, 'Exceptions expiring').includes('log.level')).map((l) => l.date);
    expect(warned).toEqual(dates('2026-10-13', 8));
    const expired = log.map((l) => l.report.findings.find((f) => f.kind === 'exception-expired')?.status);
    expect(expired.slice(11, 16)).toEqual(['new', 'open', 'open', 'open', 'open']);
    expect(expired.slice(16).every((s) => s === undefined)).toBe(true);
    // Never reported as a mismatch of its own: the expired exception's finding carries it.
    expect(log.every((l) => !l.report.findings.some((f) => f.kind === 'mismatch' && f.key === 'log.level'))).toBe(true);
    expect(on('2026-10-26').sns.map((e) => e.reason)).toEqual(['value fixed']);
    // The engineer whose exception expired is told the same two ways out as the mismatch it carries.
    const digestNew = section(on('2026-10-21').digests[0]!, 'New');
    expect(digestNew).toContain('drift adopt production log.level');
    expect(digestNew).toContain('drift revert production log.level');
    expect(on('2026-10-21').sns.find((e) => e.kind === 'exception-expired')?.actions).toEqual({
      adopt: ['drift adopt production log.level'],
      revert: ['drift revert production log.level'],
    });
  });

  test('a drift fixed, then back a week later: resolved once, then a second episode of its own', () => {
    const pool = log.flatMap((l) => l.sns.filter((e) => e.key === 'pool.size').map((e) => [l.date, e.event, e.episode, e.reason ?? '']));
    expect(pool).toEqual([
      ['2026-10-10', 'opened', 1, ''],
      ['2026-10-14', 'resolved', 1, 'value fixed'],
      ['2026-10-21', 'opened', 2, ''],
    ]);
    expect(listed(on('2026-10-21').digests[0]!, 'New')).toContain('mismatch production pool.size');
    expect(listed(on('2026-10-14').digests[0]!, 'Resolved')).toEqual(['mismatch production pool.size']);
  });

  test('a source failing three nights: one source-error opened and resolved; its keys carried, not resolved nor new again', () => {
    const queue = log.map((l) => l.report.findings.find((f) => f.key === 'queue.size')?.status);
    expect(queue.slice(0, 22)).toEqual(['new', ...Array(21).fill('open')]);
    expect(queue.slice(22)).toEqual(Array(9).fill(undefined));
    expect(on('2026-10-30').sns.map((e) => e.reason)).toEqual(['source readable again']);
    for (const date of ['2026-10-27', '2026-10-28', '2026-10-29', '2026-10-30', '2026-10-31'])
      expect(listed(on(date).digests[0]!, 'New').filter((s) => s.includes('queue.size'))).toEqual([]);
  });

  test('one digest per Berlin day, across the clock going back on 25 October', () => {
    expect(log.map((l) => l.digests.length)).toEqual(month.map(() => 1));
    expect(log.map((l) => l.digests[0]!.blocks[0]!.text!.text)).toEqual(month.map((d) => `drift · shop · ${d}`));
    // What each digest lists as new is what SNS opened that night.
    for (const l of log)
      expect(listed(l.digests[0]!, 'New')).toEqual(
        l.sns
          .filter((e) => e.event === 'opened')
          .map(summary)
          .map((s) => s.replace(/^opened /, ''))
          .sort(),
      );
  });
});
