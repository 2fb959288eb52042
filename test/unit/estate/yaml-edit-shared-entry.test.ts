import { isUserFacing } from '../../../lambdas/core/errors';
import { appendException, declareKey, setExpectedValue, setKeyField } from '../../../lambdas/core/estate/yaml-edit';

const BASELINE = `keys:
  db.timeout: &timeout { type: duration, value: 10s }  # tuned
  payment.timeout: *timeout
  log.level: &level WARN
  pool: *level
  cache.ttl: &unused { type: duration, value: 5m }
`;

/** What an edit throws, or undefined. */
function thrown(edit: () => string): unknown {
  try {
    edit();
    return undefined;
  } catch (e) {
    return e;
  }
}

describe('adopting into an entry other keys share is refused, never applied to them too', () => {
  test.each([
    ['an alias', () => setExpectedValue(BASELINE, 'file', 'pool', 'prod', '10'), /baseline\.keys\.pool is an alias \(\*level\)/],
    [
      'an anchored scalar',
      () => setExpectedValue(BASELINE, 'file', 'log.level', 'prod', 'INFO'),
      /baseline\.keys\.log\.level is anchored \(&level\) and used by an alias elsewhere/,
    ],
    [
      'an anchored map',
      () => setExpectedValue(BASELINE, 'file', 'db.timeout', undefined, '60s'),
      /baseline\.keys\.db\.timeout is anchored \(&timeout\)/,
    ],
    ['a field of an anchored map (--force)', () => setKeyField(BASELINE, 'file', 'db.timeout', 'max', '60s'), /anchored \(&timeout\)/],
  ])('%s: a user-facing refusal, saying what to do', (_, edit, says) => {
    const err = thrown(edit);
    expect(isUserFacing(err)).toBe(true);
    expect((err as Error).message).toMatch(says);
    expect((err as Error).message).toMatch(/write its entry out in full/);
  });

  test('an anchor no alias uses is an ordinary entry', () => {
    expect(setExpectedValue(BASELINE, 'file', 'cache.ttl', 'prod', '10m')).toContain(
      'cache.ttl: &unused { type: duration, value: 5m, values: { prod: 10m } }',
    );
  });
});

// The whole `keys:` map, `exceptions:` list or `baseline:` written as an alias of one kept elsewhere (under `x-…`).
const SHARED_KEYS = `version: 1
x-keys: &keys
  db.timeout: { type: duration, value: 10s }
x-exceptions: &exceptions
  - { environment: prod, key: db.timeout, reason: r, expires: 2026-12-31 }
baseline:
  keys: *keys
  exceptions: *exceptions
`;
const SHARED_BASELINE = `version: 1
x-baseline: &baseline
  keys:
    db.timeout: { type: duration, value: 10s }
baseline: *baseline
`;

describe('adopting into a baseline map or list the file writes as an alias is refused, not a crash', () => {
  test.each([
    [
      'keys: *keys (a value)',
      () => setExpectedValue(SHARED_KEYS, 'inline', 'db.timeout', 'prod', '60s'),
      /baseline\.keys is an alias \(\*keys\)/,
    ],
    ['keys: *keys (a new key)', () => declareKey(SHARED_KEYS, 'inline', 'pool'), /baseline\.keys is an alias \(\*keys\)/],
    [
      'keys: *keys (--force)',
      () => setKeyField(SHARED_KEYS, 'inline', 'db.timeout', 'max', '60s'),
      /baseline\.keys is an alias \(\*keys\)/,
    ],
    [
      'exceptions: *exceptions',
      () => appendException(SHARED_KEYS, 'inline', { environment: 'prod', key: 'pool', reason: 'r', expires: '2026-12-31' }),
      /baseline\.exceptions is an alias \(\*exceptions\)/,
    ],
    [
      'baseline: *baseline',
      () => setExpectedValue(SHARED_BASELINE, 'inline', 'db.timeout', 'prod', '60s'),
      /baseline is an alias \(\*baseline\)/,
    ],
  ])('%s: a user-facing refusal, saying what to do', (_, edit, says) => {
    const err = thrown(edit);
    expect(isUserFacing(err)).toBe(true);
    expect((err as Error).message).toMatch(says);
    expect((err as Error).message).toMatch(/write it out in full/);
  });
});
