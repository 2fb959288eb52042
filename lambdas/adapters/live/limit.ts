import type { Observation } from '../../core/model';

/** How every live call goes through the caller's rate limiter: `limit('ssm', () => client.send(…))`. */
export type Limit = <T>(family: string, call: () => Promise<T>) => Promise<T>;

/** The previous stored snapshot of a source, when there is one: lets a collector skip what did not move. */
export type PreviousSnapshot = () => Promise<Observation[] | undefined>;

/** No limiter: every call runs at once (tests, and a single small run). */
export const unlimited: Limit = (_family, call) => call();
