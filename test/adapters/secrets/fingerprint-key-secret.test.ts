import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { fingerprinterFromSecretsManager } from '../../../lambdas/adapters/secrets/fingerprint-key-secret';
import { makeFingerprinter } from '../../../lambdas/core/fingerprint';

const client = new SecretsManagerClient({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });
const sm = mockClient(client);
const KEY = Buffer.from('0123456789abcdef0123456789abcdef');

beforeEach(() => sm.reset());

describe('the fingerprint key from Secrets Manager', () => {
  test('is read once per container, from base64, hex or a binary secret', async () => {
    const want = makeFingerprinter(KEY).keyId;
    sm.on(GetSecretValueCommand).resolves({ SecretString: KEY.toString('base64') });
    const get = fingerprinterFromSecretsManager(client, 'drift/key');
    expect((await get()).keyId).toBe(want);
    expect(await get()).toBe(await get());
    expect(sm.commandCalls(GetSecretValueCommand)).toHaveLength(1);
    sm.on(GetSecretValueCommand).resolves({ SecretString: KEY.toString('hex') });
    expect((await fingerprinterFromSecretsManager(client, 'drift/key')()).keyId).toBe(want);
    sm.on(GetSecretValueCommand).resolves({ SecretBinary: Uint8Array.from(KEY) });
    expect((await fingerprinterFromSecretsManager(client, 'drift/key')()).keyId).toBe(want);
  });

  test('a short or denied key is a clear error that never quotes the value', async () => {
    sm.on(GetSecretValueCommand).resolves({ SecretString: 'XXXXSECRET' });
    const short = await fingerprinterFromSecretsManager(client, 'drift/key')().catch((e: unknown) => e);
    expect(short).toMatchObject({
      name: 'FingerprintKeyError',
      message: 'the fingerprint key secret drift/key holds no key of 32+ random bytes (base64 or hex): a passphrase is not a key',
    });
    expect((short as Error).message).not.toContain('XXXXSECRET');
    sm.on(GetSecretValueCommand).rejects(Object.assign(new Error('denied'), { name: 'AccessDeniedException' }));
    await expect(fingerprinterFromSecretsManager(client, 'drift/key')()).rejects.toThrow('could not be read (AccessDeniedException)');
  });
});
