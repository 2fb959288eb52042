import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { DescribeParametersCommand, GetParametersCommand, SSMClient, type Parameter } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { RateLimiter } from '../../../../lambdas/adapters/live/rate-limiter';
import { SsmCollector } from '../../../../lambdas/adapters/live/ssm/ssm-collector';
import { makeFingerprinter } from '../../../../lambdas/core/fingerprint';
import { ssmObservations, ssmParametersFromExport } from '../../../../lambdas/core/sources/ssm';
import { testContext, testLabel } from '../../../helpers/context';

const CANARY = 'CANARY-s3cr3t-7f1e';
const PATH = '/production-us/checkout/';
const client = new SSMClient({
  region: 'us-east-1',
  credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
  maxAttempts: 3,
  retryStrategy: undefined,
});
const mock = mockClient(client);
const noLimit = <T>(_f: string, call: () => Promise<T>) => call();
const ctx = () => testContext(testLabel('ssm'));

/** Parameters as the SDK returns them: Dates, not strings. */
function params(n: number, version = 1): Parameter[] {
  return Array.from({ length: n }, (_, i) => ({
    Name: `${PATH}setting_${String(i).padStart(3, '0')}`,
    Type: i === 0 ? 'SecureString' : 'String',
    Value: i === 0 ? CANARY : `${i}s`,
    Version: version,
    LastModifiedDate: new Date('2026-11-01T00:00:00Z'),
    ARN: `arn:aws:ssm:us-east-1:222222222222:parameter${PATH}setting_${i}`,
    DataType: 'text',
  }));
}

/** DescribeParameters in pages of `size`, with an empty page in the middle that still carries a token. */
function serveMetadata(all: Parameter[], size = 50) {
  const pages: Array<{ Parameters: object[]; NextToken?: string }> = [];
  for (let i = 0; i < all.length; i += size)
    pages.push({
      Parameters: all.slice(i, i + size).map(({ Value: _v, ...m }) => ({ ...m, LastModifiedUser: 'arn:aws:iam::222222222222:user/alice' })),
    });
  pages.splice(1, 0, { Parameters: [] });
  pages.forEach((p, i) => (p.NextToken = i < pages.length - 1 ? `t${i + 1}` : undefined));
  mock
    .on(DescribeParametersCommand)
    .callsFake((input: { NextToken?: string }) => pages[input.NextToken ? Number(input.NextToken.slice(1)) : 0]);
}

function serveValues(all: Parameter[]) {
  const byName = new Map(all.map((p) => [p.Name, p]));
  mock.on(GetParametersCommand).callsFake((input: { Names: string[] }) => ({
    Parameters: input.Names.map((n) => byName.get(n)).filter(Boolean),
    InvalidParameters: [],
  }));
}

beforeEach(() => mock.reset());

describe('live SSM collector', () => {
  test('pages through metadata (empty pages included) and reads every value on a first run', async () => {
    const all = params(120);
    serveMetadata(all);
    serveValues(all);
    const r = await new SsmCollector({ ssm: client, limit: noLimit, now: () => new Date('2026-11-24T02:00:00Z') }).collect(
      PATH,
      ctx(),
      async () => undefined,
    );
    expect(r.errors).toEqual([]);
    expect(r.observedAt).toBe('2026-11-24T02:00:00.000Z');
    expect(r.observations).toHaveLength(120);
    expect(r.calls).toEqual({ DescribeParameters: 4, GetParameters: 12 });
    const o = r.observations.find((x) => x.key === 'setting.001')!;
    expect(o).toMatchObject({
      value: { kind: 'text', text: '1s' },
      origin: {
        location: `${PATH}setting_001`,
        version: 1,
        modifiedAt: '2026-11-01T00:00:00.000Z',
        modifiedBy: 'arn:aws:iam::222222222222:user/alice',
      },
    });
    expect(r.observations[0]!.value.kind).toBe('secret');
    expect(JSON.stringify(r)).not.toContain(CANARY);
  });

  test('a steady-state run reads no values; a changed version reads only its batch; a rotated key reads the secrets again', async () => {
    const all = params(120);
    serveMetadata(all);
    serveValues(all);
    const collector = new SsmCollector({ ssm: client, limit: noLimit });
    const first = await collector.collect(PATH, ctx(), async () => undefined);
    const steady = await collector.collect(PATH, ctx(), async () => first.observations);
    expect(steady.calls).toEqual({ DescribeParameters: 4, GetParameters: 0 });
    expect(steady.observations.map((o) => [o.key, o.value])).toEqual(first.observations.map((o) => [o.key, o.value]));
    expect(steady.calls.DescribeParameters! + steady.calls.GetParameters!).toBeLessThanOrEqual(
      (first.calls.DescribeParameters! + first.calls.GetParameters!) / 4,
    );

    const moved = params(120);
    moved[7] = { ...moved[7]!, Value: '99s', Version: 2 };
    serveMetadata(moved);
    serveValues(moved);
    const changed = await collector.collect(PATH, ctx(), async () => first.observations);
    expect(changed.calls.GetParameters).toBe(1);
    expect(changed.observations.find((o) => o.key === 'setting.007')!.value).toEqual({ kind: 'text', text: '99s' });

    const rotated = { ...ctx(), fp: makeFingerprinter(Buffer.alloc(32, 8)) };
    const afterRotation = await collector.collect(PATH, rotated, async () => first.observations);
    expect(afterRotation.calls.GetParameters).toBe(1);
    expect(afterRotation.observations[0]!.value).toMatchObject({ kind: 'secret', keyId: rotated.fp.keyId });
  });

  test('a SecureString says so in its origin, read or reused, so a revert keeps its type (a snapshot stored before origins said so learns it)', async () => {
    const all = params(3);
    serveMetadata(all);
    serveValues(all);
    const collector = new SsmCollector({ ssm: client, limit: noLimit });
    const first = await collector.collect(PATH, ctx(), async () => undefined);
    const secure = (os: typeof first.observations) => os.map((o) => o.origin.secureString === true);
    expect(secure(first.observations)).toEqual([true, false, false]);
    const older = first.observations.map((o) => {
      const { secureString: _gone, ...origin } = o.origin;
      return { ...JSON.parse(JSON.stringify(o)), origin: { ...origin } };
    });
    const steady = await collector.collect(PATH, ctx(), async () => older);
    expect(steady.calls.GetParameters).toBe(0);
    expect(secure(steady.observations)).toEqual([true, false, false]);
  });

  test('throttling then success: the rate limiter backs off, retries and the run goes on', async () => {
    const all = params(5);
    const throttle = Object.assign(new Error('Rate exceeded'), {
      name: 'ThrottlingException',
      $fault: 'client',
      $metadata: { httpStatusCode: 400 },
    });
    mock
      .on(DescribeParametersCommand)
      .rejectsOnce(throttle)
      .resolves({ Parameters: all.map(({ Value: _v, ...m }) => m) });
    serveValues(all);
    const limiter = new RateLimiter(undefined, { now: () => 0, sleep: async () => undefined });
    const r = await new SsmCollector({ ssm: client, limit: limiter.limit }).collect(PATH, ctx(), async () => undefined);
    expect(r.errors).toEqual([]);
    expect(r.observations).toHaveLength(5);
    expect(limiter.stats().ssm).toMatchObject({ throttled: 1, calls: 3 });
  });

  test('access denied becomes an error line naming the path, never a throw', async () => {
    const denied = Object.assign(new Error('User: arn:aws:sts::1:assumed-role/x is not authorized to perform: ssm:DescribeParameters'), {
      name: 'AccessDeniedException',
      $fault: 'client',
      $metadata: { httpStatusCode: 400 },
    });
    mock.on(DescribeParametersCommand).rejects(denied);
    const r = await new SsmCollector({ ssm: client, limit: noLimit }).collect(PATH, ctx(), async () => undefined);
    expect(r.observations).toEqual([]);
    expect(r.errors).toEqual([`ssm DescribeParameters on ${PATH}: AccessDeniedException (not authorised: check the read role)`]);
  });

  test('a DescribeParameters that gives its page token again is an error line, not a loop until the deadline', async () => {
    mock.on(DescribeParametersCommand).resolves({ Parameters: [{ Name: `${PATH}a`, Type: 'String', Version: 1 }], NextToken: 'again' });
    const r = await new SsmCollector({ ssm: client, limit: noLimit }).collect(PATH, ctx(), async () => undefined);
    expect(mock.commandCalls(DescribeParametersCommand)).toHaveLength(2);
    expect(r.observations).toEqual([]);
    expect(r.errors).toEqual([`ssm DescribeParameters on ${PATH}: the service gave the same page token twice`]);
  });

  test('reads every good parameter of a page with malformed ones, each an error naming it (by place without a name), no value', async () => {
    const all = params(12);
    // Metadata of a parameter without its name too: it cannot be asked for.
    serveMetadata([...all, { Type: 'String', Version: 1 }]);
    const malformed: Record<number, object> = {
      3: { Name: undefined },
      5: { Type: 'FutureSecureString' },
      7: { Value: { nested: CANARY } },
      9: { LastModifiedDate: new Date('not a date') },
    };
    // The response's parameters by their place (one lacks its Name), each malformed one holding the canary.
    mock.on(GetParametersCommand).callsFake((input: { Names: string[] }) => ({
      Parameters: input.Names.map((n) => all.findIndex((p) => p.Name === n)).map((i) =>
        malformed[i] ? { ...all[i], Value: CANARY, ...malformed[i] } : all[i],
      ),
    }));
    const r = await new SsmCollector({ ssm: client, limit: noLimit }).collect(PATH, ctx(), async () => undefined);
    expect(r.observations.map((o) => o.key)).toEqual([
      'setting.000',
      'setting.001',
      'setting.002',
      'setting.004',
      'setting.006',
      'setting.008',
      'setting.010',
      'setting.011',
    ]);
    const at = `ssm GetParameters under ${PATH}: Parameters`;
    expect(r.errors).toEqual([
      `ssm DescribeParameters under ${PATH}: Parameters[12]: Name must be a non-empty string`,
      `${at}[3]: Name must be a non-empty string`,
      `${at}[5] ${PATH}setting_005: Type must be one of String, StringList, SecureString`,
      `${at}[7] ${PATH}setting_007: Value must be a string`,
      `${at}[9] ${PATH}setting_009: LastModifiedDate is not a date`,
    ]);
    expect(r.errors.join()).not.toContain(CANARY);
  });

  test('a live snapshot and the recorded snapshot of the same parameters have the same keys and values', async () => {
    const file = path.resolve(__dirname, '../../../../examples/exports/production-us-ssm.json');
    const recordedParams = ssmParametersFromExport(JSON.parse(readFileSync(file, 'utf8')), []);
    const sdk: Parameter[] = recordedParams.map((p) => ({
      ...p,
      LastModifiedDate: p.LastModifiedDate ? new Date(p.LastModifiedDate as string) : undefined,
    }));
    serveMetadata(sdk);
    serveValues(sdk);
    const live = await new SsmCollector({ ssm: client, limit: noLimit }).collect(PATH, ctx(), async () => undefined);
    const recorded = ssmObservations(recordedParams, PATH, ctx());
    const view = (os: typeof live.observations) => os.map((o) => [o.key, o.value]).sort();
    expect(view(live.observations)).toEqual(view(recorded.observations));
  });
});
