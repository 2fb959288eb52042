import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { SecretsManagerCollector } from '../../../../lambdas/adapters/live/secretsmanager/secretsmanager-collector';
import { secretsManagerObservations } from '../../../../lambdas/core/sources/secretsmanager';
import { secretFromExport } from '../../../../lambdas/core/sources/secretsmanager-export';
import { testContext, testLabel } from '../../../helpers/context';

const CANARY = 'CANARY-sm-live-4a7b';
const ARN = 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:prod/checkout/api-AbCdEf';
const client = new SecretsManagerClient({ region: 'eu-west-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' }, maxAttempts: 1 });
const mock = mockClient(client);
const ctx = () => testContext(testLabel('secretsmanager', 'secretsmanager prod/checkout/api'));
const now = () => new Date('2026-11-24T02:00:00Z');

const ANSWER = {
  ARN,
  Name: 'prod/checkout/api',
  VersionId: 'a1b2c3d4-5678-90ab-cdef-EXAMPLE11111',
  SecretString: JSON.stringify({ DB_PASSWORD: CANARY, db: { host: 'db.internal' } }),
  VersionStages: ['AWSCURRENT'],
  CreatedDate: new Date('2026-11-20T08:15:02.123Z'),
};

beforeEach(() => mock.reset());

describe('SecretsManagerCollector', () => {
  it('reads the current version once, through the limiter, and parses it as the recorded form is parsed', async () => {
    mock.on(GetSecretValueCommand).resolves(ANSWER);
    const families: string[] = [];
    const limit = <T>(family: string, call: () => Promise<T>): Promise<T> => {
      families.push(family);
      return call();
    };
    const live = await new SecretsManagerCollector({ secretsManager: client, limit, now }).collect('prod/checkout/api', ctx());
    expect(mock.commandCalls(GetSecretValueCommand).map((c) => c.args[0].input)).toEqual([{ SecretId: 'prod/checkout/api' }]);
    expect(families).toEqual(['secretsmanager']);
    expect(live.calls).toEqual({ GetSecretValue: 1 });
    expect(live.observedAt).toBe('2026-11-24T02:00:00.000Z');
    // What the CLI prints for the same version gives the same result.
    const printed = secretFromExport(JSON.parse(JSON.stringify({ ...ANSWER, CreatedDate: '2026-11-20T09:15:02.123000+01:00' })));
    const recorded = secretsManagerObservations(printed, 'prod/checkout/api', ctx());
    expect({ ...live, observedAt: undefined, calls: undefined }).toEqual({ ...recorded, observedAt: undefined, calls: undefined });
    expect(live.observations.map((o) => o.key)).toEqual(['db.password', 'db.host']);
    expect(JSON.stringify(live)).not.toContain(CANARY);
  });

  it.each([
    [
      'ResourceNotFoundException',
      "Secrets Manager can't find the specified secret.",
      /ResourceNotFoundException: Secrets Manager can't find/,
    ],
    ['AccessDeniedException', 'User: arn:aws:sts::1:assumed-role/r is not authorized', /AccessDeniedException \(not authorised\): User:/],
    [
      'DecryptionFailure',
      "Secrets Manager can't decrypt the protected secret text using the provided KMS key.",
      /DecryptionFailure: .*KMS key/,
    ],
    ['ThrottlingException', 'Rate exceeded', /ThrottlingException \(throttled/],
  ])('%s is an error line naming the call and the secret', async (name, message, expected) => {
    mock.on(GetSecretValueCommand).rejects(Object.assign(new Error(message), { name, $fault: 'client', $metadata: {} }));
    const r = await new SecretsManagerCollector({ secretsManager: client, limit: (_f, c) => c(), now }).collect('prod/checkout/api', ctx());
    expect(r.observations).toEqual([]);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatch(/^secretsmanager GetSecretValue on prod\/checkout\/api: /);
    expect(r.errors[0]).toMatch(expected);
    expect(r.calls).toEqual({ GetSecretValue: 1 });
  });

  // It was a source error ("SecretString is not JSON"): an API key stored as one string was never audited.
  it('a secret of plain text is one value, fingerprinted, under the declared key or the last segment of its name', async () => {
    mock.on(GetSecretValueCommand).resolves({ ...ANSWER, SecretString: CANARY });
    const collector = new SecretsManagerCollector({ secretsManager: client, limit: (_f, c) => c(), now });
    const byName = await collector.collect(ARN, ctx());
    expect(byName.errors).toEqual([]);
    expect(byName.observations.map((o) => [o.key, o.origin.location, o.value.kind])).toEqual([['api', 'prod/checkout/api', 'secret']]);
    const declared = await collector.collect(ARN, ctx(), 'CHECKOUT_API_KEY');
    expect(declared.observations.map((o) => o.key)).toEqual(['checkout.api.key']);
    expect(declared.observations[0]?.value).toEqual(byName.observations[0]?.value);
    expect(JSON.stringify([byName, declared])).not.toContain(CANARY);
  });

  it('a binary secret is read as base64 and refused as configuration', async () => {
    mock.on(GetSecretValueCommand).resolves({ ARN, Name: 'prod/checkout/api', SecretBinary: Uint8Array.from([1, 2, 3]) });
    const r = await new SecretsManagerCollector({ secretsManager: client, limit: (_f, c) => c(), now }).collect(ARN, ctx());
    expect(r.errors).toEqual([
      'secret prod/checkout/api: is a binary secret (a secretsmanager source reads text: a JSON object of keys, or one value)',
    ]);
  });

  it('a source past its deadline makes no call', async () => {
    mock.on(GetSecretValueCommand).resolves(ANSWER);
    const refused = <T>(): Promise<T> => Promise.reject(new Error('the source is past its deadline'));
    const r = await new SecretsManagerCollector({ secretsManager: client, limit: refused, now }).collect(ARN, ctx());
    expect(mock.commandCalls(GetSecretValueCommand)).toHaveLength(0);
    expect(r.errors).toEqual([`secretsmanager GetSecretValue on ${ARN}: Error`]);
  });
});
