import { DescribeParametersCommand, GetParametersCommand, SSMClient, type Parameter } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { SsmCollector } from '../../../../lambdas/adapters/live/ssm/ssm-collector';
import { testContext, testLabel } from '../../../helpers/context';

const PATH = '/production-us/checkout/';
const LOCKED = `${PATH}payment_api_key`;
const CANARY = 'CANARY-kms-3e9d';
const client = new SSMClient({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' }, maxAttempts: 1 });
const mock = mockClient(client);
const noLimit = <T>(_f: string, call: () => Promise<T>) => call();
const ctx = () => testContext(testLabel('ssm'));

/** What Parameter Store answers when KMS refuses to decrypt one SecureString of the request: the whole call fails. */
const kmsDenied = () =>
  Object.assign(
    new Error(
      'The ciphertext refers to a customer master key that does not exist, does not exist in this region, or you are not allowed to access.',
    ),
    { name: 'AccessDeniedException', $fault: 'client', $metadata: { httpStatusCode: 400 } },
  );

function parameters(n: number): Parameter[] {
  return Array.from({ length: n }, (_, i) => ({
    Name: i === 3 ? LOCKED : `${PATH}setting_${String(i).padStart(2, '0')}`,
    Type: i % 4 === 3 ? 'SecureString' : 'String',
    Value: i % 4 === 3 ? `${CANARY}-${i}` : `${i}s`,
    Version: 1,
    LastModifiedDate: new Date('2026-11-01T00:00:00Z'),
  }));
}

/** Parameter Store where `locked` names SecureStrings under a key the read role may not use. */
function serve(params: Parameter[], locked: (name: string) => boolean): void {
  mock.on(DescribeParametersCommand).resolves({ Parameters: params.map(({ Value: _v, ...m }) => m) });
  mock.on(GetParametersCommand).callsFake((input: { Names: string[]; WithDecryption?: boolean }) => {
    if (input.WithDecryption && input.Names.some(locked)) throw kmsDenied();
    return { Parameters: params.filter((p) => input.Names.includes(p.Name!)), InvalidParameters: [] };
  });
}

beforeEach(() => mock.reset());

describe('live SSM collector: a SecureString whose KMS key the read role may not use', () => {
  test('costs only that parameter: the rest of the path is read, and one error line names it', async () => {
    const params = parameters(24);
    serve(params, (n) => n === LOCKED);
    const r = await new SsmCollector({ ssm: client, limit: noLimit }).collect(PATH, ctx(), async () => undefined);
    expect(r.observations.map((o) => o.origin.location)).toEqual(
      params
        .map((p) => p.Name!)
        .filter((n) => n !== LOCKED)
        .sort(),
    );
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toContain(`ssm GetParameters on ${LOCKED}: AccessDeniedException`);
    expect(r.errors[0]).toContain('KMS key');
    expect(JSON.stringify(r)).not.toContain(CANARY);
    // One batch failed and was read again: its plain parameters at once, its SecureStrings one by one.
    expect(r.calls.GetParameters).toBeLessThanOrEqual(3 + 1 + 3);
  });

  test('a role that can decrypt none of them still fails the whole path, after one batch, as before', async () => {
    const params = parameters(24).map((p) => ({ ...p, Type: 'SecureString' as const }));
    serve(params, () => true);
    const r = await new SsmCollector({ ssm: client, limit: noLimit }).collect(PATH, ctx(), async () => undefined);
    expect(r.observations).toEqual([]);
    expect(r.errors).toEqual([`ssm GetParameters on ${PATH}: AccessDeniedException (not authorised: check the read role)`]);
    // One call for each of its 3 batches, then the first one's parameters one by one.
    expect(r.calls.GetParameters).toBeLessThanOrEqual(3 + 10);
  });

  test('a role denied ssm:GetParameters outright fails the whole path after one batch', async () => {
    const params = parameters(24);
    mock.on(DescribeParametersCommand).resolves({ Parameters: params.map(({ Value: _v, ...m }) => m) });
    mock.on(GetParametersCommand).rejects(kmsDenied());
    const r = await new SsmCollector({ ssm: client, limit: noLimit }).collect(PATH, ctx(), async () => undefined);
    expect(r.observations).toEqual([]);
    expect(r.errors).toEqual([`ssm GetParameters on ${PATH}: AccessDeniedException (not authorised: check the read role)`]);
    // One call for each of its 3 batches, then the first one in parts (its Strings together, then each
    // alone): one refused parameter is told apart from a refused role.
    expect(r.calls.GetParameters).toBeLessThanOrEqual(3 + 1 + 10);
  });
});
