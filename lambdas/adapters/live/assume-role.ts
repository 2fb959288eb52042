import { AssumeRoleCommand, type STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';

/** Renew this long before the session expires, so no call goes out with credentials about to lapse. */
const RENEW_BEFORE_MS = 5 * 60_000;

/**
 * Credentials of a member account's read role, from STS AssumeRole through the given client, kept
 * until shortly before they expire; concurrent callers share one request.
 */
export function assumeRoleCredentials(sts: STSClient, roleArn: string, now: () => number = Date.now): AwsCredentialIdentityProvider {
  let current: AwsCredentialIdentity | undefined;
  let pending: Promise<AwsCredentialIdentity> | undefined;
  const assume = async (): Promise<AwsCredentialIdentity> => {
    const out = await sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'drift-audit', DurationSeconds: 3600 }));
    const c = out.Credentials;
    if (!c?.AccessKeyId || !c.SecretAccessKey) throw new Error(`AssumeRole ${roleArn} returned no credentials`);
    return { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken, expiration: c.Expiration };
  };
  return async () => {
    if (current && (!current.expiration || current.expiration.getTime() - now() > RENEW_BEFORE_MS)) return current;
    pending ??= assume().finally(() => (pending = undefined));
    current = await pending;
    return current;
  };
}
