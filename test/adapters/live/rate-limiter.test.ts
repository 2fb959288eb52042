import { RateLimiter, type LimiterClock } from '../../../lambdas/adapters/live/rate-limiter';

/** A virtual clock: sleeping advances time at once, so the test measures schedules, not seconds. */
function virtualClock(): LimiterClock & { t: number } {
  const c = {
    t: 1_000_000,
    now: () => c.t,
    sleep: async (ms: number) => {
      c.t += ms;
    },
  };
  return c;
}

describe('rate limiter', () => {
  test('never starts more calls in a second than the rate allows after the burst', async () => {
    const clock = virtualClock();
    const limiter = new RateLimiter({ ssm: { rate: 10, burst: 10, concurrency: 1 } }, clock);
    const started: number[] = [];
    for (let i = 0; i < 100; i++) await limiter.limit('ssm', async () => started.push(clock.now()));
    expect(started).toHaveLength(100);
    // 10 at once, then one every 100 ms: 100 calls take 9 seconds of virtual time.
    expect(clock.t - 1_000_000).toBeGreaterThanOrEqual(9000);
    expect(clock.t - 1_000_000).toBeLessThanOrEqual(9100);
    const s = limiter.stats().ssm!;
    expect(s.calls).toBe(100);
    expect(s.busiestSecond).toBeLessThanOrEqual(20);
  });

  test('bounds the calls in flight', async () => {
    const limiter = new RateLimiter({ ecs: { rate: 1000, burst: 1000, concurrency: 3 } });
    let inFlight = 0;
    let most = 0;
    await Promise.all(
      Array.from({ length: 20 }, () =>
        limiter.limit('ecs', async () => {
          inFlight++;
          most = Math.max(most, inFlight);
          await new Promise((r) => setImmediate(r));
          inFlight--;
        }),
      ),
    );
    expect(most).toBe(3);
  });

  test('families have separate budgets, and a failing call frees its slot', async () => {
    const clock = virtualClock();
    const limiter = new RateLimiter({ a: { rate: 1, burst: 1, concurrency: 1 }, b: { rate: 1, burst: 1, concurrency: 1 } }, clock);
    await expect(limiter.limit('a', async () => Promise.reject(new Error('denied')))).rejects.toThrow('denied');
    await limiter.limit('b', async () => undefined);
    expect(clock.t).toBe(1_000_000);
    await limiter.limit('a', async () => undefined);
    expect(clock.t).toBe(1_001_000);
  });
});

describe('throttling', () => {
  test('a throttled call is retried with backoff, the rate is lowered, and other errors are not retried', async () => {
    const clock = virtualClock();
    const limiter = new RateLimiter({ ssm: { rate: 10, burst: 1, concurrency: 1 } }, clock, () => 1);
    let calls = 0;
    const throttle = Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
    const value = await limiter.limit('ssm', async () => {
      calls++;
      if (calls < 3) throw throttle;
      return 'ok';
    });
    expect(value).toBe('ok');
    expect(calls).toBe(3);
    expect(limiter.stats().ssm!.throttled).toBe(2);
    expect(clock.t - 1_000_000).toBeGreaterThanOrEqual(250 + 500);

    let denied = 0;
    await expect(
      limiter.limit('ssm', async () => {
        denied++;
        throw Object.assign(new Error('no'), { name: 'AccessDeniedException' });
      }),
    ).rejects.toThrow('no');
    expect(denied).toBe(1);
  });

  test('gives up after the retries and lets the error through', async () => {
    const limiter = new RateLimiter({ ssm: { rate: 100, burst: 100, concurrency: 1 } }, virtualClock(), () => 0);
    let calls = 0;
    await expect(
      limiter.limit('ssm', async () => {
        calls++;
        throw Object.assign(new Error('slow down'), { $metadata: { httpStatusCode: 429 } });
      }),
    ).rejects.toThrow('slow down');
    expect(calls).toBe(6);
  });
});
