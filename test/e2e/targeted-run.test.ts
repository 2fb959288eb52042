import '../helpers/powertools-env';
import { S3Client } from '@aws-sdk/client-s3';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { DescribeParametersCommand, GetParametersCommand, SSMClient, type Parameter } from '@aws-sdk/client-ssm';
import type { Context } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { handler as auditRunHandler } from '../../lambdas/handlers/audit-run';
import { handler as planRunHandler } from '../../lambdas/handlers/plan-run';
import { handler as snapshotTargetHandler } from '../../lambdas/handlers/snapshot-target';
import type { AuditRunOutput, TargetOutcome } from '../../lambdas/use-cases/audit-run';
import type { PlanRunOutput } from '../../lambdas/use-cases/plan-run';
import { targetedRunInput } from '../../lambdas/core/events/targeted-run';
import { store } from '../../lambdas/wiring/lambda-base';
import { serveMemoryBucket } from '../helpers/memory-bucket';
import { useDynalite, type TestTable } from '../helpers/dynalite';

const BUCKET = 'drift-installation';
const FINGERPRINT_SECRET = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:drift/fingerprint-AbCdEf';
const CANARY = 'CANARY-ssm-db-pa55';

// ---- S3: an in-memory versioned bucket behind the mock ---------------------------------------------

const objects = new Map<string, Buffer[]>();
const s3 = mockClient(S3Client);
const serveS3 = (): void => serveMemoryBucket(s3, objects);

// ---- SSM: two environments' parameters, each call counted by the environment it reads -------------

const ssm = mockClient(SSMClient);
const secrets = mockClient(SecretsManagerClient);
const parameters = new Map<string, Parameter>();
function setParameter(name: string, value: string, version = 1, type: Parameter['Type'] = 'String'): void {
  parameters.set(name, { Name: name, Value: value, Type: type, Version: version, LastModifiedDate: new Date('2026-11-01T00:00:00Z') });
}
function serveAws(): void {
  ssm.on(DescribeParametersCommand).callsFake((input: { ParameterFilters?: Array<{ Values?: string[] }> }) => {
    const path = input.ParameterFilters?.[0]?.Values?.[0] ?? '';
    return { Parameters: [...parameters.values()].filter((p) => p.Name!.startsWith(path)).map(({ Value: _v, ...m }) => m) };
  });
  ssm.on(GetParametersCommand).callsFake((input: { Names: string[] }) => ({
    Parameters: input.Names.map((n) => parameters.get(n)).filter(Boolean),
    InvalidParameters: [],
  }));
  secrets.on(GetSecretValueCommand, { SecretId: FINGERPRINT_SECRET }).resolves({ SecretString: Buffer.alloc(32, 7).toString('base64') });
}

/** SSM calls so far, by the environment whose path they read (`/staging/…`, `/production/…`). */
function ssmCallsByEnvironment(): Record<string, number> {
  const out: Record<string, number> = {};
  const note = (name: string | undefined): void => {
    const env = name?.split('/')[1] ?? '?';
    out[env] = (out[env] ?? 0) + 1;
  };
  for (const c of ssm.commandCalls(DescribeParametersCommand)) note(c.args[0].input.ParameterFilters?.[0]?.Values?.[0]);
  for (const c of ssm.commandCalls(GetParametersCommand)) note(c.args[0].input.Names?.[0]);
  return out;
}

// ---- the estate: two environments in two accounts, a parity group over both ------------------------

const SHOP = `version: 1
name: shop
environments:
  staging:
    account: "111111111111"
    region: us-east-1
    sources:
      - ssm: { path: /staging/shop/ }
  production:
    account: "222222222222"
    region: eu-west-1
    sources:
      - ssm: { path: /production/shop/ }
parity:
  - { name: staging-vs-production, environments: [staging, production] }
baseline:
  undeclared: ignore
  keys:
    api.timeout: { type: duration, value: 30s }
    log.level: { enum: [DEBUG, INFO, WARN, ERROR], value: INFO }
    pool.size: { type: int }
    db.password: { secret: true, per-environment: true }
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
let table: TestTable | undefined;

beforeAll(async () => {
  for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) jest.spyOn(console, level).mockImplementation(() => undefined);
  table = await db.freshTable();
  Object.assign(process.env, {
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'dummy-secret-access-key',
    AWS_ENDPOINT_URL_DYNAMODB: db.endpoint,
    DRIFT_TABLE: table!.table,
    DRIFT_BUCKET: BUCKET,
    DRIFT_TOPIC_ARN: 'arn:aws:sns:us-east-1:123456789012:drift-events',
    DRIFT_FINGERPRINT_SECRET_ARN: FINGERPRINT_SECRET,
  });
  serveS3();
  serveAws();
  objects.set('estates/shop/drift.yaml', [Buffer.from(SHOP)]);
  setParameter('/staging/shop/api/timeout', '30s');
  setParameter('/staging/shop/log/level', 'INFO');
  setParameter('/staging/shop/pool/size', '10');
  setParameter('/staging/shop/db/password', CANARY, 1, 'SecureString');
  setParameter('/production/shop/api/timeout', '60s', 4);
  setParameter('/production/shop/log/level', 'DEBUG', 2);
  setParameter('/production/shop/pool/size', '10');
  setParameter('/production/shop/db/password', `${CANARY}-prod`, 1, 'SecureString');
});

afterAll(() => jest.restoreAllMocks());

/** One execution, stage by stage as the state machine runs it; `execution` is its input (`{}`: scheduled). */
async function execution(runId: string, input: object): Promise<{ plan: PlanRunOutput; audit: AuditRunOutput }> {
  ssm.resetHistory();
  const plan: PlanRunOutput = await planRunHandler({ runId, execution: input }, context('plan'));
  const outcomes: TargetOutcome[] = [];
  for (const target of plan.targets)
    outcomes.push(await snapshotTargetHandler({ runId: plan.runId, estates: plan.estates, target }, context('snapshot')));
  const audit: AuditRunOutput = await auditRunHandler({ runId: plan.runId, estates: plan.estates, snapshots: outcomes }, context('audit'));
  return { plan, audit };
}
const targeted = (environments: string[]): object =>
  targetedRunInput({ estate: 'shop', environments, parameters: [], changes: environments.length });

interface ReportFinding {
  id: string;
  kind: string;
  environment?: string;
  group?: string;
  key?: string;
  status?: string;
  message: string;
}
const report = (runId: string): { findings: ReportFinding[]; resolved: ReportFinding[] } =>
  JSON.parse(objects.get(`runs/${runId}/reports/shop.json`)!.at(-1)!.toString('utf8'));
/** What a finding says, without its lifecycle status. */
const said = (f: ReportFinding): string => `${f.id} ${f.kind} ${f.environment ?? f.group ?? ''} ${f.message}`;
const inProduction = (r: { findings: ReportFinding[] }): string[] => r.findings.filter((f) => f.environment === 'production').map(said);

let nightly: { findings: ReportFinding[]; resolved: ReportFinding[] };

describe('a targeted run reads only the environments it names and carries the others from the store', () => {
  test('first-ever run, targeted: staging is read; production, never stored, is a source error that says why', async () => {
    const { plan } = await execution('run-1-targeted', targeted(['staging']));
    expect(plan.estates).toEqual([expect.objectContaining({ key: 'estates/shop/drift.yaml', environments: ['staging'] })]);
    expect(plan.targets).toEqual([{ account: '111111111111', region: 'us-east-1' }]);
    expect(ssmCallsByEnvironment()).toEqual({ staging: 2 });
    const errors = report('run-1-targeted').findings.filter((f) => f.kind === 'source-error');
    expect(errors.map((f) => [f.environment, f.message])).toEqual([
      [
        'production',
        expect.stringContaining(
          'production was not read by this targeted run, and not every source of it has a stored snapshot yet: the next full run reads it',
        ),
      ],
    ]);
  });

  test('the nightly run reads both environments (and resolves the first run’s source error)', async () => {
    const { plan, audit } = await execution('run-2-nightly', {});
    expect(plan.estates).toEqual([{ key: 'estates/shop/drift.yaml', versionId: 'v1' }]);
    expect(plan.targets).toHaveLength(2);
    expect(ssmCallsByEnvironment()).toEqual({ staging: 1, production: 2 });
    nightly = report('run-2-nightly');
    expect(nightly.resolved.map((f) => `${f.kind} ${f.environment}`)).toEqual(['source-error production']);
    expect(inProduction(nightly)).toEqual([
      expect.stringMatching(/ mismatch production api\.timeout/),
      expect.stringMatching(/ mismatch production log\.level/),
    ]);
    expect(audit.audited[0]!.resolved).toBe(1);
  });

  test('a change in staging, targeted: only staging is read; production’s findings are the nightly’s, with no changed or resolved noise', async () => {
    setParameter('/staging/shop/pool/size', '20', 2);
    const { plan, audit } = await execution('run-3-targeted', targeted(['staging']));
    expect(plan.targets).toEqual([{ account: '111111111111', region: 'us-east-1' }]);
    expect(ssmCallsByEnvironment()).toEqual({ staging: 2 });

    const r = report('run-3-targeted');
    expect(inProduction(r)).toEqual(inProduction(nightly));
    expect(r.findings.filter((f) => f.environment === 'production').every((f) => f.status === 'open')).toBe(true);
    expect(r.resolved).toEqual([]);
    expect(r.findings.filter((f) => f.kind === 'changed').map((f) => `${f.environment} ${f.key}`)).toEqual(['staging pool.size']);
    // The parity group is judged with production's stored values: staging read now, production carried.
    expect(r.findings).toContainEqual(
      expect.objectContaining({ kind: 'parity', group: 'staging-vs-production', key: 'pool.size', status: 'new' }),
    );
    expect(audit.audited[0]).toMatchObject({ opened: 1, resolved: 0 });
    const events = await store().listEvents('shop');
    expect(
      events.filter((e) => e.runId === 'run-3-targeted').map((e) => `${e.event} ${e.finding.kind} ${e.finding.environment ?? ''}`),
    ).toEqual(expect.arrayContaining(['opened parity ', 'changed changed staging']));
    expect(events.filter((e) => e.runId === 'run-3-targeted' && e.finding.environment === 'production')).toEqual([]);
  });

  test('a targeted run can resolve a group finding: the carried environment counts as read', async () => {
    setParameter('/staging/shop/pool/size', '10', 3);
    await execution('run-4-targeted', targeted(['staging']));
    expect(ssmCallsByEnvironment()).toEqual({ staging: 2 });
    const r = report('run-4-targeted');
    expect(r.resolved.map((f) => `${f.kind} ${f.group ?? f.environment} ${f.key}`)).toEqual(['parity staging-vs-production pool.size']);
    expect(inProduction(r)).toEqual(inProduction(nightly));
  });

  test('the store and the reports hold fingerprints only', async () => {
    const reports = [...objects.entries()].filter(([k]) => k.endsWith('.json')).map(([, v]) => v.join(''));
    const items = JSON.stringify(await table!.scan());
    expect(items).toContain('pool.size');
    expect([...reports, items].join('\n')).not.toContain(CANARY);
  });
});
