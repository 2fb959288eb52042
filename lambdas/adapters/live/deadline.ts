import type { Limit } from './limit';

/**
 * `work`, or `late()` if `work` has not settled within `ms`. The work is not cancelled (the SDK's own
 * timeouts end its calls); its result, or failure, is then ignored.
 */
export function withDeadline<T>(work: Promise<T>, ms: number, late: () => T): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(late()), ms);
  });
  return Promise.race([work, expired]).finally(() => clearTimeout(timer));
}

/** A source's calls through `limit`, refused once `stopped()`: a source past its deadline makes no more calls. */
export const stoppable =
  (limit: Limit, stopped: () => boolean): Limit =>
  (family, call) =>
    limit(family, () => (stopped() ? Promise.reject(new Error('the source is past its deadline')) : call()));
