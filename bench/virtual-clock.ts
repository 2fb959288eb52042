import type { LimiterClock } from '../lambdas/adapters/live/rate-limiter';

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
