import { DescribeParametersCommand, GetParametersCommand, SSMClient, type Parameter } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { SsmCollector } from '../../../../lambdas/adapters/live/ssm/ssm-collector';
import { testContext, testLabel } from '../../../helpers/context';

const PATH = '/production-us/checkout/';
const DENIED = `${PATH}admin/break_glass_url`;
const CANARY = 'CANARY-ssm-denied-5b2c';
const client = new SSMClient({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' }, maxAttempts: 1 });
const mock = mockClient(client);
const noLimit = <T>(_f: string, call: () => Promise<T>) => call();
const ctx = () => testContext(testLabel('ssm'));

/**
 * What Parameter Store answers when IAM (an explicit deny, a service control policy, a permissions
 * boundary) refuses one of the names: the whole request fails, naming the first refused resource.
 */
const iamDenied = (name: string) =>
  Object.assign(
    new Error(
      `User: arn:aws:sts::222222222222:assumed-role/drift-read/run is not authorized to perform: ssm:GetParameters on resource: arn:aws:ssm:us-east-1:222222222222:parameter${name} with an explicit deny in a service control policy`,
    ),
    { name: 'AccessDeniedException', $fault: 'client', $metadata: { httpStatusCode: 400 } },
  );

function parameters(n: number, type: Parameter['Type'] = 'String'): Parameter[] {
  return Array.from({ length: n }, (_, i) => ({
    Name: i === 4 ? DENIED : `${PATH}setting_${String(i).padStart(2, '0')}`,
    Type: i % 5 === 2 ? 'SecureString' : type,
    Value: i % 5 === 2 ? `${CANARY}-${i}` : `${i}s`,
    Version: 1,
    LastModifiedDate: new Date('2026-11-01T00:00:00Z'),
  }));
}

/** Parameter Store behind a policy that refuses the names `denied` picks. */
function serve(params: Parameter[], denied: (name: string) => boolean): void {
  mock.on(DescribeParametersCommand).resolves({ Parameters: params.map(({ Value: _v, ...m }) => m) });
  mock.on(GetParametersCommand).callsFake((input: { Names: string[] }) => {
    const refused = input.Names.find(denied);
    if (refused) throw iamDenied(refused);
    return { Parameters: params.filter((p) => input.Names.includes(p.Name!)), InvalidParameters: [] };
  });
}

beforeEach(() => mock.reset());

describe('live SSM collector: one parameter of the path the read role may not read (IAM, not KMS)', () => {
  test('costs only that parameter: the rest of the path is read, and one error line names it', async () => {
    const params = parameters(24);
    serve(params, (n) => n === DENIED);
    const r = await new SsmCollector({ ssm: client, limit: noLimit }).collect(PATH, ctx(), async () => undefined);
    expect(r.observations.map((o) => o.origin.location)).toEqual(
      params
        .map((p) => p.Name!)
        .filter((n) => n !== DENIED)
        .sort(),
    );
    expect(r.errors).toEqual([
      `ssm GetParameters on ${DENIED}: AccessDeniedException (not authorised: check the read role); the read role's policies (IAM, a service control policy, a permissions boundary) refuse it`,
    ]);
    expect(JSON.stringify(r)).not.toContain(CANARY);
    // Only the batch holding it was read again, one by one.
    expect(r.calls.GetParameters).toBeLessThanOrEqual(3 + 1 + 10);
  });

  test('a path of Strings only: the same', async () => {
    const params = parameters(24).map((p) => ({ ...p, Type: 'String' as const, Value: p.Value!.replace(CANARY, 'plain') }));
    serve(params, (n) => n === DENIED);
    const r = await new SsmCollector({ ssm: client, limit: noLimit }).collect(PATH, ctx(), async () => undefined);
    expect(r.observations).toHaveLength(23);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toContain(DENIED);
  });

  test('alone in the last batch, or filling a batch of its own after others were read: still only that parameter', async () => {
    // 21 names: the refused one sorts last, so it is a batch of one.
    const last = `${PATH}zz_break_glass`;
    const params = parameters(21).map((p, i) => (i === 20 ? { ...p, Name: last, Type: 'String' as const, Value: 'x' } : p));
    serve(params, (n) => n === last);
    const r = await new SsmCollector({ ssm: client, limit: noLimit }).collect(PATH, ctx(), async () => undefined);
    expect(r.observations).toHaveLength(20);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toContain(`ssm GetParameters on ${last}: AccessDeniedException`);
  });

  test('a first batch refused whole (a denied sub-path sorting first) costs only its parameters', async () => {
    const admin = `${PATH}admin/`;
    const params = parameters(24).map((p, i) => (i < 10 ? { ...p, Name: `${admin}key_${String(i).padStart(2, '0')}` } : p));
    serve(params, (n) => n.startsWith(admin));
    const r = await new SsmCollector({ ssm: client, limit: noLimit }).collect(PATH, ctx(), async () => undefined);
    expect(r.observations.map((o) => o.origin.location)).toEqual(
      params
        .map((p) => p.Name!)
        .filter((n) => !n.startsWith(admin))
        .sort(),
    );
    expect(r.errors).toHaveLength(10);
    expect(r.errors.every((e) => e.includes(`ssm GetParameters on ${admin}key_`))).toBe(true);
    expect(JSON.stringify(r)).not.toContain(CANARY);
  });

  test('a first batch refused whole for one name, and a last one refused in full: each costs only its refused names', async () => {
    const params = parameters(24);
    const denied = (n: string) => n === DENIED || params.slice(20).some((p) => p.Name === n);
    serve(params, denied);
    const r = await new SsmCollector({ ssm: client, limit: noLimit }).collect(PATH, ctx(), async () => undefined);
    expect(r.observations).toHaveLength(19);
    expect(r.errors).toHaveLength(5);
  });

  test('a role refused every parameter still fails the whole path, after one batch', async () => {
    const params = parameters(24);
    serve(params, () => true);
    const r = await new SsmCollector({ ssm: client, limit: noLimit }).collect(PATH, ctx(), async () => undefined);
    expect(r.observations).toEqual([]);
    expect(r.errors).toEqual([`ssm GetParameters on ${PATH}: AccessDeniedException (not authorised: check the read role)`]);
    // One call for each of its 3 batches, then the first one in parts.
    expect(r.calls.GetParameters).toBeLessThanOrEqual(3 + 1 + 10);
  });
});
