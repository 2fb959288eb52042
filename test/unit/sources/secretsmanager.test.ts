import { acceptingMarkers } from '../../../lambdas/core/fingerprint';
import { SourceInputError } from '../../../lambdas/core/sources/errors';
import { secretsManagerObservations, type SecretsManagerSecret } from '../../../lambdas/core/sources/secretsmanager';
import { secretFromExport } from '../../../lambdas/core/sources/secretsmanager-export';
import { secretMarker } from '../../../lambdas/core/values/secret-marker';
import { testContext, testFingerprinter, testLabel } from '../../helpers/context';

const CANARY = 'CANARY-sm-9d2c41';
const ARN = 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:prod/checkout/api-AbCdEf';
const ctx = testContext(testLabel('secretsmanager', 'secretsmanager prod/checkout/api'));
const fp = testFingerprinter();
const secretOf = (text: string) => ({ kind: 'secret', fingerprint: fp.fingerprint(text), keyId: fp.keyId });

const recorded = {
  ARN,
  Name: 'prod/checkout/api',
  VersionId: 'a1b2c3d4-5678-90ab-cdef-EXAMPLE11111',
  SecretString: JSON.stringify({ DB_PASSWORD: CANARY, db: { host: 'db.internal', port: 5432 }, 'feature-x': true, hosts: ['a', 'b'] }),
  VersionStages: ['AWSCURRENT'],
  CreatedDate: '2026-11-20T09:15:02.123000+01:00',
};

describe('secretsManagerObservations', () => {
  it('turns every key of a JSON secret into a fingerprint, nested objects flattened, keys canonicalised', () => {
    const r = secretsManagerObservations(secretFromExport(recorded), 'prod/checkout/api', ctx);
    expect(r.errors).toEqual([]);
    expect(r.observations.map((o) => [o.key, o.rawKey, o.value])).toEqual([
      ['db.password', 'DB_PASSWORD', secretOf(CANARY)],
      ['db.host', 'db.host', secretOf('db.internal')],
      ['db.port', 'db.port', secretOf('5432')],
      ['feature.x', 'feature-x', secretOf('true')],
      ['hosts', 'hosts', secretOf('["a","b"]')],
    ]);
    expect(JSON.stringify(r)).not.toContain(CANARY);
    expect(JSON.stringify(r)).not.toContain('db.internal');
  });

  it('says where each value is: the secret and the key, its VersionId and when the version was made', () => {
    const [first] = secretsManagerObservations(secretFromExport(recorded), ARN, ctx).observations;
    expect(first?.origin).toEqual({
      source: ctx.source,
      location: 'prod/checkout/api DB_PASSWORD',
      version: 'a1b2c3d4-5678-90ab-cdef-EXAMPLE11111',
      modifiedAt: '2026-11-20T08:15:02.123Z',
    });
  });

  it('keeps what references need: the version read, its top-level keys, and the whole secret as a fingerprint', () => {
    const r = secretsManagerObservations(secretFromExport(recorded), 'prod/checkout/api', ctx);
    expect(r.secret).toEqual({
      name: 'prod/checkout/api',
      arn: ARN,
      versionId: 'a1b2c3d4-5678-90ab-cdef-EXAMPLE11111',
      modifiedAt: '2026-11-20T08:15:02.123Z',
      stages: ['AWSCURRENT'],
      whole: secretOf(recorded.SecretString),
      leaves: ['DB_PASSWORD', 'feature-x', 'hosts'],
      objects: ['db'],
      // What ECS passes a container for a key holding other than a string (Go's %v).
      asEcs: { db: secretOf('map[host:db.internal port:5432]'), 'feature-x': secretOf('true'), hosts: secretOf('[a b]') },
    });
  });

  it('reads the SDK answer alike (a Date) and a CLI v1 date (epoch seconds)', () => {
    const date = new Date('2026-01-02T03:04:05Z');
    const sdk: SecretsManagerSecret = { Name: 'n', SecretString: '{"a":"1"}', CreatedDate: date };
    expect(secretsManagerObservations(sdk, 'n', ctx).observations[0]?.origin.modifiedAt).toBe('2026-01-02T03:04:05.000Z');
    const v1 = secretFromExport({ Name: 'n', SecretString: '{"a":"1"}', CreatedDate: 1767323045 });
    expect(secretsManagerObservations(v1, 'n', ctx).observations[0]?.origin.modifiedAt).toBe('2026-01-02T03:04:05.000Z');
  });

  it.each([
    ['plain text (an API key stored as one string)', CANARY],
    ['text with a newline at its end, kept', `${CANARY}\n`],
    ['a PEM key', `-----BEGIN PRIVATE KEY-----\n${CANARY}\n-----END PRIVATE KEY-----\n`],
    ['a JSON string', JSON.stringify(CANARY)],
    ['a JSON array', JSON.stringify([CANARY])],
    ['a JSON number', '12345'],
    ['JSON null', 'null'],
  ])('a secret holding %s is one value, fingerprinted, named after the last segment of its name', (_what, text) => {
    const r = secretsManagerObservations({ ...recorded, SecretString: text }, 'prod/checkout/api', ctx);
    expect(r.errors).toEqual([]);
    expect(r.observations).toEqual([
      {
        key: 'api',
        rawKey: 'api',
        value: secretOf(text),
        origin: { source: ctx.source, location: 'prod/checkout/api', version: recorded.VersionId, modifiedAt: '2026-11-20T08:15:02.123Z' },
      },
    ]);
    // What an ECS secret naming the whole secret receives is the same value; it has no JSON keys.
    expect(r.secret).toMatchObject({ whole: secretOf(text), single: 'text', leaves: [], objects: [] });
    expect(JSON.stringify(r)).not.toContain(CANARY);
    expect(JSON.stringify(r)).not.toContain('12345');
  });

  it('`key` names the one value, and reads a JSON object whole too (a credentials file kept as one secret)', () => {
    const plain = secretsManagerObservations({ Name: 'prod-stripe-key', SecretString: CANARY }, 'prod-stripe-key', ctx, 'STRIPE_API_KEY');
    expect(plain.observations.map((o) => [o.key, o.rawKey, o.value])).toEqual([['stripe.api.key', 'STRIPE_API_KEY', secretOf(CANARY)]]);
    const whole = secretsManagerObservations(recorded, 'prod/checkout/api', ctx, 'google.credentials');
    expect(whole.observations.map((o) => [o.key, o.value])).toEqual([['google.credentials', secretOf(recorded.SecretString)]]);
    expect(whole.secret).toMatchObject({ single: 'json', leaves: [], objects: [] });
  });

  it('a name whose last segment canonicalises to nothing is an error asking for `key`', () => {
    const r = secretsManagerObservations({ Name: 'prod/--', SecretString: CANARY }, 'prod/--', ctx);
    expect(r.errors).toEqual(['secret prod/--: key --: the key is empty once canonicalised (declare `key:` on the source)']);
    expect(r.observations).toEqual([]);
  });

  it('text that starts as a JSON object but is cut short is a source error that does not quote it', () => {
    const r = secretsManagerObservations({ ...recorded, SecretString: `  {"password": "${CANARY}` }, 'prod/checkout/api', ctx);
    expect(r.observations).toEqual([]);
    expect(r.secret).toBeUndefined();
    expect(r.errors).toEqual([
      'secret prod/checkout/api: SecretString starts as a JSON object but is not JSON (declare `key:` on the source to read it as one value)',
    ]);
  });

  it('a binary secret, or one without a value, is a source error', () => {
    const binary = secretsManagerObservations({ Name: 'n', SecretBinary: 'Q0FOQVJZ' }, 'n', ctx);
    expect(binary.errors).toEqual([
      'secret n: is a binary secret (a secretsmanager source reads text: a JSON object of keys, or one value)',
    ]);
    expect(secretsManagerObservations({ Name: 'n' }, 'n', ctx).errors).toEqual([
      'secret n: holds no SecretString (a secretsmanager source reads text: a JSON object of keys, or one value)',
    ]);
  });

  it('nesting deeper than a configuration file may be is an error naming the secret only', () => {
    let deep: unknown = CANARY;
    for (let i = 0; i < 80; i++) deep = { k: deep };
    const r = secretsManagerObservations({ Name: 'n', SecretString: JSON.stringify(deep) }, 'n', ctx);
    expect(r.errors).toEqual(['secret n: nesting is deeper than 64 levels']);
    expect(r.observations).toEqual([]);
  });

  it('a recording of another secret is an error, not the declared secret', () => {
    expect(secretsManagerObservations(recorded, 'prod/payments/api', ctx).errors).toEqual([
      'secret prod/checkout/api: the secret read is not prod/payments/api, the one the source declares',
    ]);
    expect(secretsManagerObservations(recorded, ARN.replace('eu-west-1', 'us-east-1'), ctx).errors).toHaveLength(1);
    expect(secretsManagerObservations({ ...recorded, ARN: undefined }, 'prod/other', ctx).errors).toHaveLength(1);
    for (const same of ['prod/checkout/api', ARN, ARN.slice(0, -7)])
      expect(secretsManagerObservations(recorded, same, ctx).errors).toEqual([]);
  });

  it('reads fingerprint markers back as the secrets they stand for only where markers are accepted', () => {
    const marker = secretMarker({ fingerprint: fp.fingerprint(CANARY), keyId: fp.keyId });
    const whole = secretMarker({ fingerprint: fp.fingerprint('{"x":"y"}'), keyId: fp.keyId });
    const secret = { Name: 'n', SecretString: JSON.stringify({ password: marker }), SecretStringFingerprint: whole };
    const inRecording = secretsManagerObservations(secret, 'n', { ...ctx, fp: acceptingMarkers(fp) });
    expect(inRecording.observations[0]?.value).toEqual(secretOf(CANARY));
    expect(inRecording.secret?.whole).toEqual(secretOf('{"x":"y"}'));
    const elsewhere = secretsManagerObservations(secret, 'n', ctx);
    expect(elsewhere.observations[0]?.value).toEqual(secretOf(marker));
    expect(elsewhere.secret?.whole).toEqual(secretOf(secret.SecretString));
  });
});

describe('secretFromExport', () => {
  it('reads get-secret-value output, ignoring fields it does not read', () => {
    expect(secretFromExport({ ...recorded, ResponseMetadata: {} })).toEqual(recorded);
    expect(secretFromExport({ Name: 'n', SecretString: '{}', VersionStages: null, CreatedDate: null })).toEqual({
      Name: 'n',
      SecretString: '{}',
    });
  });

  it.each([
    ['a list', [recorded], /^not a get-secret-value output/],
    ['another document', { Parameters: [] }, /^not a get-secret-value output/],
    ['a SecretString that is not text', { Name: 'n', SecretString: { password: CANARY } }, /^SecretString must be a string$/],
    ['stages that are not a list of text', { Name: 'n', VersionStages: 'AWSCURRENT' }, /^VersionStages must be a list of strings$/],
    ['a date that is not one', { Name: 'n', CreatedDate: 'yesterday' }, /^CreatedDate is not a date$/],
  ])('%s is a SourceInputError that quotes nothing', (_what, json, message) => {
    expect(() => secretFromExport(json)).toThrow(SourceInputError);
    expect(() => secretFromExport(json)).toThrow(message);
    try {
      secretFromExport(json);
    } catch (err) {
      expect((err as Error).message).not.toContain(CANARY);
    }
  });
});
