/** What the stack gives every function, by environment variable. */
export interface LambdaConfig {
  table: string;
  bucket: string;
  topicArn: string;
  slackSecretArn: string;
  fingerprintSecretArn: string;
  /** The function's region: environments that declare none live here. */
  region: string;
  /** Optional: a base URL that serves the bucket's `runs/` (the digest links reports under it). */
  reportBaseUrl?: string;
}

/** A required variable is missing. Names the variables, never a value. */
export class LambdaConfigError extends Error {
  override name = 'LambdaConfigError';
}

const REQUIRED = {
  table: 'DRIFT_TABLE',
  bucket: 'DRIFT_BUCKET',
  topicArn: 'DRIFT_TOPIC_ARN',
  slackSecretArn: 'DRIFT_SLACK_SECRET_ARN',
  fingerprintSecretArn: 'DRIFT_FINGERPRINT_SECRET_ARN',
  region: 'AWS_REGION',
} as const;

/** Reads the functions' configuration from the environment. */
export function lambdaConfig(env: NodeJS.ProcessEnv): LambdaConfig {
  const missing = Object.values(REQUIRED).filter((name) => !env[name]);
  if (missing.length) throw new LambdaConfigError(`missing environment variable(s): ${missing.join(', ')}`);
  const get = (k: keyof typeof REQUIRED): string => env[REQUIRED[k]] as string;
  const base = env.DRIFT_REPORT_BASE_URL?.replace(/\/+$/, '');
  return {
    table: get('table'),
    bucket: get('bucket'),
    topicArn: get('topicArn'),
    slackSecretArn: get('slackSecretArn'),
    fingerprintSecretArn: get('fingerprintSecretArn'),
    region: get('region'),
    ...(base ? { reportBaseUrl: base } : {}),
  };
}

let clock: () => Date = () => new Date();

/** Replaces the clock of every use case (tests drive runs on chosen days). */
export function useClock(now: () => Date): void {
  clock = now;
}
/** The time, as the use cases see it. */
export const now = (): Date => clock();
