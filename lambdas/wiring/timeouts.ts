/** How long drift waits on the network: one connection, one request, one whole source. */
export interface Timeouts {
  /** To open a TCP (and TLS) connection to an AWS or Kubernetes endpoint. */
  connectMs: number;
  /** For one request's answer, once connected; also the longest a socket may sit idle mid-answer. */
  requestMs: number;
  /** For everything one live source does (all its calls, retries and waits for the rate limiter). */
  sourceMs: number;
}

/**
 * Generous for AWS (a DescribeParameters page answers in well under a second) and short enough that
 * an endpoint that accepts and never answers costs one source minutes, not a Lambda's whole run.
 */
export const DEFAULT_TIMEOUTS: Readonly<Timeouts> = { connectMs: 5_000, requestMs: 30_000, sourceMs: 180_000 };

/** The environment variables that change them, in milliseconds (tests, slow networks). */
const TIMEOUT_VARIABLES: Readonly<Record<keyof Timeouts, string>> = {
  connectMs: 'DRIFT_CONNECT_TIMEOUT_MS',
  requestMs: 'DRIFT_REQUEST_TIMEOUT_MS',
  sourceMs: 'DRIFT_SOURCE_TIMEOUT_MS',
};

const positive = (text: string | undefined): number | undefined => {
  const n = text === undefined || text.trim() === '' ? NaN : Number(text);
  return Number.isInteger(n) && n > 0 ? n : undefined;
};

/** The timeouts, from the environment where set to a positive whole number of milliseconds, else the defaults. */
export function timeoutsFrom(env: NodeJS.ProcessEnv): Timeouts {
  const of = (k: keyof Timeouts): number => positive(env[TIMEOUT_VARIABLES[k]]) ?? DEFAULT_TIMEOUTS[k];
  return { connectMs: of('connectMs'), requestMs: of('requestMs'), sourceMs: of('sourceMs') };
}

/**
 * The `requestHandler` option of every AWS SDK client drift makes (the SDK builds its Node.js
 * handler from it). Without it the SDK waits for ever on an endpoint that accepts and never answers;
 * `throwOnRequestTimeout`, because without it a late answer is only logged.
 */
export const sdkHttp = (t: Timeouts) => ({
  requestHandler: { connectionTimeout: t.connectMs, requestTimeout: t.requestMs, socketTimeout: t.requestMs, throwOnRequestTimeout: true },
});
