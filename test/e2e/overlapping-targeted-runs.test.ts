import '../helpers/powertools-env';
import { S3Client } from '@aws-sdk/client-s3';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { DescribeParametersCommand, GetParametersCommand, SSMClient, type Parameter } from '@aws-sdk/client-ssm';
import type { Context } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { handler as auditRunHandler } from '../../lambdas/handlers/audit-run';
import { handler as planRunHandler } from '../../lambdas/handlers/plan-run';
import { handler as snapshotTargetHandler } from '../../lambdas/handlers/snapshot-target';
import type { TargetOutcome } from '../../lambdas/use-cases/audit-run';
import type { PlanRunOutput } from '../../lambdas/use-cases/plan-run';
import { targetedRunInput } from '../../lambdas/core/events/targeted-run';
import { store } from '../../lambdas/wiring/lambda-base';
import { serveMemoryBucket } from '../helpers/memory-bucket';
import { useDynalite } from '../helpers/dynalite';

const BUCKET = 'drift-installation';
const FINGERPRINT_SECRET = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:drift/fingerprint-AbCdEf';
const objects = new Map<string, Buffer[]>();
const s3 = mockClient(S3Client);
const ssm = mockClient(SSMClient);
const secrets = mockClient(SecretsManagerClient);
const parameters = new Map<string, Parameter>();
let tick = 0;
function setParameter(name: string, value: string, version = 1): void {
  parameters.set(name, {
    Name: name,
    Value: value,
    Type: 'String',
    Version: version,
    LastModifiedDate: new Date(Date.UTC(2026, 10, 1) + ++tick * 1000),
  });
}
const estateText = (name: string): string => `version: 1
name: ${name}
environments:
  production:
    account: "222222222222"
    region: eu-west-1
    sources:
      - ssm: { path: /${name}/ }
baseline:
  undeclared: ignore
  keys:
    a: { type: int, value: 1 }
    b: { type: int, value: 1 }
`;
const ORDERS = ['a-then-b', 'b-then-a', 'at-once'] as const;
// A parameter changed, then deleted: the run of the deletion audits before the run of the change.
const DELETED_AFTER = ['created-then-deleted', 'updated-then-deleted', 'deleted-before-the-nightly'] as const;
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
    DRIFT_BUCKET: BUCKET,
    DRIFT_TOPIC_ARN: 'arn:aws:sns:us-east-1:123456789012:drift-events',
    DRIFT_FINGERPRINT_SECRET_ARN: FINGERPRINT_SECRET,
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
  secrets.on(GetSecretValueCommand, { SecretId: FINGERPRINT_SECRET }).resolves({ SecretString: Buffer.alloc(32, 7).toString('base64') });
  for (const name of [...ORDERS, ...DELETED_AFTER]) {
    objects.set(`estates/${name}/drift.yaml`, [Buffer.from(estateText(name))]);
    setParameter(`/${name}/a`, '1');
    setParameter(`/${name}/b`, '1');
  }
});
afterAll(() => jest.restoreAllMocks());

async function plan(runId: string, input: object): Promise<PlanRunOutput> {
  return planRunHandler({ runId, execution: input }, context('plan'));
}
async function snap(p: PlanRunOutput): Promise<TargetOutcome[]> {
  const out: TargetOutcome[] = [];
  for (const target of p.targets)
    out.push(await snapshotTargetHandler({ runId: p.runId, estates: p.estates, target }, context('snapshot')));
  return out;
}
async function audit(p: PlanRunOutput, o: TargetOutcome[]) {
  return auditRunHandler({ runId: p.runId, estates: p.estates, snapshots: o }, context('audit'));
}
const targeted = (estate: string, names: string[]): object =>
  targetedRunInput({ estate, environments: ['production'], parameters: names, changes: names.length });
const said = async (estate: string): Promise<string[]> =>
  (await store().listEvents(estate)).map((e) => `${e.event} ${e.finding.kind} ${e.finding.key}`).sort();

describe('two targeted runs of one burst overlap (the buffer closed two batches): neither takes back what the other read', () => {
  test('the first nightly run stores every estate', async () => {
    const p0 = await plan('run-0-nightly', {});
    await audit(p0, await snap(p0));
    for (const name of [...ORDERS, ...DELETED_AFTER]) expect(await said(name)).toEqual([]);
  });

  test.each(ORDERS)(
    'both snapshot before either audits; audited %s: each change opened once, nothing resolved, the nightly run adds nothing',
    async (order) => {
      setParameter(`/${order}/a`, '2', 2);
      setParameter(`/${order}/b`, '2', 2);
      const pa = await plan(`run-${order}-a`, targeted(order, [`/${order}/a`]));
      const pb = await plan(`run-${order}-b`, targeted(order, [`/${order}/b`]));
      const oa = await snap(pa);
      const ob = await snap(pb);
      if (order === 'a-then-b') {
        await audit(pa, oa);
        await audit(pb, ob);
      } else if (order === 'b-then-a') {
        await audit(pb, ob);
        await audit(pa, oa);
      } else await Promise.all([audit(pa, oa), audit(pb, ob)]);
      const expected = ['changed changed a', 'changed changed b', 'opened mismatch a', 'opened mismatch b'];
      expect(await said(order)).toEqual(expected);

      const night = await plan(`run-${order}-nightly`, {});
      await audit(night, await snap(night));
      expect(await said(order)).toEqual(expected);
    },
  );
});

describe('a parameter changed then deleted, the deletion audited first (events out of order): it stays deleted', () => {
  // What was logged about `c` since the run that first stored it.
  const messages = async (estate: string): Promise<string[]> =>
    (await store().listEvents(estate))
      .filter((e) => e.finding.key === 'c' && !e.runId.endsWith('-before'))
      .map((e) => e.finding.message)
      .sort();
  const nightly = async (runId: string): Promise<void> => {
    const p = await plan(runId, {});
    await audit(p, await snap(p));
  };

  test('created then deleted, two targeted runs: nothing appears, and the nightly run finds nothing to take back', async () => {
    const estate = 'created-then-deleted';
    setParameter(`/${estate}/c`, '5');
    const created = await plan(`run-${estate}-create`, targeted(estate, [`/${estate}/c`]));
    const sawCreated = await snap(created);
    parameters.delete(`/${estate}/c`);
    const deleted = await plan(`run-${estate}-delete`, targeted(estate, [`/${estate}/c`]));
    await audit(deleted, await snap(deleted));
    await audit(created, sawCreated);
    expect(await messages(estate)).toEqual([]);
    await nightly(`run-${estate}-nightly`);
    expect(await messages(estate)).toEqual([]);
  });

  /** `c`, 1 in the store after a nightly run, updated to 2 and read by a targeted run not yet audited, then deleted. */
  async function updatedReadThenDeleted(estate: string) {
    setParameter(`/${estate}/c`, '1');
    await nightly(`run-${estate}-before`);
    setParameter(`/${estate}/c`, '2', 2);
    const updated = await plan(`run-${estate}-update`, targeted(estate, [`/${estate}/c`]));
    const sawUpdated = await snap(updated);
    parameters.delete(`/${estate}/c`);
    return { updated, sawUpdated };
  }

  test('updated then deleted, two targeted runs: removed once, not put back', async () => {
    const estate = 'updated-then-deleted';
    const { updated, sawUpdated } = await updatedReadThenDeleted(estate);
    const deleted = await plan(`run-${estate}-delete`, targeted(estate, [`/${estate}/c`]));
    await audit(deleted, await snap(deleted));
    await audit(updated, sawUpdated);
    const removed = ['c was removed from production (was 1)'];
    expect(await messages(estate)).toEqual(removed);
    await nightly(`run-${estate}-nightly`);
    expect(await messages(estate)).toEqual(removed);
  });

  test('updated, then deleted before the nightly run that the targeted run audits after: removed once, not put back', async () => {
    const estate = 'deleted-before-the-nightly';
    const { updated, sawUpdated } = await updatedReadThenDeleted(estate);
    await nightly(`run-${estate}-nightly`);
    await audit(updated, sawUpdated);
    const removed = ['c was removed from production (was 1)'];
    expect(await messages(estate)).toEqual(removed);
    await nightly(`run-${estate}-next-nightly`);
    expect(await messages(estate)).toEqual(removed);
  });
});
