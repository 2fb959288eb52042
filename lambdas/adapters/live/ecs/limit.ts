/**
 * Runs one AWS call through the caller's rate limiter; `family` names the budget it draws on
 * (`ecs`, `application-autoscaling`, `s3`).
 */
export type Limit = <T>(family: string, call: () => Promise<T>) => Promise<T>;

/** No limiter: every call runs at once (tests, and a single small run). */
export const unlimited: Limit = (_family, call) => call();
