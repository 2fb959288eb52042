import type { LimiterClock, LimiterRegistry } from '../lambdas/adapters/live/rate-limiter';

/** Discrete-event time: sleeping tasks wake in time order once every runnable task has run. */
export class VirtualClock implements LimiterClock {
  t = 0;
  private timers: Array<{ at: number; wake: () => void }> = [];
  private armed = false;
  now = (): number => this.t;
  sleep = (ms: number): Promise<void> =>
    new Promise((wake) => {
      this.timers.push({ at: this.t + ms, wake });
      this.arm();
    });
  private arm(): void {
    if (this.armed) return;
    this.armed = true;
    setImmediate(() => {
      this.armed = false;
      this.timers.sort((a, b) => a.at - b.at);
      const next = this.timers.shift();
      if (!next) return;
      this.t = Math.max(this.t, next.at);
      next.wake();
      if (this.timers.length) this.arm();
    });
  }
}

/** `limiters`, where every call also takes `latencyMs` of simulated time on `clock` inside its rate-limited slot. */
export function withLatency(limiters: LimiterRegistry, clock: VirtualClock, latencyMs: number): LimiterRegistry {
  return {
    for: (a: string, r: string) => {
      const l = limiters.for(a, r);
      return {
        ...l,
        limit: <T>(f: string, call: () => Promise<T>) => l.limit(f, () => clock.sleep(latencyMs).then(call)),
        stats: () => l.stats(),
      };
    },
  } as unknown as LimiterRegistry;
}
