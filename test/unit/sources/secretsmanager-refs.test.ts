import type { SourceSnapshot } from '../../../lambdas/core/model';
import { secretReferable, secretResolver } from '../../../lambdas/core/source-kinds/secretsmanager-references';
import type { SourceParseResult } from '../../../lambdas/core/sources/result';
import { secretsManagerObservations } from '../../../lambdas/core/sources/secretsmanager';
import { resolveSecretReference, type SnapshottedSecret } from '../../../lambdas/core/sources/secretsmanager-refs';
import { testContext, testFingerprinter, testLabel } from '../../helpers/context';

const ARN = 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:prod/checkout/api-AbCdEf';
const label = testLabel('secretsmanager', 'secretsmanager prod/checkout/api', 2);
const fp = testFingerprinter();
const TEXT = JSON.stringify({ DB_PASSWORD: 'pw-1', db: { host: 'h' } });

function snapshotted(secretId = 'prod/checkout/api'): SnapshottedSecret {
  const read = secretsManagerObservations(
    { ARN, Name: 'prod/checkout/api', VersionId: 'v-1', VersionStages: ['AWSCURRENT'], SecretString: TEXT },
    secretId,
    testContext(label),
  );
  return { source: label, identity: { secretId, arn: ARN }, content: read.secret!, observations: read.observations };
}

describe('resolveSecretReference', () => {
  it('a JSON key takes that key’s fingerprint and origin', () => {
    const r = resolveSecretReference(`${ARN}:DB_PASSWORD::`, snapshotted());
    expect(r).toEqual({
      value: { kind: 'secret', fingerprint: fp.fingerprint('pw-1'), keyId: fp.keyId },
      from: { source: label, location: 'prod/checkout/api DB_PASSWORD', version: 'v-1' },
    });
  });

  it('a JSON key of a secret read as one value: missing in plain text, unresolved in a JSON object read whole', () => {
    const read = (text: string, key?: string): SnapshottedSecret => {
      const r = secretsManagerObservations({ ARN, Name: 'prod/checkout/api', SecretString: text }, ARN, testContext(label), key);
      return { source: label, identity: { secretId: ARN, arn: ARN }, content: r.secret!, observations: r.observations };
    };
    expect(resolveSecretReference(`${ARN}:DB_PASSWORD::`, read('sk_live_1'))).toEqual({
      missing: {
        target: 'Secrets Manager secret prod/checkout/api key DB_PASSWORD',
        detail: 'the secret prod/checkout/api, which this environment snapshots, is not a JSON object: it has no key DB_PASSWORD',
      },
    });
    expect(resolveSecretReference(`${ARN}:DB_PASSWORD::`, read(TEXT, 'credentials'))).toBeUndefined();
    expect(resolveSecretReference(ARN, read('sk_live_1'))).toEqual({
      value: { kind: 'secret', fingerprint: fp.fingerprint('sk_live_1'), keyId: fp.keyId },
      from: { source: label, location: 'prod/checkout/api' },
    });
  });

  it('no JSON key takes the whole secret, as ECS passes it', () => {
    const r = resolveSecretReference(ARN, snapshotted());
    expect(r).toEqual({
      value: { kind: 'secret', fingerprint: fp.fingerprint(TEXT), keyId: fp.keyId },
      from: { source: label, location: 'prod/checkout/api', version: 'v-1' },
    });
  });

  it('the version read (AWSCURRENT, or its id) resolves; another version resolves to nothing snapshotted', () => {
    expect(resolveSecretReference(`${ARN}:DB_PASSWORD:AWSCURRENT:`, snapshotted())).toHaveProperty('value');
    expect(resolveSecretReference(`${ARN}:DB_PASSWORD::v-1`, snapshotted())).toHaveProperty('value');
    expect(resolveSecretReference(`${ARN}:DB_PASSWORD:AWSPREVIOUS:`, snapshotted())).toBeUndefined();
    expect(resolveSecretReference(`${ARN}:DB_PASSWORD::v-0`, snapshotted())).toBeUndefined();
    expect(resolveSecretReference(`${ARN}:NOPE:AWSPREVIOUS:`, snapshotted())).toBeUndefined();
  });

  it('a JSON key the secret lacks is missing', () => {
    expect(resolveSecretReference(`${ARN}:API_KEY::`, snapshotted())).toEqual({
      missing: {
        target: 'Secrets Manager secret prod/checkout/api key API_KEY',
        detail: 'the secret prod/checkout/api, which this environment snapshots, has no key API_KEY',
      },
    });
    // A nested key is not a top-level one: ECS looks at the top level only.
    expect(resolveSecretReference(`${ARN}:db.host::`, snapshotted())).toHaveProperty('missing');
  });

  it('a JSON key holding an object takes the fingerprint of what ECS passes: Go’s %v of the map', () => {
    expect(resolveSecretReference(`${ARN}:db::`, snapshotted())).toEqual({
      value: { kind: 'secret', fingerprint: fp.fingerprint('map[host:h]'), keyId: fp.keyId },
      from: { source: label, location: 'prod/checkout/api db', version: 'v-1' },
    });
  });

  describe('a JSON key holding other than a string takes the fingerprint of the text the container receives', () => {
    const resolved = (values: Record<string, unknown>, key: string) => {
      const read = secretsManagerObservations(
        { ARN, Name: 'prod/checkout/api', SecretString: JSON.stringify(values) },
        'prod/checkout/api',
        testContext(label),
      );
      const s: SnapshottedSecret = {
        source: label,
        identity: { secretId: 'prod/checkout/api', arn: ARN },
        content: read.secret!,
        observations: read.observations,
      };
      const r = resolveSecretReference(`${ARN}:${key}::`, s);
      if (!r || !('value' in r)) throw new Error(`${key} did not resolve`);
      return r.value;
    };
    const fpOf = (text: string) => ({ kind: 'secret', fingerprint: fp.fingerprint(text), keyId: fp.keyId });

    it.each([
      [{ POOL: 20 }, '20'],
      [{ POOL: 1000000 }, '1e+06'],
      [{ POOL: null }, '<nil>'],
      [{ POOL: true }, 'true'],
      [{ POOL: [1, 'a'] }, '[1 a]'],
    ])('%j', (values, text) => {
      expect(resolved(values, 'POOL')).toEqual(fpOf(text));
    });

    it('so equal in two environments compares equal, and different compares different', () => {
      expect(resolved({ POOL: 1000000 }, 'POOL')).toEqual(resolved({ POOL: '1e+06' }, 'POOL'));
      expect(resolved({ POOL: 20 }, 'POOL')).toEqual(resolved({ POOL: '20' }, 'POOL'));
      expect(resolved({ POOL: 1000000 }, 'POOL')).not.toEqual(resolved({ POOL: '1000000' }, 'POOL'));
      expect(resolved({ POOL: null }, 'POOL')).not.toEqual(resolved({ POOL: '' }, 'POOL'));
      expect(resolved({ POOL: [1, 2] }, 'POOL')).not.toEqual(resolved({ POOL: '[1,2]' }, 'POOL'));
    });
  });

  it('another secret, or what is not a secret ARN, is not this source’s to resolve', () => {
    expect(resolveSecretReference(ARN.replace('api-AbCdEf', 'web-AbCdEf'), snapshotted())).toBeUndefined();
    expect(resolveSecretReference('arn:aws:ssm:eu-west-1:1:parameter/a', snapshotted())).toBeUndefined();
    expect(resolveSecretReference('prod/checkout/api', snapshotted())).toBeUndefined();
  });
});

describe('secretResolver: the environment’s secretsmanager sources', () => {
  const snapshotOf = (s: SnapshottedSecret, errors: string[] = []): SourceSnapshot => ({
    source: s.source,
    observations: [...s.observations],
    dangling: [],
    errors,
    referable: { identity: s.identity, content: s.content },
  });

  it('resolves against the secret a source read; a source that failed never calls a key missing', () => {
    const ok = secretResolver([snapshotOf(snapshotted())]);
    expect(ok({ target: `${ARN}:DB_PASSWORD::` })).toHaveProperty('value');
    expect(ok({ target: `${ARN}:API_KEY::` })).toHaveProperty('missing');
    const failed = secretResolver([snapshotOf(snapshotted(), ['secret prod/checkout/api: key : the key is empty once canonicalised'])]);
    expect(failed({ target: `${ARN}:DB_PASSWORD::` })).toHaveProperty('value');
    expect(failed({ target: `${ARN}:API_KEY::` })).toBeUndefined();
  });

  it('a source that could not read its secret keeps nothing to resolve against', () => {
    const s = snapshotted();
    expect(secretReferable({ secretId: 'prod/checkout/api' }, { observations: [], dangling: [], errors: ['x'] })).toBeUndefined();
    expect(
      secretReferable({ secretId: 'prod/checkout/api', region: 'eu-west-1' }, {
        observations: [],
        dangling: [],
        errors: [],
        secret: s.content,
      } as SourceParseResult),
    ).toEqual({
      identity: { secretId: 'prod/checkout/api', arn: ARN, region: 'eu-west-1' },
      content: s.content,
    });
  });
});
