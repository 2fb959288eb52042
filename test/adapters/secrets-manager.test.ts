import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { secretValue, type SecretDecoder } from '../../lambdas/adapters/secrets-manager';

const client = new SecretsManagerClient({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });
const sm = mockClient(client);

const upper: SecretDecoder<string> = {
  unreadable: (errorName) => new Error(`drift/s could not be read (${errorName})`),
  decode: (text) => {
    if (!text) throw new Error('drift/s is empty');
    return text.toUpperCase();
  },
};

beforeEach(() => sm.reset());

describe('a secret value from Secrets Manager', () => {
  test('is read on the first call, decoded, and kept', async () => {
    sm.on(GetSecretValueCommand).resolves({ SecretString: 'abc' });
    const get = secretValue(client, 'drift/s', upper);
    expect(await Promise.all([get(), get()])).toEqual(['ABC', 'ABC']);
    expect(await get()).toBe('ABC');
    expect(sm.commandCalls(GetSecretValueCommand)).toHaveLength(1);
    expect(sm.commandCalls(GetSecretValueCommand)[0]?.args[0].input).toEqual({ SecretId: 'drift/s' });
  });

  test('reads a binary secret as base64, and an empty one as ""', async () => {
    sm.on(GetSecretValueCommand)
      .resolvesOnce({ SecretBinary: Uint8Array.from([0xfb, 0xff]) })
      .resolvesOnce({});
    expect(await secretValue(client, 'drift/s', { ...upper, decode: (text) => text })()).toBe('+/8=');
    await expect(secretValue(client, 'drift/s', upper)()).rejects.toThrow('drift/s is empty');
  });

  test("a failed read or decode is the caller's error, and is not kept", async () => {
    sm.on(GetSecretValueCommand)
      .rejectsOnce(Object.assign(new Error('denied'), { name: 'AccessDeniedException' }))
      .resolvesOnce({ SecretString: '' })
      .resolves({ SecretString: 'set' });
    const get = secretValue(client, 'drift/s', upper);
    await expect(get()).rejects.toThrow('drift/s could not be read (AccessDeniedException)');
    await expect(get()).rejects.toThrow('drift/s is empty');
    expect(await get()).toBe('SET');
    expect(await get()).toBe('SET');
    expect(sm.commandCalls(GetSecretValueCommand)).toHaveLength(3);
  });
});
