import { looksSecret } from '../../../lambdas/core/keys';
import { baselineSecretPolicy } from '../../../lambdas/core/sources/context';
import type { KeySpec } from '../../../lambdas/core/estate/model';

describe('secret by name', () => {
  it.each([
    'db.passwd',
    'gpg.passphrase',
    'aws.credentials',
    'google.application.credential',
    'registry.creds',
    's3.access.key.id',
    'jwt.signing.key',
    'data.encryption.key',
    'rails.master.key',
    'oidc.client.secret',
    'tls.private.key',
  ])('%s looks secret', (key) => expect(looksSecret(key)).toBe(true));

  // `auth` alone names settings: their high-entropy values are judged by content instead.
  it.each(['auth.enabled', 'oauth.issuer.url', 'auth.mode', 'access.log.path', 'cache.key.prefix', 'db.host'])('%s does not', (key) =>
    expect(looksSecret(key)).toBe(false),
  );
});

describe('baselineSecretPolicy', () => {
  const keys = new Map<string, KeySpec>([
    ['db.host', { key: 'db.host' } as KeySpec],
    ['payment.api.id', { key: 'payment.api.id', secret: true } as KeySpec],
  ]);

  it('is the declared `secret: true` keys and secret-looking names', () => {
    const policy = baselineSecretPolicy({ keys, undeclaredSecret: false });
    expect(['payment.api.id', 'db.password', 'db.host', 'log.level'].map(policy)).toEqual([true, true, false, false]);
  });

  it('`secret: false` takes back what the name alone says: a token lifetime is a setting; a key under a `secret: true` one stays secret', () => {
    const plain = new Map<string, KeySpec>([
      ...keys,
      ['access.token.expire.minutes', { key: 'access.token.expire.minutes', notSecret: true } as KeySpec],
      ['payment.api.id.token.ttl', { key: 'payment.api.id.token.ttl', notSecret: true } as KeySpec],
    ]);
    const policy = baselineSecretPolicy({ keys: plain, undeclaredSecret: false });
    expect(['access.token.expire.minutes', 'refresh.token.expire.minutes', 'payment.api.id.token.ttl'].map(policy)).toEqual([
      false,
      true,
      true,
    ]);
  });

  it('with `secrets: { undeclared: true }`, every key the baseline does not declare but runtime.*', () => {
    const policy = baselineSecretPolicy({ keys, undeclaredSecret: true });
    expect(['payment.api.id', 'db.password', 'db.host', 'log.level', 'feature.x', 'runtime.replicas'].map(policy)).toEqual([
      true,
      true,
      false,
      true,
      true,
      false,
    ]);
  });
});
