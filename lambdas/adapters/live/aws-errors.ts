import { holdsSecretContent } from '../../core/values/content-secrets';
import { cut, sanitize } from '../../core/values/value';
import { ReadRoleError } from './read-role-error';
import { EndlessPagingError } from './paging';

const NOT_AUTHORISED = new Set([
  'AccessDeniedException',
  'AccessDenied',
  'UnauthorizedOperation',
  'UnauthorizedException',
  'AllAccessDisabled',
]);
const BAD_CREDENTIALS = new Set([
  'UnrecognizedClientException',
  'InvalidClientTokenId',
  'InvalidAccessKeyId',
  'SignatureDoesNotMatch',
  'ExpiredToken',
  'ExpiredTokenException',
  'CredentialsProviderError',
]);

/** A table's phrase for an error name: only its own entries, so a name like `constructor` finds none. */
const phraseOf = (table: Record<string, string>, name: string): string | undefined =>
  Object.hasOwn(table, name) ? table[name] : undefined;

const NOT_FOUND: Record<string, string> = {
  ClusterNotFoundException: 'cluster not found',
  ServiceNotFoundException: 'service not found',
  NoSuchKey: 'object not found',
  NoSuchBucket: 'bucket not found',
};
const NETWORK = new Set([
  'TimeoutError',
  'AbortError',
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);
const MAX_MESSAGE = 300;

type ErrorLike = Error & { code?: unknown; $fault?: unknown; $metadata?: { attempts?: unknown } };

/** A bug of ours or of the caller's, not a failing source: it should throw, not become data. */
export function isProgrammingError(err: unknown): boolean {
  return (err instanceof TypeError || err instanceof ReferenceError) && !('$fault' in err);
}

const THROTTLING = new Set([
  'ThrottlingException',
  'Throttling',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'ProvisionedThroughputExceededException',
  'SlowDown',
  'ThrottledException',
]);

/**
 * AWS says "slow down" in several ways; a 429 from the Kubernetes API is the same. What the rate
 * limiter backs off and retries, and what a failure line calls throttled.
 */
export function isThrottling(err: unknown): boolean {
  const e = err as { name?: string; $retryable?: { throttling?: boolean }; $metadata?: { httpStatusCode?: number }; status?: number };
  return THROTTLING.has(e?.name ?? '') || e?.$retryable?.throttling === true || e?.$metadata?.httpStatusCode === 429 || e?.status === 429;
}

/** Any code at all (non-empty). */
const ANY_CODE = /[\s\S]/;
/** A Node.js system error's code (`ECONNREFUSED`): a name, never data from the call. */
const SYSTEM_CODE = /^E[A-Z0-9_]{1,30}$/;

/** The error's name; Node's network errors are all `Error`, so their code (of `codeShape`) says more. */
function errorName(err: Pick<ErrorLike, 'name' | 'code'>, codeShape: RegExp = ANY_CODE): string {
  if (err.name === 'Error' && typeof err.code === 'string' && codeShape.test(err.code)) return err.code;
  return err.name || 'Error';
}

function phrase(name: string, err: ErrorLike): string | undefined {
  if (NOT_AUTHORISED.has(name)) return 'not authorised';
  if (BAD_CREDENTIALS.has(name)) return 'credentials rejected';
  if (isThrottling(err)) {
    const attempts = err.$metadata?.attempts;
    return typeof attempts === 'number' ? `throttled; gave up after ${attempts} attempts` : 'throttled';
  }
  if (name === 'TimeoutError') return 'no answer in time';
  if (NETWORK.has(name)) return 'network error';
  if (err.$fault === 'server') return 'AWS service error';
  return phraseOf(NOT_FOUND, name);
}

/** Said instead of a service message that holds a credential. */
const WITHHELD = 'its message holds a credential and is not shown';

/**
 * The first line of an AWS service error's message. Only service errors are quoted: their
 * messages come from AWS (auth messages name ARNs, which is fine) and never hold a response body;
 * but a message can echo what was sent or stored (a value, a URL), so one that holds a credential,
 * judged whole before it is cut, is withheld.
 */
function serviceMessage(name: string, err: ErrorLike): string | typeof WITHHELD | undefined {
  if (err.$fault !== 'client' && err.$fault !== 'server') return undefined;
  const first = (typeof err.message === 'string' ? err.message : '').split('\n')[0]?.trim() ?? '';
  if (first === '' || first === name || first === 'UnknownError') return undefined;
  if (holdsSecretContent(first)) return WITHHELD;
  return cut(sanitize(first), MAX_MESSAGE);
}

/**
 * How a failure line is worded. `with-message` (ECS): the name, what it means, then the first line
 * of an AWS service error's message. `hint-only` (SSM): the name and a hint to act on, never a message.
 */
export type FailureWording = 'with-message' | 'hint-only';

/** The `hint-only` hints, by error name; throttling is told apart by `isThrottling`, any other error by its HTTP status. */
const HINTS: Record<string, string> = {
  AccessDeniedException: 'not authorised: check the read role',
  AccessDenied: 'not authorised: check the read role',
  UnrecognizedClientException: 'the credentials are not valid',
  ExpiredTokenException: 'the credentials expired',
  ResourceNotFoundException: 'not found',
  // The SDK's connection or request timeout: the endpoint accepted and did not answer in time.
  TimeoutError: 'no answer in time',
};

/** `AccessDeniedException (not authorised): User: … is not authorized …`. */
function withMessage(err: unknown): string {
  if (!(err instanceof Error)) return `failed (${typeof err})`;
  const e = err as ErrorLike;
  const name = errorName(e);
  const why = phrase(name, e);
  const message = serviceMessage(name, e);
  if (message === WITHHELD) return `${name} (${why ? `${why}; ` : ''}${WITHHELD})`;
  return `${name}${why ? ` (${why})` : ''}${message ? `: ${message}` : ''}`;
}

/** `AccessDeniedException (not authorised: check the read role)`, `ECONNREFUSED (network error: …)`. */
function hintOnly(err: unknown): string {
  const e = err as { name: string; code?: unknown; $metadata?: { httpStatusCode?: number } } | null | undefined;
  const name = e ? errorName(e, SYSTEM_CODE) : 'Error';
  const hint =
    phraseOf(HINTS, name) ??
    (isThrottling(err)
      ? 'throttled past the retries'
      : NETWORK.has(name)
        ? 'network error: check the endpoint and the network path'
        : e?.$metadata?.httpStatusCode
          ? `HTTP ${e.$metadata.httpStatusCode}`
          : 'failed');
  return `${name} (${hint})`;
}

/** A failed AWS call as one line a person can act on: `ecs DescribeServices on staging/api: AccessDeniedException (not authorised): …`. */
export function describeCallFailure(call: string, err: unknown, wording: FailureWording = 'with-message'): string {
  if (err instanceof EndlessPagingError || err instanceof ReadRoleError) return `${call}: ${err.message}`;
  return `${call}: ${wording === 'hint-only' ? hintOnly(err) : withMessage(err)}`;
}
