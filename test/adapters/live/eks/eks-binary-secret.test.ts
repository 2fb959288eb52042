import { DescribeClusterCommand, EKSClient } from '@aws-sdk/client-eks';
import { mockClient } from 'aws-sdk-client-mock';
import { EksCollector } from '../../../../lambdas/adapters/live/eks/eks-collector';
import type { Value } from '../../../../lambdas/core/values/value';
import { testContext, testLabel } from '../../../helpers/context';
import { startFakeKubeApi, type FakeKubeApi } from './fake-kube-api';

const ctx = testContext(testLabel('eks', 'eks prod-use1 api/api-server'));
const eks = mockClient(EKSClient);

const deployment = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'api-server', namespace: 'api' },
  spec: {
    template: {
      spec: {
        containers: [
          {
            name: 'server',
            env: [{ name: 'SIGNING_KEY', valueFrom: { secretKeyRef: { name: 'keys', key: 'signing-key' } } }],
            envFrom: [{ secretRef: { name: 'keys' }, prefix: 'K_' }],
          },
        ],
      },
    },
  },
};

/** The Secret as the API server returns it: `data` is the bytes, base64-encoded; these bytes are not UTF-8. */
const secret = (bytes: number[]) => ({
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name: 'keys', namespace: 'api' },
  type: 'Opaque',
  data: { 'signing-key': Buffer.from(bytes).toString('base64') },
});

async function collectWith(bytes: number[]): Promise<Record<string, Value | undefined>> {
  const api: FakeKubeApi = await startFakeKubeApi([deployment, secret(bytes)]);
  try {
    eks.reset();
    eks.on(DescribeClusterCommand).resolves({ cluster: { name: 'prod-use1', endpoint: api.url, status: 'ACTIVE' } });
    const r = await new EksCollector({
      eks: new EKSClient({ region: 'us-east-1' }),
      region: 'us-east-1',
      credentials: async () => ({ accessKeyId: 'AKIDTEST', secretAccessKey: 'not-a-real-secret' }),
      limit: (_family, fn) => fn(),
      now: () => new Date('2026-11-24T02:00:00Z'),
    }).collect({ cluster: 'prod-use1', namespace: 'api', workload: 'api-server' }, ctx);
    expect(r.errors).toEqual([]);
    const of = (key: string) => r.observations.find((o) => o.key === key)?.value;
    return { env: of('signing.key'), envFrom: of('k.signing.key') };
  } finally {
    await api.close();
  }
}

describe('EksCollector: a Secret whose bytes are not UTF-8 (a binary key)', () => {
  test('a change of its bytes is a change of its fingerprint, through env and envFrom alike', async () => {
    // The kubelet hands the bytes to the process as they are; 0xff and 0xfe differ.
    const before = await collectWith([0x6b, 0xff, 0x01, 0x80]);
    const after = await collectWith([0x6b, 0xfe, 0x01, 0x80]);
    expect(before.env?.kind).toBe('secret');
    expect(before.envFrom?.kind).toBe('secret');
    expect(after.env).not.toEqual(before.env);
    expect(after.envFrom).not.toEqual(before.envFrom);
    // The same bytes read again give the same fingerprint.
    expect(await collectWith([0x6b, 0xff, 0x01, 0x80])).toEqual(before);
  });

  test('UTF-8 text (with a byte-order mark too) keeps the fingerprint of its text', async () => {
    const text = '\ufeffs3cr3t-é';
    const read = await collectWith([...Buffer.from(text, 'utf8')]);
    expect(read.env).toEqual({ kind: 'secret', fingerprint: ctx.fp.fingerprint(text), keyId: ctx.fp.keyId });
  });
});
