import { DescribeClusterCommand, EKSClient } from '@aws-sdk/client-eks';
import { ECSClient, ListServicesCommand } from '@aws-sdk/client-ecs';
import { DescribeParametersCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { discoveringKinds } from '../../../lambdas/adapters/live/discover-sources';
import { LIVE, loadLive } from '../../../lambdas/adapters/live/live-kinds';
import { ecsDiscovery } from '../../../lambdas/adapters/live/ecs/ecs-discover';
import { eksDiscovery, MAX_DISCOVERED } from '../../../lambdas/adapters/live/eks/eks-discover';
import { parameterGroups, ssmDiscovery } from '../../../lambdas/adapters/live/ssm/ssm-discover';
import { parse } from 'yaml';
import { renderSkeleton } from '../../../lambdas/core/init/render-skeleton';
import { startFakeKubeApi } from './eks/fake-kube-api';

const credentials = async () => ({ accessKeyId: 'AKIDTEST', secretAccessKey: 'not-a-real-secret' });
const REGION = 'us-east-1';

describe('discovery through the live kinds', () => {
  it('each kind says which scope it answers', () => {
    const kinds = (scope: object) => discoveringKinds({ region: REGION, ...scope }).map((k) => k.type);
    expect(kinds({ ssmPath: '/' })).toEqual(['ssm']);
    expect(kinds({ ecsCluster: 'c', eksCluster: 'k' })).toEqual(['ecs', 'eks']);
    expect(kinds({})).toEqual([]);
  });

  it('a kind that discovers a scope has a discovery in its SDK part, and one that does not has none', async () => {
    for (const { type, live } of LIVE)
      expect([type, Boolean((await loadLive(type)).discover)]).toEqual([type, live.discovers !== undefined]);
  });
});

describe('ssm discovery', () => {
  const ssm = new SSMClient({ region: REGION, credentials });
  const mock = mockClient(ssm);
  afterEach(() => mock.reset());
  afterAll(() => ssm.destroy());

  it('pages DescribeParameters with a recursive path filter and proposes one environment per folder under it', async () => {
    mock
      .on(DescribeParametersCommand)
      .resolvesOnce({
        Parameters: [
          { Name: '/staging/checkout/api/timeout', Type: 'String' },
          { Name: '/staging/checkout/db/password', Type: 'SecureString' },
        ],
        NextToken: 't1',
      })
      .resolvesOnce({ Parameters: [{ Name: '/production-us/checkout/api/timeout', Type: 'String' }] });
    const found = await ssmDiscovery.discover({ region: REGION, ssmPath: '/' }, { ssm, region: REGION, credentials }, {});
    const calls = mock.commandCalls(DescribeParametersCommand).map((c) => c.args[0].input);
    expect(calls).toEqual([
      { ParameterFilters: [{ Key: 'Path', Option: 'Recursive', Values: ['/'] }], MaxResults: 50, NextToken: undefined },
      { ParameterFilters: [{ Key: 'Path', Option: 'Recursive', Values: ['/'] }], MaxResults: 50, NextToken: 't1' },
    ]);
    expect(found).toEqual([
      { environment: 'production-us', type: 'ssm', fields: { path: '/production-us/checkout/api/' }, note: '1 parameter' },
      { environment: 'staging', type: 'ssm', fields: { path: '/staging/checkout/' }, note: '2 parameters (1 SecureString)' },
    ]);
  });

  it('stops when DescribeParameters gives its page token again (it has no deadline to stop it)', async () => {
    mock.on(DescribeParametersCommand).resolves({ Parameters: [{ Name: '/staging/a', Type: 'String' }], NextToken: 'again' });
    await expect(ssmDiscovery.discover({ region: REGION, ssmPath: '/' }, { ssm, region: REGION, credentials }, {})).rejects.toThrow(
      'the service gave the same page token twice',
    );
    expect(mock.commandCalls(DescribeParametersCommand)).toHaveLength(2);
  });

  it('leaves out parameters directly under the prefix beside environment folders: a source there would read them all', () => {
    const groups = parameterGroups('/checkout/', [
      { name: '/checkout/production/port', secure: false },
      { name: '/checkout/staging/port', secure: false },
      { name: '/checkout/version', secure: false },
    ]);
    expect(groups.filter((g) => !g.leftOut).map((g) => [g.environment, g.fields.path])).toEqual([
      ['production', '/checkout/production/'],
      ['staging', '/checkout/staging/'],
    ]);
    expect(groups.find((g) => g.leftOut)).toMatchObject({ note: '1 parameter directly under /checkout/' });
    const skeleton = renderSkeleton({ region: REGION, ssmPath: '/checkout/' }, groups);
    expect(skeleton).toContain('# Left out: 1 parameter directly under /checkout/: an ssm source reads its path recursively');
    expect(parse(skeleton).environments).toEqual({
      production: { region: REGION, sources: [{ ssm: { path: '/checkout/production/' } }] },
      staging: { region: REGION, sources: [{ ssm: { path: '/checkout/staging/' } }] },
    });
  });

  it('names the environment after the prefix when the parameters sit right under it', () => {
    expect(parameterGroups('checkout/staging', [{ name: '/checkout/staging/port', secure: false }])).toEqual([
      { environment: 'staging', type: 'ssm', fields: { path: '/checkout/staging/' }, note: '1 parameter' },
    ]);
  });
});

describe('ecs discovery', () => {
  const ecs = new ECSClient({ region: REGION, credentials });
  const mock = mockClient(ecs);
  afterAll(() => ecs.destroy());

  it('lists the services of the cluster, page by page', async () => {
    mock
      .on(ListServicesCommand)
      .resolvesOnce({ serviceArns: ['arn:aws:ecs:us-east-1:1:service/apps/checkout-staging'], nextToken: 'n' })
      .resolvesOnce({ serviceArns: ['arn:aws:ecs:us-east-1:1:service/apps/checkout-prod'] });
    const found = await ecsDiscovery.discover({ region: REGION, ecsCluster: 'apps' }, { ecs, region: REGION, credentials }, {});
    expect(mock.commandCalls(ListServicesCommand).map((c) => c.args[0].input.nextToken)).toEqual([undefined, 'n']);
    expect(found.map((f) => [f.environment, f.fields])).toEqual([
      ['checkout-prod', { cluster: 'apps', service: 'checkout-prod' }],
      ['checkout-staging', { cluster: 'apps', service: 'checkout-staging' }],
    ]);
  });
});

describe('eks discovery', () => {
  const eks = new EKSClient({ region: REGION, credentials });
  const mock = mockClient(eks);
  afterAll(() => eks.destroy());

  it('a Deployments list that never ends (a new continue token every page) stops after MAX_DISCOVERED, saying so', async () => {
    const api = await startFakeKubeApi([]);
    try {
      const path = '/apis/apps/v1/namespaces/checkout/deployments?limit=100';
      const perPage = 100;
      const pages = Math.ceil(MAX_DISCOVERED / perPage) + 5;
      for (let i = 0; i < pages; i++) {
        const items = Array.from({ length: perPage }, (_, j) => ({
          metadata: { name: `d${i}-${j}`, managedFields: [{ manager: 'kubectl', fieldsV1: { padding: 'x'.repeat(100) } }] },
          spec: { template: { spec: { containers: [{ name: 'app' }] } } },
        }));
        api.route(i === 0 ? path : `${path}&continue=t${i}`, {
          status: 200,
          body: { kind: 'DeploymentList', metadata: { continue: `t${i + 1}` }, items },
        });
      }
      mock.on(DescribeClusterCommand, { name: 'prod-use1' }).resolves({ cluster: { name: 'prod-use1', endpoint: api.url } });
      await expect(
        eksDiscovery.discover({ region: REGION, eksCluster: 'prod-use1', namespace: 'checkout' }, { eks, region: REGION, credentials }, {}),
      ).rejects.toThrow(`more than ${MAX_DISCOVERED} Deployments`);
      expect(api.requests.length).toBeLessThanOrEqual(Math.ceil(MAX_DISCOVERED / perPage) + 1);
    } finally {
      await api.close();
    }
  });

  it("lists the namespace's Deployments from the cluster's API server, page by page, with a bearer token", async () => {
    const api = await startFakeKubeApi([]);
    try {
      // Pages, as a big namespace needs: one list of a thousand Deployments with their managedFields passes the API's response cap.
      api.route('/apis/apps/v1/namespaces/checkout/deployments?limit=100', {
        status: 200,
        body: {
          kind: 'DeploymentList',
          metadata: { continue: 'next/1' },
          items: [{ metadata: { name: 'checkout-api' }, spec: { replicas: 3, template: { spec: { containers: [{ name: 'api' }] } } } }],
        },
      });
      api.route('/apis/apps/v1/namespaces/checkout/deployments?limit=100&continue=next%2F1', {
        status: 200,
        body: {
          kind: 'DeploymentList',
          metadata: {},
          items: [{ metadata: { name: 'worker' }, spec: { template: { spec: { containers: [{ name: 'main' }, { name: 'sidecar' }] } } } }],
        },
      });
      mock.on(DescribeClusterCommand, { name: 'prod-use1' }).resolves({ cluster: { name: 'prod-use1', endpoint: api.url } });
      const found = await eksDiscovery.discover(
        { region: REGION, eksCluster: 'prod-use1', namespace: 'checkout' },
        { eks, region: REGION, credentials },
        {},
      );
      expect(found).toEqual([
        {
          environment: 'checkout-checkout-api',
          type: 'eks',
          fields: { cluster: 'prod-use1', namespace: 'checkout', workload: 'checkout-api', container: 'api' },
          note: 'Deployment, 3 replicas',
        },
        {
          environment: 'checkout-worker',
          type: 'eks',
          fields: { cluster: 'prod-use1', namespace: 'checkout', workload: 'worker' },
          note: 'Deployment, 1 replica; pick container: of main, sidecar',
        },
      ]);
      expect(api.requests.map((r) => r.path)).toEqual([
        '/apis/apps/v1/namespaces/checkout/deployments?limit=100',
        '/apis/apps/v1/namespaces/checkout/deployments?limit=100&continue=next%2F1',
      ]);
      expect(api.requests[0]!.headers.authorization).toMatch(/^Bearer k8s-aws-v1\./);
    } finally {
      await api.close();
    }
  });
});
