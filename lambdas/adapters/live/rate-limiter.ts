import { LIVE } from './live-kinds';
import { isThrottling } from './aws-errors';

/** How fast and how wide one API family may be called. */
export interface FamilyLimit {
  /** Sustained calls per second. */
  rate: number;
  /** Calls that may go at once after a quiet spell. */
  burst: number;
  /** Calls in flight at once. */
  concurrency: number;
}

/**
 * Defaults well under AWS's shared quotas: each live kind declares the pace of the API families it
 * calls (SSM's GetParameter* and DescribeParameters share about 40 TPS per account and region with
 * the applications themselves, so drift takes a quarter of it); STS assumes the read roles.
 */
export const DEFAULT_LIMITS: Readonly<Record<string, FamilyLimit>> = Object.assign(
  { sts: { rate: 5, burst: 5, concurrency: 2 } },
  ...LIVE.map(({ live }) => live.limits),
);

/** Time, so tests and the benchmark can run the limiter on a virtual clock. */
export interface LimiterClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realClock: LimiterClock = { now: () => Date.now(), sleep: (ms) => new Promise((r) => setTimeout(r, ms)) };

interface Bucket {
  limit: FamilyLimit;
  /** The rate in force: lowered on throttling, recovered on success (adaptive). */
  rate: number;
  tokens: number;
  refilledAt: number;
  inFlight: number;
  waiting: Array<() => void>;
  calls: number;
  throttled: number;
  perSecond: Map<number, number>;
}

/** Retries after throttling, with exponential backoff and full jitter, before the call is given up. */
export const THROTTLE_RETRIES = 5;

/** The longest one wait after throttling, whatever the backoff or a server's Retry-After says. */
const MAX_BACKOFF_MS = 20_000;

/** The wait a throttling answer asked for (a Kubernetes 429's Retry-After), capped; 0 when it asked for none. */
function retryAfterOf(err: unknown): number {
  const asked = (err as { retryAfterMs?: unknown } | null)?.retryAfterMs;
  return typeof asked === 'number' && Number.isFinite(asked) ? Math.min(MAX_BACKOFF_MS, Math.max(0, asked)) : 0;
}

export interface FamilyStats {
  calls: number;
  throttled: number;
  /** The most calls started in any one second. */
  busiestSecond: number;
}

/** One token bucket and concurrency gate per API family, for one account and region. */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly limits: Readonly<Record<string, FamilyLimit>> = DEFAULT_LIMITS,
    private readonly clock: LimiterClock = realClock,
    private readonly random: () => number = Math.random,
  ) {}

  /**
   * Runs `call` when the family's rate and concurrency allow. On throttling it halves the family's
   * rate and retries with jittered backoff, never sooner than a Retry-After the answer gave; each
   * success wins a tenth of the rate back.
   */
  readonly limit = async <T>(family: string, call: () => Promise<T>): Promise<T> => {
    const b = this.bucket(family);
    for (let attempt = 0; ; attempt++) {
      await this.acquire(b);
      try {
        const result = await call();
        b.rate = Math.min(b.limit.rate, b.rate + b.limit.rate / 10);
        return result;
      } catch (err) {
        if (!isThrottling(err) || attempt >= THROTTLE_RETRIES) throw err;
        b.throttled++;
        b.rate = Math.max(b.limit.rate / 16, b.rate / 2);
        const backoff = Math.round(this.random() * Math.min(MAX_BACKOFF_MS, 250 * 2 ** attempt));
        await this.clock.sleep(Math.max(backoff, retryAfterOf(err)));
      } finally {
        b.inFlight--;
        b.waiting.shift()?.();
      }
    }
  };

  stats(): Record<string, FamilyStats> {
    const out: Record<string, FamilyStats> = {};
    for (const [family, b] of this.buckets)
      out[family] = { calls: b.calls, throttled: b.throttled, busiestSecond: Math.max(0, ...b.perSecond.values()) };
    return out;
  }

  private bucket(family: string): Bucket {
    let b = this.buckets.get(family);
    if (!b) {
      const limit = this.limits[family] ?? { rate: 5, burst: 5, concurrency: 2 };
      b = {
        limit,
        rate: limit.rate,
        tokens: limit.burst,
        refilledAt: this.clock.now(),
        inFlight: 0,
        waiting: [],
        calls: 0,
        throttled: 0,
        perSecond: new Map(),
      };
      this.buckets.set(family, b);
    }
    return b;
  }

  private async acquire(b: Bucket): Promise<void> {
    while (b.inFlight >= b.limit.concurrency) await new Promise<void>((resolve) => b.waiting.push(resolve));
    b.inFlight++;
    for (;;) {
      const now = this.clock.now();
      b.tokens = Math.min(b.limit.burst, b.tokens + ((now - b.refilledAt) / 1000) * b.rate);
      b.refilledAt = now;
      if (b.tokens >= 1) {
        b.tokens -= 1;
        b.calls++;
        const second = Math.floor(now / 1000);
        b.perSecond.set(second, (b.perSecond.get(second) ?? 0) + 1);
        return;
      }
      await this.clock.sleep(Math.ceil(((1 - b.tokens) / b.rate) * 1000));
    }
  }
}

/** One limiter per account and region: the process that snapshots that account owns its budget. */
export class LimiterRegistry {
  private readonly limiters = new Map<string, RateLimiter>();

  constructor(
    private readonly limits: Readonly<Record<string, FamilyLimit>> = DEFAULT_LIMITS,
    private readonly clock: LimiterClock = realClock,
  ) {}

  /** The limiter of one account and region. */
  for(account: string, region: string): RateLimiter {
    const key = `${account}/${region}`;
    let l = this.limiters.get(key);
    if (!l) this.limiters.set(key, (l = new RateLimiter(this.limits, this.clock)));
    return l;
  }

  stats(): Record<string, Record<string, FamilyStats>> {
    return Object.fromEntries([...this.limiters].map(([k, l]) => [k, l.stats()]));
  }
}
