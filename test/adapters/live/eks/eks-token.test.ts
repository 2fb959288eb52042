import { createHash, createHmac } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import { mintEksToken, stsHost } from '../../../../lambdas/adapters/live/eks/eks-token';

const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
const now = new Date('2026-11-24T02:00:00Z');
const mint = (over: Partial<Parameters<typeof mintEksToken>[0]> = {}) =>
  mintEksToken({ clusterName: 'prod-use1', region: 'us-east-1', credentials, now, ...over });

/** The presigned URL inside a token. */
function urlOf(token: string): URL {
  expect(token.startsWith('k8s-aws-v1.')).toBe(true);
  const encoded = token.slice('k8s-aws-v1.'.length);
  // base64url without padding, as Go's base64.RawURLEncoding
  expect(encoded).toMatch(/^[A-Za-z0-9_-]+$/);
  return new URL(Buffer.from(encoded, 'base64url').toString('utf8'));
}

// The parameters aws-iam-authenticator's verifier accepts; any other makes it reject the token.
const ALLOWED = [
  'action',
  'version',
  'x-amz-algorithm',
  'x-amz-credential',
  'x-amz-date',
  'x-amz-expires',
  'x-amz-security-token',
  'x-amz-signature',
  'x-amz-signedheaders',
];

describe('mintEksToken', () => {
  test('is a presigned STS GetCallerIdentity URL in the aws-iam-authenticator format', async () => {
    const url = urlOf(await mint());
    expect(url.protocol).toBe('https:');
    expect(url.host).toBe('sts.us-east-1.amazonaws.com');
    expect(url.pathname).toBe('/');
    const q = url.searchParams;
    expect(q.get('Action')).toBe('GetCallerIdentity');
    expect(q.get('Version')).toBe('2011-06-15');
    expect(q.get('X-Amz-Algorithm')).toBe('AWS4-HMAC-SHA256');
    expect(q.get('X-Amz-Credential')).toBe('AKIDEXAMPLE/20261124/us-east-1/sts/aws4_request');
    expect(q.get('X-Amz-Date')).toBe('20261124T020000Z');
    expect(q.get('X-Amz-Expires')).toBe('60');
    expect(q.get('X-Amz-SignedHeaders')?.split(';')).toEqual(['host', 'x-k8s-aws-id']);
    expect(q.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
    for (const key of q.keys()) expect(ALLOWED).toContain(key.toLowerCase());
    expect(q.getAll('Action')).toHaveLength(1);
  });

  test('is deterministic for fixed credentials and time, and signs the cluster name', async () => {
    const a = await mint();
    expect(await mint()).toBe(a);
    expect(await mint({ clusterName: 'other' })).not.toBe(a);
    expect(await mint({ now: new Date('2026-11-24T02:00:01Z') })).not.toBe(a);
    expect(a.length).toBeLessThan(4096); // the authenticator's limit
  });

  test('the signature is SigV4 over host and x-k8s-aws-id (checked independently of the signer)', async () => {
    const url = urlOf(await mint());
    const q = new URLSearchParams(url.search);
    const signature = q.get('X-Amz-Signature');
    q.delete('X-Amz-Signature');
    const enc = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
    const canonicalQuery = [...q.entries()]
      .map(([k, v]) => `${enc(k)}=${enc(v)}`)
      .sort()
      .join('&');
    const canonicalRequest = [
      'GET',
      '/',
      canonicalQuery,
      'host:sts.us-east-1.amazonaws.com',
      'x-k8s-aws-id:prod-use1',
      '',
      'host;x-k8s-aws-id',
      createHash('sha256').update('').digest('hex'),
    ].join('\n');
    const scope = '20261124/us-east-1/sts/aws4_request';
    const toSign = ['AWS4-HMAC-SHA256', '20261124T020000Z', scope, createHash('sha256').update(canonicalRequest).digest('hex')].join('\n');
    const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data).digest();
    let key = hmac(`AWS4${credentials.secretAccessKey}`, '20261124');
    for (const part of ['us-east-1', 'sts', 'aws4_request']) key = hmac(key, part);
    expect(signature).toBe(createHmac('sha256', key).update(toSign).digest('hex'));
  });

  test('carries the session token of temporary credentials, and takes a provider', async () => {
    const provider = async () => ({ ...credentials, sessionToken: 'FwoGZXIvYXdzE/+token=' });
    const url = urlOf(await mint({ credentials: provider }));
    expect(url.searchParams.get('X-Amz-Security-Token')).toBe('FwoGZXIvYXdzE/+token=');
  });

  test('uses the regional STS host of the partition', async () => {
    expect(urlOf(await mint({ region: 'eu-west-1' })).host).toBe('sts.eu-west-1.amazonaws.com');
    expect(stsHost('cn-north-1')).toBe('sts.cn-north-1.amazonaws.com.cn');
  });

  test.each([
    ['us-gov-west-1', 'sts.us-gov-west-1.amazonaws.com'],
    ['us-iso-east-1', 'sts.us-iso-east-1.c2s.ic.gov'],
    ['us-isob-east-1', 'sts.us-isob-east-1.sc2s.sgov.gov'],
    ['us-isof-south-1', 'sts.us-isof-south-1.csp.hci.ic.gov'],
    ['eu-isoe-west-1', 'sts.eu-isoe-west-1.cloud.adc-e.uk'],
    ['eusc-de-east-1', 'sts.eusc-de-east-1.amazonaws.eu'],
  ])('a cluster in %s is signed for %s', (region, host) => {
    expect(stsHost(region)).toBe(host);
  });

  test('makes no network call', async () => {
    const calls = [jest.spyOn(https, 'request'), jest.spyOn(http, 'request')];
    await mint();
    for (const c of calls) {
      expect(c).not.toHaveBeenCalled();
      c.mockRestore();
    }
  });
});
