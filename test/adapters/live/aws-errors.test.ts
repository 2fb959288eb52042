import { AccessDeniedException as EcsAccessDenied, ServerException } from '@aws-sdk/client-ecs';
import { ParameterNotFound } from '@aws-sdk/client-ssm';
import { describeCallFailure, isThrottling } from '../../../lambdas/adapters/live/aws-errors';
import { RateLimiter } from '../../../lambdas/adapters/live/rate-limiter';

const CANARY = 'CANARY-s3cr3t-7f1e';
const CALL = 'ssm DescribeParameters on /app/';
const denied = () =>
  new EcsAccessDenied({
    message: 'User: arn:aws:sts::1:assumed-role/x is not authorized to perform: ecs:DescribeServices',
    $metadata: { httpStatusCode: 400 },
  });
const networkError = () => Object.assign(new Error(`connect ECONNREFUSED 10.0.0.1:443 ${CANARY}`), { code: 'ECONNREFUSED' });

describe("describeCallFailure, with AWS's message (the default)", () => {
  test.each([
    [
      'a denied call: what it means and the message',
      denied(),
      'AccessDeniedException (not authorised): User: arn:aws:sts::1:assumed-role/x is not authorized to perform: ecs:DescribeServices',
    ],
    [
      'a server fault',
      new ServerException({ message: 'Internal error', $metadata: {} }),
      'ServerException (AWS service error): Internal error',
    ],
    [
      'throttling past the SDK retries',
      Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException', $fault: 'client', $metadata: { attempts: 3 } }),
      'ThrottlingException (throttled; gave up after 3 attempts): Rate exceeded',
    ],
    ['a network error, by its code and never its message', networkError(), 'ECONNREFUSED (network error)'],
    ['an error that is not from AWS: the name only', new Error(`boom ${CANARY}`), 'Error'],
    ['something thrown that is not an Error', 'nope', 'failed (string)'],
  ])('%s', (_what, err, line) => {
    expect(describeCallFailure('ecs DescribeServices on staging/api', err)).toBe(`ecs DescribeServices on staging/api: ${line}`);
  });

  test('quotes only the first line of a service message, sanitised and cut', () => {
    const err = Object.assign(new Error(`${'x'.repeat(400)}\nsecond line ${CANARY}`), { name: 'ValidationException', $fault: 'client' });
    const line = describeCallFailure('ecs DescribeServices on staging/api', err);
    expect(line).not.toContain(CANARY);
    expect(line.length).toBeLessThan(400);
  });
});

describe('describeCallFailure, when a service message holds a credential', () => {
  // Credential-shaped, as gitleaks' rules see them: a GitHub token, an AWS secret key beside its id, a URL's password.
  test.each([
    'ghp_CANARYa1b2c3d4e5f6g7h8i9j0k1l2m3n4o5p6',
    'aws_secret_access_key=CANARY/K7MDENG/bPxRfiCYEXAMPLEKEYabcdefghij',
    'postgres://orders:CANARYpw77@db.internal:5432/orders',
  ])('leaves the message out, naming why: %s', (credential) => {
    const err = Object.assign(new Error(`Invalid environment value ${credential} for container api`), {
      name: 'ClientException',
      $fault: 'client',
    });
    const line = describeCallFailure('ecs DescribeTaskDefinition on api:7', err);
    expect(line).toBe('ecs DescribeTaskDefinition on api:7: ClientException (its message holds a credential and is not shown)');
    expect(line).not.toContain('CANARY');
  });
});

describe("describeCallFailure, hint only (the SSM collector's wording)", () => {
  test.each([
    ['a denied call', denied(), 'AccessDeniedException (not authorised: check the read role)'],
    [
      'expired credentials',
      Object.assign(new Error('expired'), { name: 'ExpiredTokenException' }),
      'ExpiredTokenException (the credentials expired)',
    ],
    [
      'throttling',
      Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }),
      'ThrottlingException (throttled past the retries)',
    ],
    [
      'another service error: its HTTP status',
      new ParameterNotFound({ message: CANARY, $metadata: { httpStatusCode: 400 } }),
      'ParameterNotFound (HTTP 400)',
    ],
    [
      'a network error: its code, never its message',
      networkError(),
      'ECONNREFUSED (network error: check the endpoint and the network path)',
    ],
    [
      'an error whose code is no system error code: its name',
      Object.assign(new Error('x'), { code: `secret ${CANARY}` }),
      'Error (failed)',
    ],
    ['an error-like object', { name: 'AccessDenied' }, 'AccessDenied (not authorised: check the read role)'],
    ['nothing at all', undefined, 'Error (failed)'],
  ])('%s', (_what, err, line) => {
    expect(describeCallFailure(CALL, err, 'hint-only')).toBe(`${CALL}: ${line}`);
  });

  test('an error named like an object property gets no phrase from the tables', () => {
    for (const name of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      const err = Object.assign(new Error('x'), { name });
      for (const wording of ['hint-only', 'with-message'] as const)
        expect(describeCallFailure(CALL, err, wording)).not.toMatch(/function|native code|\[object/);
    }
  });

  test("never quotes the message, even a service error's", () => {
    const err = Object.assign(new Error(`not authorized ${CANARY}`), { name: 'AccessDeniedException', $fault: 'client' });
    expect(describeCallFailure(CALL, err, 'hint-only')).not.toContain(CANARY);
  });
});

describe('isThrottling', () => {
  const named = (name: string) => Object.assign(new Error('slow down'), { name });
  test.each<[string, unknown]>([
    ...[
      'ThrottlingException',
      'Throttling',
      'TooManyRequestsException',
      'RequestLimitExceeded',
      'RequestThrottled',
      'RequestThrottledException',
      'ProvisionedThroughputExceededException',
      'SlowDown',
      'ThrottledException',
    ].map((n): [string, unknown] => [n, named(n)]),
    ['a retryable error the SDK marks as throttling', Object.assign(new Error('x'), { $retryable: { throttling: true } })],
    ['an AWS 429', Object.assign(new Error('x'), { $metadata: { httpStatusCode: 429 } })],
    ['a Kubernetes API 429', Object.assign(new Error('x'), { status: 429 })],
  ])('%s is throttling', (_what, err) => expect(isThrottling(err)).toBe(true));

  test.each<[string, unknown]>([
    ['AccessDeniedException', named('AccessDeniedException')],
    ['a 400 of another name', Object.assign(named('ValidationException'), { $metadata: { httpStatusCode: 400 } })],
    ['a retryable error that is not throttling', Object.assign(new Error('x'), { $retryable: { throttling: false } })],
    ['undefined', undefined],
    ['a string', 'ThrottlingException'],
  ])('%s is not', (_what, err) => expect(isThrottling(err)).toBe(false));

  test('the describer calls throttled exactly what the rate limiter retries', async () => {
    const errors = [
      named('ThrottlingException'),
      named('RequestThrottled'),
      named('ProvisionedThroughputExceededException'),
      Object.assign(named('Error'), { $metadata: { httpStatusCode: 429 } }),
      named('AccessDeniedException'),
      named('ValidationException'),
    ];
    for (const err of errors) {
      const limiter = new RateLimiter(
        { ssm: { rate: 100, burst: 100, concurrency: 1 } },
        { now: () => 0, sleep: async () => undefined },
        () => 0,
      );
      let attempts = 0;
      const failure = await limiter
        .limit('ssm', async () => {
          attempts++;
          throw err;
        })
        .catch((e: unknown) => e);
      const retried = attempts > 1;
      expect([err.name, describeCallFailure('x', failure).includes('(throttled')]).toEqual([err.name, retried]);
      expect([err.name, describeCallFailure('x', failure, 'hint-only').includes('(throttled past the retries)')]).toEqual([
        err.name,
        retried,
      ]);
    }
  });
});
