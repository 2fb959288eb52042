import { Hash } from '@smithy/hash-node';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { partitionOf } from '../../../core/aws-partition';

export interface EksTokenInput {
  clusterName: string;
  region: string;
  credentials: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  now: Date;
}

const PREFIX = 'k8s-aws-v1.';
const CLUSTER_ID_HEADER = 'x-k8s-aws-id';
// STS ignores X-Amz-Expires (a token lives 15 minutes after X-Amz-Date); the authenticator expects 60.
const PRESIGN_EXPIRES_SECONDS = 60;

/** The regional STS host the EKS authenticator accepts for `region`'s partition. */
export const stsHost = (region: string): string => `sts.${region}.${partitionOf(region).dnsSuffix}`;

// RFC 3986 unreserved characters only, as SigV4 canonicalises the query.
const escape = (s: string): string => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * A bearer token for the EKS API server, as `aws eks get-token` makes it: a presigned STS
 * GetCallerIdentity URL that signs the cluster name, base64url without padding. Minted locally.
 */
export async function mintEksToken(input: EksTokenInput): Promise<string> {
  const host = stsHost(input.region);
  const signer = new SignatureV4({
    service: 'sts',
    region: input.region,
    credentials: input.credentials,
    sha256: Hash.bind(null, 'sha256'),
  });
  const request = new HttpRequest({
    method: 'GET',
    protocol: 'https:',
    hostname: host,
    path: '/',
    query: { Action: 'GetCallerIdentity', Version: '2011-06-15' },
    headers: { host, [CLUSTER_ID_HEADER]: input.clusterName },
  });
  const signed = await signer.presign(request, { expiresIn: PRESIGN_EXPIRES_SECONDS, signingDate: input.now });
  const params = signed.query ?? {};
  const query = Object.keys(params)
    .sort()
    .map((k) => `${escape(k)}=${escape(String(params[k]))}`)
    .join('&');
  return PREFIX + Buffer.from(`https://${host}/?${query}`, 'utf8').toString('base64url');
}
