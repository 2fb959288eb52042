import { no, ok, type Checked } from '../lambdas/adapters/live/checked';
import { ACCOUNT_ID_SHAPE, ROLE_ARN_SHAPE } from '../lambdas/core/aws-identifier-shapes';

export { no, ok, type Checked } from '../lambdas/adapters/live/checked';

const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/** An S3 bucket name (or `arn:aws:s3:::name`): 3-63 lowercase letters, digits, dots and hyphens. */
export function bucketName(v: string): Checked {
  const name = /^arn:aws[a-z-]*:s3:::([^/]*)$/.exec(v)?.[1] ?? v;
  if (!BUCKET.test(name) || name.includes('..') || name.includes('.-') || name.includes('-.') || IPV4.test(name)) {
    return no(
      'is not an S3 bucket name (3-63 lowercase letters, digits, "." and "-", starting and ending with a letter or digit; no wildcards)',
    );
  }
  return ok(name);
}

/** An IAM role ARN, `arn:aws:iam::123456789012:role/name` (a path allowed, no wildcards). */
export const roleArn = (v: string): Checked =>
  ROLE_ARN_SHAPE.test(v) ? ok(v) : no('is not an IAM role ARN (arn:aws:iam::ACCOUNT:role/NAME)');

/** A Secrets Manager secret's complete ARN, with the six-character suffix Secrets Manager adds. */
export const secretCompleteArn = (v: string): Checked =>
  /^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:[\w/+=.@-]+-[A-Za-z0-9]{6}$/.test(v)
    ? ok(v)
    : no('is not the complete ARN of a secret (arn:aws:secretsmanager:REGION:ACCOUNT:secret:NAME-AbCdEf)');

export const accountId = (v: string): Checked => (ACCOUNT_ID_SHAPE.test(v) ? ok(v) : no('is not an AWS account id (12 digits)'));
export const vpcId = (v: string): Checked => (/^vpc-[0-9a-f]{8,17}$/.test(v) ? ok(v) : no('is not a VPC id (vpc-0123456789abcdef0)'));
export const iamRoleName = (v: string): Checked =>
  /^[\w+=,.@-]{1,64}$/.test(v) ? ok(v) : no('is not an IAM role name (1-64 letters, digits and +=,.@_-)');
export const emailAddress = (v: string): Checked => (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v) ? ok(v) : no('is not an email address'));
export const stackName = (v: string): Checked =>
  /^[A-Za-z][A-Za-z0-9-]{0,127}$/.test(v) ? ok(v) : no('is not a CloudFormation stack name');

export { scheduleExpression } from './schedule-expression';

/** An https URL without credentials, query or fragment (a base others are appended to); trailing slashes dropped. */
export function httpsBaseUrl(v: string): Checked {
  let url: URL;
  try {
    url = new URL(v);
  } catch {
    return no('is not a URL (https://reports.example.com/drift)');
  }
  if (url.protocol !== 'https:' || url.username || url.password || url.search || url.hash) {
    return no('is not an https URL without credentials, query or fragment (https://reports.example.com/drift)');
  }
  return ok(v.replace(/\/+$/, ''));
}

/**
 * An IANA time zone the runtime knows, e.g. `Europe/Berlin`, spelled as IANA spells it: the runtime
 * takes `europe/berlin`, but IANA names are case-sensitive and Scheduler refuses the schedule at deploy.
 */
export function timeZone(v: string): Checked {
  let resolved: string;
  try {
    resolved = new Intl.DateTimeFormat('en', { timeZone: v }).resolvedOptions().timeZone;
  } catch {
    return no('is not an IANA time zone (e.g. Europe/Berlin)');
  }
  const same = (name: string) => name.toLowerCase() === v.toLowerCase();
  const known = [resolved, ...Intl.supportedValuesOf('timeZone')].find(same);
  // An alias Intl does not list (`US/Eastern`) stays as written, unless it is miscased: every part of an IANA
  // name starts with a capital, so `us/eastern` is written as the zone it names.
  return ok(known ?? (v.split('/').some((part) => !/^[A-Z]/.test(part)) ? resolved : v));
}
