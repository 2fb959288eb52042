process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
import { randomBytes } from 'node:crypto';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { decodeKey } from '../../lambdas/adapters/fingerprint-key-file';
import { fingerprinterFromSecretsManager } from '../../lambdas/adapters/secrets/fingerprint-key-secret';

// A fingerprint key must be 32+ random bytes: a short key or a passphrase makes every fingerprint
// guessable by trying likely values offline.
const PASSPHRASES = [
  'correct horse battery staple correct horse battery staple',
  'CANARY this is my secret fingerprint passphrase, 2026!',
  'correcthorsebatterystaplecorrecthorsebatterystaple12',
  'hunter2hunter2hunter2hunter2hunter2hunter2hunter2hunter2',
];
const SHORT = [randomBytes(16).toString('base64'), randomBytes(16).toString('hex'), randomBytes(31).toString('base64')];

describe('a fingerprint key', () => {
  it.each(PASSPHRASES)('refuses the passphrase %#, never quoting it', (text) => {
    expect(() => decodeKey(text)).toThrow(/32 or more random bytes/);
    try {
      decodeKey(text);
    } catch (err) {
      expect((err as Error).message).not.toContain(text.slice(0, 12));
    }
  });

  it.each(SHORT)('refuses a key shorter than 32 bytes (%#)', (text) => expect(() => decodeKey(text)).toThrow(/32 or more/));

  it('takes 32+ random bytes as base64, base64url or hex', () => {
    for (let i = 0; i < 200; i++) {
      const key = randomBytes(32 + (i % 17));
      for (const text of [key.toString('base64'), key.toString('base64url'), key.toString('hex'), `${key.toString('base64')}\n`])
        expect(decodeKey(text)).toEqual(key);
    }
  });

  it('from Secrets Manager, a passphrase is refused too', async () => {
    const client = new SecretsManagerClient({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });
    mockClient(client).on(GetSecretValueCommand).resolves({ SecretString: PASSPHRASES[0] });
    await expect(fingerprinterFromSecretsManager(client, 'drift/key')()).rejects.toMatchObject({ name: 'FingerprintKeyError' });
  });
});
