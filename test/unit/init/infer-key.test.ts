import { inferKey, type KeyCell } from '../../../lambdas/core/init/infer-key';
import type { Value } from '../../../lambdas/core/values/value';

const ENVS = [
  { name: 'staging', region: 'us-east-1' },
  { name: 'production-us', region: 'us-east-1' },
  { name: 'production-eu', region: 'eu-west-1' },
];
const text = (t: string): Value => ({ kind: 'text', text: t });
const secret = (fingerprint: string): Value => ({ kind: 'secret', fingerprint, keyId: 'k1' });
const PRODUCTION = { name: 'production', environments: ['production-us', 'production-eu'] };
/** Cells for the three environments; `undefined` is absent. */
const cells = (...values: Array<Value | string | undefined>): KeyCell[] =>
  values.map((v, i) => ({ env: ENVS[i]!, value: typeof v === 'string' ? text(v) : v }));

describe('inferKey: a type for every key from its values', () => {
  it.each([
    ['cache.ttl.text', ['60s', '1m', '60000ms'], 'duration'],
    ['heap', ['2Gi', '2048Mi', '2Gi'], 'bytes'],
    ['verbose', ['true', 'False', 'on'], 'bool'],
    ['enable.profiler', ['0', 'off', 'false'], 'bool'],
    ['replicas.wanted', ['0', '1', '1'], 'int'],
    ['port', ['8080', '8080', '8081'], 'int'],
    ['ratio', ['0.5', '1', '0.25'], 'number'],
    ['app.version', ['1.10', '1.10', '1.9'], 'string'],
    ['release', ['2.0', '2.1', '2.0'], 'string'],
    ['schema.version', ['3', '3', '4'], 'int'],
    ['home.page', ['https://a.example', 'https://b.example', 'https://c.example'], 'url'],
    // JHipster's CORS origins: a comma-separated list of URLs, no URL itself (the url type refuses it).
    [
      'cors.allowed.origins',
      ['http://localhost:8100,https://localhost:8100', 'http://localhost:9000,https://localhost:9000', 'https://a.example'],
      'string',
    ],
    ['broker.url', ['kafka://b-1:9092,b-2:9092', 'kafka://b-1:9092', 'kafka://b-1:9092'], 'string'],
    ['limits', ['{"a":1}', '{"a": 1}', '[1]'], 'json'],
    ['mode', ['fast', 'slow', 'fast'], 'string'],
    ['grace', ['30', '30s', '45'], 'duration'],
    ['api.timeout', ['30', '30', '120'], 'duration'],
    ['worker.cpu', ['500m', '0.5', '1'], 'cpu'],
  ])('%s %j → %s', (key, values, type) => {
    expect(inferKey(key, cells(...values)).type).toBe(type);
  });

  it('leaves the built-in type of a runtime key unwritten', () => {
    expect(inferKey('runtime.memory', cells('2Gi', '2048Mi', '2Gi')).type).toBeUndefined();
  });
});

describe('inferKey: an expected value only where every environment agrees', () => {
  it('writes the value when every environment agrees under the inferred type', () => {
    const p = inferKey('http.read.timeout', cells('60s', '1m', '60000ms'));
    expect(p).toMatchObject({ type: 'duration', value: '60s', verdict: 'agrees' });
    expect(p.comment).toBe('same in every environment');
  });

  it('writes no value when the values differ, and lists them in the comment', () => {
    const p = inferKey('db.timeout', cells('10s', '60s', '45s'), [PRODUCTION]);
    expect(p.value).toBeUndefined();
    expect(p.perEnvironment).toBeUndefined();
    expect(p).toMatchObject({ verdict: 'differs', required: true, comment: 'differs: staging 10s, production-us 60s, production-eu 45s' });
  });

  it('shows an empty value as "" in the comment, as the audit shows it (excalidraw\'s VITE_APP_DEBUG_…= in .env.development)', () => {
    const p = inferKey('debug.bounding.box', cells('', 'false', '  '), [PRODUCTION]);
    expect(p.comment).toBe('differs: staging "", production-us false, production-eu "  "');
  });

  it('agrees on a flag written 0, off and false', () => {
    expect(inferKey('enable.profiler', cells('0', 'off', 'false'))).toMatchObject({ type: 'bool', value: '0', verdict: 'agrees' });
  });

  it('agrees on a runtime key under its built-in type (1 = 1000m)', () => {
    expect(inferKey('runtime.cpu', cells('1', '1000m', '1'))).toMatchObject({ value: '1', verdict: 'agrees' });
  });
});

describe('inferKey: secrets', () => {
  it('marks a fingerprinted value secret and never writes it or its fingerprint', () => {
    const p = inferKey('db.password', cells(secret('aaaa1111'), secret('bbbb2222'), secret('cccc3333')));
    expect(p).toMatchObject({ secret: true, perEnvironment: true, verdict: 'per-environment' });
    expect(p.value).toBeUndefined();
    expect(JSON.stringify(p)).not.toMatch(/aaaa1111|bbbb2222|cccc3333/);
  });

  it.each(['api.key', 'aws.access.key.id', 'sentry.dsn', 'auth', 'client.credentials', 'hash.salt'])(
    'a secret whose name says key material (%s) differs by design: per environment',
    (key) => {
      expect(inferKey(key, cells(secret('a1'), secret('b2'), secret('c3')))).toMatchObject({ verdict: 'per-environment' });
    },
  );

  it.each(['access.log.path', 'author.name', 'keyspace', 'oauth.redirect.path'])(
    'a secret only by its source whose name merely holds such letters (%s) is drift to review, not per environment',
    (key) => {
      expect(inferKey(key, cells(secret('a1'), secret('b2'), secret('c3')))).not.toMatchObject({ verdict: 'per-environment' });
    },
  );

  it('a secret that agrees everywhere is required, with no value', () => {
    const p = inferKey('shared.token', cells(secret('f1'), secret('f1'), secret('f1')));
    expect(p).toMatchObject({ secret: true, required: true, verdict: 'agrees' });
    expect(p.value).toBeUndefined();
    expect(JSON.stringify(p)).not.toContain('f1"');
  });

  it('is secret by name even where a value reads as plain text', () => {
    expect(inferKey('smtp.password', cells(undefined, 'x', undefined)).secret).toBe(true);
  });

  it('an unreadable SecureString is a secret; a value only unknown here (a dotenv name the shell sets) is not', () => {
    const secureString: Value = { kind: 'opaque', reason: 'SecureString recorded without decryption', secret: true };
    const fromShell: Value = { kind: 'opaque', reason: 'taken from the environment the file is loaded in' };
    expect(inferKey('db.url', cells(secureString, secureString, secureString)).secret).toBe(true);
    const p = inferKey('aws.profile', cells(fromShell, fromShell, fromShell));
    expect(p.secret).toBeUndefined();
    expect(p.comment).not.toContain('(secret)');
  });
});

describe('inferKey: per-environment where values differ by design', () => {
  it.each([
    ['database.host', ['db.staging.internal', 'db.us.internal', 'db.eu.internal'], 'the key names a host'],
    ['queue.arn', ['arn:aws:sqs:us-east-1:1:q', 'arn:aws:sqs:us-east-1:2:q', 'arn:aws:sqs:eu-west-1:2:q'], 'the key names an arn'],
    ['callback', ['https://s.example/cb', 'https://us.example/cb', 'https://eu.example/cb'], 'the values are a URL'],
    ['upstream', ['10.0.0.1', '10.1.0.1', '10.2.0.1'], 'the values are a host'],
    ['role.owner', ['111111111111', '222222222222', '333333333333'], 'the values are an account id'],
    [
      'bucket.prefix',
      ['checkout-staging', 'checkout-production-us', 'checkout-production-eu'],
      'the values name their environment or region',
    ],
    ['log.group', ['/app/us-east-1', '/app/us-east-1/prod', '/app/eu-west-1'], 'the values name their environment or region'],
    ['node.env', ['stg', 'prod', 'prod'], 'the values name their environment or region'],
    ['dd.env', ['stage', 'prd', 'production'], 'the values name their environment or region'],
  ])('%s', (key, values, reason) => {
    const p = inferKey(key, cells(...values));
    expect(p).toMatchObject({ perEnvironment: true, verdict: 'per-environment', comment: `per environment: ${reason}` });
    expect(p.value).toBeUndefined();
  });

  it('an endpoint a parity partner has and another lacks is required: the absence is drift between them', () => {
    const p = inferKey('inventory.service.url', cells('https://inv.staging', undefined, 'https://inv.eu'), [PRODUCTION]);
    expect(p).toMatchObject({ type: 'url', perEnvironment: true, required: true });
    expect(p.comment).toContain('not set in production-us');
  });

  it('an endpoint only an environment outside every parity group lacks is not required', () => {
    const p = inferKey('inventory.service.url', cells(undefined, 'https://inv.us', 'https://inv.eu'), [PRODUCTION]);
    expect(p).toMatchObject({ type: 'url', perEnvironment: true });
    expect(p.required).toBeUndefined();
    expect(p.comment).toContain('not set in staging');
  });

  it('a short form of another environment is drift, not a name of its own: staging pointing at prod stays under parity', () => {
    const p = inferKey('log.group', cells('/ecs/shop-prod', '/ecs/shop-prod', '/ecs/shop-eu-west-1'));
    expect(p).toMatchObject({ verdict: 'differs' });
  });

  it('operational values that differ stay under parity: no value, not per-environment', () => {
    const p = inferKey('database.pool.size', cells('20', '15', '10'));
    expect(p.perEnvironment).toBeUndefined();
    expect(p.value).toBeUndefined();
  });

  it("a Rails duration (huginn's CONFIRM_WITHIN=3.days, UNLOCK_AFTER=1.hour) is no host: values that differ stay under parity", () => {
    const p = inferKey('confirm.within', cells('3.days', '30.days', '3.days'));
    expect(p.perEnvironment).toBeUndefined();
    expect(p.comment).not.toContain('host');
    expect(inferKey('unlock.after', cells('1.hour', '2.hours', undefined)).perEnvironment).toBeUndefined();
    // A host whose first label is a number still is one.
    expect(inferKey('upstream', cells('1.example.com', '2.example.com', '3.example.com')).perEnvironment).toBe(true);
  });
});

describe('inferKey: required only where every environment has the key', () => {
  it('requires a key every environment sets', () => {
    expect(inferKey('db.timeout', cells('10s', '60s', '45s')).required).toBe(true);
  });

  it('writes the value most environments agree on as not required, so the one without it is no finding', () => {
    const p = inferKey('feature.x', cells(undefined, 'true', 'true'), [PRODUCTION]);
    expect(p).toMatchObject({ value: 'true', required: false, verdict: 'agrees' });
    expect(p.comment).toBe('same in production-us, production-eu; not set in staging');
  });

  it('writes no value where a parity partner lacks the key, so parity reports the absence', () => {
    const p = inferKey('feature.x', cells('true', 'true', undefined), [PRODUCTION]);
    expect(p.value).toBeUndefined();
    expect(p.required).toBeUndefined();
    expect(p.perEnvironment).toBeUndefined();
  });

  it('requires no differing key some environment lacks: the values are left to parity', () => {
    const p = inferKey('payment.timeout', cells(undefined, '60', '30'), [PRODUCTION]);
    expect(p).toMatchObject({ verdict: 'differs' });
    expect(p.required).toBeUndefined();
  });

  it('requires no secret some environment lacks', () => {
    const p = inferKey('payment.api.key', cells(undefined, secret('a1'), secret('b2')), [PRODUCTION]);
    expect(p).toMatchObject({ secret: true, perEnvironment: true });
    expect(p.required).toBeUndefined();
  });

  it('is not required when set in a minority, and writes no value', () => {
    const p = inferKey('mock.payments', cells('true', undefined, undefined));
    expect(p.required).toBeUndefined();
    expect(p.value).toBeUndefined();
    // Only parity reports a key without a value: here the group's environments agree (both lack it).
    expect(p.comment).toBe(
      'differs: staging true, production-us (not set), production-eu (not set); no parity group compares them, so no finding',
    );
  });

  it('does not count an environment whose source failed', () => {
    const c = cells('5', '5', undefined);
    c[2] = { ...c[2]!, unknown: true };
    expect(inferKey('retries', c)).toMatchObject({ value: '5', comment: 'same in staging, production-us' });
  });

  it('never requires a runtime key: an environment without a workload cannot observe it', () => {
    const c = cells(undefined, '3', '3').map((cell) => ({ ...cell, unknown: true }));
    const p = inferKey('runtime.replicas', c);
    expect(p.required).toBeUndefined();
    expect(p.value).toBe('3');
  });
});
