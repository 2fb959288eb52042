import type { Observation } from '../../core/model';

/** How every live call goes through the caller's rate limiter: `limit('ssm', () => client.send(…))`. */
export type Limit = <T>(family: string, call: () => Promise<T>) => Promise<T>;

/** The previous stored snapshot of a source, when there is one: lets a collector skip what did not move. */
export type PreviousSnapshot = () => Promise<Observation[] | undefined>;

/** An AWS error as a line a person can act on; never a response body, which may hold values. */
export function describeAwsError(operation: string, target: string, err: unknown): string {
  const e = err as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
  const name = e?.name ?? 'Error';
  const hints: Record<string, string> = {
    AccessDeniedException: 'not authorised: check the read role',
    AccessDenied: 'not authorised: check the read role',
    UnrecognizedClientException: 'the credentials are not valid',
    ExpiredTokenException: 'the credentials expired',
    ThrottlingException: 'throttled past the retries',
    TooManyRequestsException: 'throttled past the retries',
    ResourceNotFoundException: 'not found',
  };
  const hint = hints[name] ?? (e?.$metadata?.httpStatusCode ? `HTTP ${e.$metadata.httpStatusCode}` : 'failed');
  return `${operation} on ${target}: ${name} (${hint})`;
}

/** No limiter: every call runs at once (tests, and a single small run). */
export const unlimited: Limit = (_family, call) => call();
