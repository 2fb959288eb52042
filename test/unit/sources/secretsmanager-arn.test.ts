import {
  namesSecret,
  parseSecretArn,
  parseSecretReference,
  sameSecretId,
  secretName,
  secretResourceArn,
} from '../../../lambdas/core/sources/secretsmanager-arn';

const BASE = 'arn:aws:secretsmanager:eu-west-1:111122223333:secret';
const COMPLETE = `${BASE}:prod/checkout/api-AbCdEf`;
const PARTIAL = `${BASE}:prod/checkout/api`;

describe('parseSecretReference', () => {
  it.each([
    [COMPLETE, { id: 'prod/checkout/api-AbCdEf' }],
    [`${COMPLETE}:password::`, { id: 'prod/checkout/api-AbCdEf', jsonKey: 'password' }],
    [`${COMPLETE}:password:AWSPREVIOUS:`, { id: 'prod/checkout/api-AbCdEf', jsonKey: 'password', stage: 'AWSPREVIOUS' }],
    [`${COMPLETE}::AWSCURRENT`, { id: 'prod/checkout/api-AbCdEf', stage: 'AWSCURRENT' }],
    [`${COMPLETE}:::0d1e2f`, { id: 'prod/checkout/api-AbCdEf', versionId: '0d1e2f' }],
    [PARTIAL, { id: 'prod/checkout/api' }],
  ])('%s', (text, parts) => {
    expect(parseSecretReference(text)).toEqual({ partition: 'aws', region: 'eu-west-1', account: '111122223333', ...parts });
  });

  it('knows the other partitions', () => {
    expect(parseSecretReference('arn:aws-cn:secretsmanager:cn-north-1:111122223333:secret:a-AbCdEf')?.partition).toBe('aws-cn');
  });

  it.each([
    'arn:aws:ssm:eu-west-1:1:parameter/a',
    'arn:aws:secretsmanager:eu-west-1:111122223333:secret:',
    `${BASE}:prod/*`,
    `${BASE}:prod/api-??????`,
    'arn:aws:secretsmanager:eu-west-1:*:secret:prod/api',
    'arn:aws:secretsmanager:*:111122223333:secret:prod/api',
    `${COMPLETE}:a:b:c:d`,
    'prod/checkout/api',
  ])('%s is not a secret reference', (text) => expect(parseSecretReference(text)).toBeUndefined());

  it('parseSecretArn takes a secret ARN only, without the ECS fields', () => {
    expect(parseSecretArn(COMPLETE)?.id).toBe('prod/checkout/api-AbCdEf');
    expect(parseSecretArn(`${COMPLETE}:password::`)).toBeUndefined();
    expect(parseSecretArn(`${COMPLETE}:`)).toBeUndefined();
  });
});

describe('namesSecret: a reference against the secret a source declares', () => {
  const ref = (text: string) => parseSecretReference(text)!;

  it.each([
    ['a name', { secretId: 'prod/checkout/api' }],
    ['a name in the same region and account', { secretId: 'prod/checkout/api', region: 'eu-west-1', account: '111122223333' }],
    ['a partial ARN', { secretId: PARTIAL }],
    ['a complete ARN', { secretId: COMPLETE }],
    ['a name, once read with its ARN', { secretId: 'prod/checkout/api', arn: COMPLETE }],
  ])('a complete ARN matches %s', (_what, secret) => expect(namesSecret(ref(`${COMPLETE}:password::`), secret)).toBe(true));

  it('a partial ARN in the reference matches the secret read, and a declared name or complete ARN', () => {
    expect(namesSecret(ref(PARTIAL), { secretId: 'prod/checkout/api', arn: COMPLETE })).toBe(true);
    expect(namesSecret(ref(PARTIAL), { secretId: COMPLETE })).toBe(true);
    expect(namesSecret(ref(PARTIAL), { secretId: 'prod/checkout/api' })).toBe(true);
  });

  it.each([
    ['another name', { secretId: 'prod/checkout/api-v2' }],
    ['a name that only starts alike', { secretId: 'prod/checkout' }],
    ['another region', { secretId: 'prod/checkout/api', region: 'us-east-1' }],
    ['another account', { secretId: 'prod/checkout/api', account: '999999999999' }],
    ['another suffix (a secret deleted and made again)', { secretId: 'prod/checkout/api', arn: `${BASE}:prod/checkout/api-ZzZzZz` }],
    ['a complete ARN of another region', { secretId: COMPLETE.replace('eu-west-1', 'us-east-1') }],
    ['another partition', { secretId: COMPLETE.replace('arn:aws:', 'arn:aws-cn:') }],
  ])('does not match %s', (_what, secret) => expect(namesSecret(ref(COMPLETE), secret)).toBe(false));

  it('a name is never taken for a suffix of another name', () => {
    expect(sameSecretId('api-AbCdEf', 'api')).toBe(true);
    expect(sameSecretId('api-AbCdE', 'api')).toBe(false);
    expect(sameSecretId('api-Ab_dEf', 'api')).toBe(false);
    expect(sameSecretId('apix-AbCdEf', 'api')).toBe(false);
  });
});

describe('secretName and secretResourceArn', () => {
  it('names a secret without its random suffix', () => {
    expect(secretName('prod/checkout/api')).toBe('prod/checkout/api');
    expect(secretName(COMPLETE)).toBe('prod/checkout/api');
    expect(secretName(PARTIAL)).toBe('prod/checkout/api');
  });

  it('grants a name or a partial ARN with exactly the six-character suffix, a complete ARN as it is', () => {
    const where = { partition: 'aws', region: 'eu-west-1', account: '111122223333' };
    expect(secretResourceArn('prod/checkout/api', where)).toBe(`${PARTIAL}-??????`);
    expect(secretResourceArn(PARTIAL, where)).toBe(`${PARTIAL}-??????`);
    expect(secretResourceArn(COMPLETE, where)).toBe(COMPLETE);
  });
});
