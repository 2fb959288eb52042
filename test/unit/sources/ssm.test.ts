import { effectiveConfig } from '../../../lambdas/core/engine/effective-config';
import { SourceInputError } from '../../../lambdas/core/sources/errors';
import { ssmObservations, ssmParametersFromExport, type SsmParameter } from '../../../lambdas/core/sources/ssm';
import { testContext, testFingerprinter, testLabel } from '../../helpers/context';

const CANARY = 'CANARY-s3cr3t-7f1e';
const ctx = testContext(testLabel('ssm', 'ssm /production/api/ (recorded)'));
const fp = testFingerprinter();

const exportPage = {
  Parameters: [
    {
      Name: '/production/api/db_timeout',
      Type: 'String',
      Value: '60s',
      Version: 7,
      LastModifiedDate: '2026-11-20T09:15:02.123000+01:00',
      ARN: 'arn:aws:ssm:us-east-1:111122223333:parameter/production/api/db_timeout',
      DataType: 'text',
      LastModifiedUser: 'arn:aws:iam::111122223333:user/alice',
    },
    { Name: '/production/api/db_password', Type: 'SecureString', Value: CANARY, Version: 2, LastModifiedDate: 1763630102.5 },
    { Name: '/production/api/allowed_hosts', Type: 'StringList', Value: 'a.example,b.example', Version: 1 },
  ],
  NextToken: 'AAEAAbc',
};

/** The parameters of an export and the errors of those that fail their check. */
function fromExport(json: unknown): { params: SsmParameter[]; errors: string[] } {
  const errors: string[] = [];
  return { params: ssmParametersFromExport(json, errors), errors };
}

describe('ssmParametersFromExport', () => {
  it('reads get-parameters-by-path output as it is, without copying the parameters', () => {
    const { params, errors } = fromExport(exportPage);
    expect(errors).toEqual([]);
    expect(params).toBe(exportPage.Parameters);
  });

  it('reads a list of pages, get-parameter output and a bare parameter list', () => {
    const p = { Name: '/p/a', Type: 'String', Value: '1' };
    const q = { Name: '/p/b', Type: 'String', Value: '2' };
    expect(fromExport([{ Parameters: [p] }, { Parameters: [q] }]).params.map((x) => x.Name)).toEqual(['/p/a', '/p/b']);
    expect(fromExport({ Parameter: p }).params).toEqual([p]);
    expect(fromExport([p, q]).params).toHaveLength(2);
    expect(fromExport({ Parameters: [] }).params).toEqual([]);
  });

  it('accepts metadata without a value (describe-parameters)', () => {
    expect(fromExport({ Parameters: [{ Name: '/p/a', Type: 'String' }] })).toEqual({
      params: [{ Name: '/p/a', Type: 'String' }],
      errors: [],
    });
  });

  it.each([
    ['a scalar', 'nope', /not an SSM export/],
    ['an unrelated object', { taskDefinition: {} }, /not an SSM export/],
    ['null', null, /not an SSM export/],
    ['a page in a list', [{ Parameters: [] }, 3], /^\[1\] not an SSM export/],
  ])('refuses %s', (_n, json, message) => {
    expect(() => fromExport(json)).toThrow(SourceInputError);
    expect(() => fromExport(json)).toThrow(message);
  });

  // One bad parameter must not cost the others: every good one is read, the bad one is an error naming it.
  const good = (n: number) => ({
    Name: `/p/good${n}`,
    Type: 'String',
    Value: `v${n}`,
    Version: 1,
    LastModifiedDate: '2026-11-01T00:00:00Z',
  });
  it.each([
    ['a parameter that is not an object', CANARY, 'Parameters[1] is not an object'],
    ['a missing name', { Type: 'String', Value: CANARY }, 'Parameters[1]: Name must be a non-empty string'],
    [
      'an unknown type',
      { Name: '/p/a', Type: 'string', Value: CANARY },
      'Parameters[1] /p/a: Type must be one of String, StringList, SecureString',
    ],
    ['a value that is not text', { Name: '/p/a', Type: 'String', Value: { nested: CANARY } }, 'Parameters[1] /p/a: Value must be a string'],
    [
      'a version that is not a number',
      { Name: '/p/a', Type: 'String', Value: CANARY, Version: '7' },
      'Parameters[1] /p/a: Version must be a number',
    ],
    [
      'a date that is not a date',
      { Name: '/p/a', Type: 'SecureString', Value: CANARY, LastModifiedDate: 'yesterday' },
      'Parameters[1] /p/a: LastModifiedDate is not a date',
    ],
    [
      'a user that is not text',
      { Name: '/p/a', Type: 'String', Value: CANARY, LastModifiedUser: 7 },
      'Parameters[1] /p/a: LastModifiedUser must be a string',
    ],
    ['an ARN that is not text', { Name: '/p/a', Type: 'String', Value: CANARY, ARN: 7 }, 'Parameters[1] /p/a: ARN must be a string'],
  ])('reads every other parameter and names %s in an error, without its value', (_n, bad, message) => {
    const { params, errors } = fromExport({ Parameters: [good(0), bad, good(2), good(3)] });
    expect(params.map((p) => p.Name)).toEqual(['/p/good0', '/p/good2', '/p/good3']);
    expect(errors).toEqual([message]);
    expect(errors.join()).not.toContain(CANARY);
  });

  it('places a bad parameter among the pages of a list, and in get-parameter output', () => {
    const { params, errors } = fromExport([
      { Parameters: [good(0)] },
      { Parameters: [good(1), { Name: '/p/x', Type: 'String', Version: 'x' }] },
    ]);
    expect(params.map((p) => p.Name)).toEqual(['/p/good0', '/p/good1']);
    expect(errors).toEqual(['[1] Parameters[1] /p/x: Version must be a number']);
    expect(fromExport({ Parameter: { Name: '/p/y', Type: 'Secret' } })).toEqual({
      params: [],
      errors: ['Parameter /p/y: Type must be one of String, StringList, SecureString'],
    });
  });
});

describe('ssmObservations', () => {
  const params = fromExport(exportPage).params;

  it('strips the path, canonicalises, and records version, date and user', () => {
    const r = ssmObservations(params, '/production/api/', ctx);
    expect(r.errors).toEqual([]);
    expect(r.observations[0]).toEqual({
      key: 'db.timeout',
      rawKey: '/production/api/db_timeout',
      value: { kind: 'text', text: '60s' },
      origin: {
        source: ctx.source,
        location: '/production/api/db_timeout',
        version: 7,
        modifiedAt: '2026-11-20T08:15:02.123Z',
        modifiedBy: 'arn:aws:iam::111122223333:user/alice',
      },
    });
  });

  it('fingerprints a decrypted SecureString and keeps a StringList as text', () => {
    const r = ssmObservations(params, '/production/api', ctx);
    const byKey = Object.fromEntries(r.observations.map((o) => [o.key, o.value]));
    expect(byKey['db.password']).toEqual({ kind: 'secret', fingerprint: fp.fingerprint(CANARY), keyId: fp.keyId });
    expect(byKey['allowed.hosts']).toEqual({ kind: 'text', text: 'a.example,b.example' });
    expect(JSON.stringify(r)).not.toContain(CANARY);
  });

  it('marks a SecureString recorded without decryption as opaque', () => {
    const r = ssmObservations(params, '/production/api/', ctx, { decrypted: false });
    expect(r.observations.find((o) => o.key === 'db.password')?.value).toEqual({
      kind: 'opaque',
      reason: 'SecureString recorded without decryption',
      secret: true,
    });
    expect(r.observations.find((o) => o.key === 'db.timeout')?.value).toEqual({ kind: 'text', text: '60s' });
  });

  // `aws ssm get-parameters-by-path` without --with-decryption prints a SecureString's KMS ciphertext,
  // not its value: fingerprinted, it never matches the secret read live or adopted, and changes on every write.
  it('marks a SecureString whose value is KMS ciphertext (exported without --with-decryption) as opaque', () => {
    const ciphertext =
      'AQICAHhJ4vKcXyKq2dQ0nZl0qkA7mLkE0q1m5m7yYfTt0m6pAgF3m1xR5y2QmW8bXbJ0kH0AAAAZjBkBgkqhkiG9w0BBwagVzBVAgEAMFAGCSqGSIb3DQEHATAeBglghkgBZQMEAS4wEQQM9y0H3kFv5u3r2g1lAgEQgCO1k8m1G3nZb0d4r2sK8Yp0m7t3bQ0vN6u9M1hS1dJ3c5A=';
    const exported = [{ Name: '/production/api/db_password', Type: 'SecureString', Value: ciphertext, Version: 2 }];
    const value = ssmObservations(fromExport({ Parameters: exported }).params, '/production/api/', ctx).observations[0]?.value;
    expect(value).toEqual({ kind: 'opaque', reason: 'SecureString exported without --with-decryption (KMS ciphertext)', secret: true });
    // A decrypted secret that merely looks like base64 is still the secret.
    const plain = ssmObservations(fromExport({ Parameters: [{ ...exported[0], Value: 'AQICAHsecret' }] }).params, '/production/api/', ctx);
    expect(plain.observations[0]?.value.kind).toBe('secret');
  });

  it('fingerprints plain parameters with secret-looking or declared-secret names', () => {
    const plain: SsmParameter[] = [
      { Name: '/p/api_token', Type: 'String', Value: 't' },
      { Name: '/p/signing', Type: 'String', Value: 's' },
    ];
    const r = ssmObservations(plain, '/p', testContext(testLabel('ssm'), ['signing']));
    expect(r.observations.map((o) => o.value.kind)).toEqual(['secret', 'secret']);
  });

  it('keeps only parameters under the path, with or without its trailing slash', () => {
    const mixed: SsmParameter[] = [
      { Name: '/production/api/a', Type: 'String', Value: '1' },
      { Name: '/production/api-old/b', Type: 'String', Value: '2' },
      { Name: '/production/web/c', Type: 'String', Value: '3' },
      { Name: '/production/api/deep/d_e', Type: 'String', Value: '4' },
    ];
    for (const path of ['/production/api', '/production/api/']) {
      expect(ssmObservations(mixed, path, ctx).observations.map((o) => o.key)).toEqual(['a', 'deep.d.e']);
    }
  });

  it('marks a parameter recorded without its value as opaque', () => {
    const r = ssmObservations([{ Name: '/p/a', Type: 'String' }], '/p/', ctx);
    expect(r.observations[0]?.value).toEqual({ kind: 'opaque', reason: 'value not recorded' });
  });

  it('keeps control characters in values', () => {
    const r = ssmObservations([{ Name: '/p/a', Type: 'String', Value: 'x\u001b]0;t\u0007' }], '/p/', ctx);
    expect(r.observations[0]?.value).toEqual({ kind: 'text', text: 'x\u001b]0;t\u0007' });
  });

  it('keeps two names with one canonical key in order, for the later to win (the earlier a layer: both are set), and reports empty keys', () => {
    const r = ssmObservations(
      [
        { Name: '/p/db-timeout', Type: 'String', Value: '1s' },
        { Name: '/p/db_timeout', Type: 'String', Value: '2s' },
        { Name: '/p/_', Type: 'String', Value: 'x' },
      ],
      '/p/',
      ctx,
    );
    expect(r.observations.map((o) => o.rawKey)).toEqual(['/p/db-timeout', '/p/db_timeout']);
    expect(r.errors).toEqual(['/p/_: the key is empty once canonicalised']);
    const config = effectiveConfig({ environment: 'e', sources: [{ source: ctx.source, ...r }] });
    expect(config.entries.get('db.timeout')?.rawKey).toBe('/p/db_timeout');
    expect(config.overridden.get('db.timeout')?.map((o) => o.rawKey)).toEqual(['/p/db-timeout']);
  });

  it("normalises dates to ISO 8601 in UTC: CLI v2 text, CLI v1 epoch seconds, the SDK's Date", () => {
    const modifiedAt = (LastModifiedDate: string | number | Date) =>
      ssmObservations([{ Name: '/p/a', Type: 'String', Value: '1', LastModifiedDate }], '/p/', ctx).observations[0]?.origin.modifiedAt;
    expect(modifiedAt('2026-11-01T00:00:00.000000+00:00')).toBe('2026-11-01T00:00:00.000Z');
    expect(modifiedAt('2026-11-01T00:00:00Z')).toBe('2026-11-01T00:00:00.000Z');
    expect(modifiedAt('2026-11-01T00:00:00.5Z')).toBe('2026-11-01T00:00:00.500Z');
    expect(modifiedAt('2026-11-20T09:15:02.123000+01:00')).toBe('2026-11-20T08:15:02.123Z');
    expect(modifiedAt(1763630102.5)).toBe('2025-11-20T09:15:02.500Z');
    expect(modifiedAt(new Date('2026-11-20T08:15:02.123Z'))).toBe('2026-11-20T08:15:02.123Z');
    const r = ssmObservations(params, '/production/api/', ctx);
    expect(r.observations.map((o) => o.origin.modifiedAt)).toEqual(['2026-11-20T08:15:02.123Z', '2025-11-20T09:15:02.500Z', undefined]);
  });

  it("reads the SDK's Parameter objects with the same parser, and reports a date that is not one", () => {
    const sdk = [
      {
        Name: '/p/a',
        Type: 'String' as const,
        Value: '1',
        Version: 3,
        LastModifiedDate: new Date('2026-11-20T08:15:02Z'),
        Selector: undefined,
        DataType: 'text',
      },
      { Name: '/p/b', Type: 'String' as const, Value: '2', LastModifiedDate: new Date('not a date') },
    ];
    const r = ssmObservations(sdk, '/p', ctx);
    expect(r.observations).toEqual([
      {
        key: 'a',
        rawKey: '/p/a',
        value: { kind: 'text', text: '1' },
        origin: { source: ctx.source, location: '/p/a', version: 3, modifiedAt: '2026-11-20T08:15:02.000Z' },
      },
    ]);
    expect(r.errors).toEqual(['/p/b: LastModifiedDate is not a date']);
  });
});
