import { DriftError } from '../core/errors';
import { withoutTrailingSlashes } from '../core/trailing-slashes';

/** What the stack gives every function, by environment variable. */
export interface LambdaConfig {
  table: string;
  bucket: string;
  topicArn: string;
  fingerprintSecretArn: string;
  /** The function's region: environments that declare none live here. */
  region: string;
  /** The installation's account (DRIFT_ACCOUNT): environments naming it are read with those that name none. */
  account?: string;
  /** Optional: a base URL that serves the bucket's `runs/` (the digest links reports under it; else their S3 console page). */
  reportBaseUrl?: string;
}

/** A required variable is missing. Names the variables, never a value. */
export class LambdaConfigError extends DriftError {
  override name = 'LambdaConfigError';
  // The stack sets these variables: one missing is a deployment fault, not the user's.
  readonly userFacing = false;
}

/** The named variables' values; a LambdaConfigError naming every one that is missing (never a value). */
export function requireEnv<N extends string>(env: NodeJS.ProcessEnv, names: readonly N[]): Record<N, string> {
  const missing = names.filter((n) => !env[n]);
  if (missing.length) throw new LambdaConfigError(`missing environment variable(s): ${missing.join(', ')}`);
  return Object.fromEntries(names.map((n) => [n, env[n] as string])) as Record<N, string>;
}

const REQUIRED = {
  table: 'DRIFT_TABLE',
  bucket: 'DRIFT_BUCKET',
  topicArn: 'DRIFT_TOPIC_ARN',
  fingerprintSecretArn: 'DRIFT_FINGERPRINT_SECRET_ARN',
  region: 'AWS_REGION',
} as const;

/** Reads the functions' configuration from the environment. */
export function lambdaConfig(env: NodeJS.ProcessEnv): LambdaConfig {
  const values = requireEnv(env, Object.values(REQUIRED));
  const get = (k: keyof typeof REQUIRED): string => values[REQUIRED[k]];
  const base = env.DRIFT_REPORT_BASE_URL && withoutTrailingSlashes(env.DRIFT_REPORT_BASE_URL);
  return {
    table: get('table'),
    bucket: get('bucket'),
    topicArn: get('topicArn'),
    fingerprintSecretArn: get('fingerprintSecretArn'),
    region: get('region'),
    ...(env.DRIFT_ACCOUNT ? { account: env.DRIFT_ACCOUNT } : {}),
    ...(base ? { reportBaseUrl: base } : {}),
  };
}

/** The Slack webhook secret's ARN: only the notify function is given it (and may read it). */
export function slackSecretArn(env: NodeJS.ProcessEnv): string {
  return requireEnv(env, ['DRIFT_SLACK_SECRET_ARN']).DRIFT_SLACK_SECRET_ARN;
}

/** The time, as the use cases see it: the system clock. */
export const now = (): Date => new Date();
