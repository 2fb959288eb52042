import { anyKeyGlob, keyGlob } from '../../lambdas/core/key-glob';

describe('keyGlob', () => {
  it.each([
    ['runtime.*', 'runtime.replicas', true],
    ['runtime.*', 'runtime.autoscaling.max', true],
    ['runtime.*', 'runtimes.x', false],
    ['*_URL', 'inventory.service.url', true],
    ['*_URL', 'inventory.service.urls', false],
    ['feature.?.enabled', 'feature.a.enabled', true],
    ['feature.?.enabled', 'feature.ab.enabled', false],
    ['DB_TIMEOUT', 'db.timeout', true],
    ['payment.retryLimit', 'payment.retry.limit', true],
    ['a+b', 'a+b', true],
    ['a+b', 'aab', false],
  ])('%s matching %s is %s', (glob, key, expected) => {
    expect(keyGlob(glob)(key)).toBe(expected);
  });

  it('a list matches when any glob does, and an empty list matches nothing', () => {
    expect(anyKeyGlob(['a.*', 'b'])('b')).toBe(true);
    expect(anyKeyGlob(['a.*', 'b'])('c')).toBe(false);
    expect(anyKeyGlob(undefined)('a')).toBe(false);
  });
});
