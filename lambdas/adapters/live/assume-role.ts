import { AssumeRoleCommand, type STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { isThrottling } from './aws-errors';
import { ReadRoleError } from './read-role-error';

/** Renew this long before the session expires, so no call goes out with credentials about to lapse. */
const RENEW_BEFORE_MS = 5 * 60_000;

/** STS's refusal in words to act on; a throttled, network or server error stays as it is (retried, and said as such). */
function refused(roleArn: string, err: unknown): unknown {
  const e = err as { name?: unknown; $fault?: unknown } | null;
  if (e?.$fault !== 'client' || isThrottling(err) || typeof e.name !== 'string') return err;
  const account = roleArn.split(':')[4] ?? '?';
  return new ReadRoleError(
    `the read role ${roleArn} could not be assumed (${e.name}): it is not there yet (deploy its DriftMemberRead stack in account ${account}) or does not trust these credentials (it trusts the installation's snapshot role only)`,
    { cause: err, context: { roleArn } },
  );
}

/**
 * Credentials of a member account's read role, from STS AssumeRole through the given client, kept
 * until shortly before they expire; concurrent callers share one request.
 */
export function assumeRoleCredentials(sts: STSClient, roleArn: string, now: () => number = Date.now): AwsCredentialIdentityProvider {
  let current: AwsCredentialIdentity | undefined;
  let pending: Promise<AwsCredentialIdentity> | undefined;
  const assume = async (): Promise<AwsCredentialIdentity> => {
    const out = await sts
      .send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'drift-audit', DurationSeconds: 3600 }))
      .catch((err: unknown) => Promise.reject(refused(roleArn, err)));
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
