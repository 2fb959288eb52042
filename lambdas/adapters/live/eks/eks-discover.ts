import type { EKSClient } from '@aws-sdk/client-eks';
import type { Discovery } from '../discovery';
import { unlimited } from '../limit';
import { EndlessPagingError, eachPage } from '../paging';
import { EksClusters } from './eks-clusters';
import { mintEksToken } from './eks-token';
import { httpKubeClient, KubeApiError, type KubeClientFactory } from './kube-client';

interface DeploymentList {
  metadata?: { continue?: string };
  items?: Array<{
    metadata?: { name?: string };
    spec?: { replicas?: number; template?: { spec?: { containers?: Array<{ name?: string }> } } };
  }>;
}

const seg = encodeURIComponent;
/** Deployments a page: a namespace of a thousand, with their managedFields, passes the API server's response cap in one list. */
const DEPLOYMENTS_PAGE = 100;

/**
 * More Deployments than a namespace holds, or than anyone names environments from: a list past it
 * is a server that pages without end, whose pages (up to 8 MB each) would otherwise pile up.
 */
export const MAX_DISCOVERED = 5_000;

/** What discovery reads of a Deployment, taken as its page arrives: the rest (managedFields, the pod spec) is never kept. */
interface Found {
  name: string;
  replicas: number;
  containers: string[];
}

function found(d: NonNullable<DeploymentList['items']>[number]): Found | undefined {
  const name = d.metadata?.name;
  if (!name) return undefined;
  const containers = (d.spec?.template?.spec?.containers ?? []).flatMap((c) => (c.name ? [c.name] : []));
  return { name, replicas: d.spec?.replicas ?? 1, containers };
}

/**
 * `eks`: the Deployments of `--namespace` in `--eks-cluster`, listed page by page from its API server
 * (names, replicas and container names only); each is proposed as an environment to name.
 */
export const eksDiscovery: Discovery<{ eks: EKSClient }, { kube?: KubeClientFactory }> = {
  async discover(scope, clients, deps, limit = unlimited) {
    const cluster = scope.eksCluster as string;
    const namespace = scope.namespace ?? 'default';
    const access = await new EksClusters(clients.eks, scope.region, limit).access(cluster);
    const token = await mintEksToken({ clusterName: cluster, region: scope.region, credentials: clients.credentials, now: new Date() });
    const kube = (deps.kube ?? httpKubeClient)(access.endpoint, access.caData, token);
    try {
      const path = `/apis/apps/v1/namespaces/${seg(namespace)}/deployments`;
      const deployments: Found[] = [];
      await eachPage(
        async (token) => {
          const page = `${path}?limit=${DEPLOYMENTS_PAGE}${token === undefined ? '' : `&continue=${seg(token)}`}`;
          const got = await limit('kubernetes', () => kube.getObject(page));
          if (got.status !== 200)
            throw new KubeApiError(`GET ${path}: the namespace ${namespace} was not found`, path, 'status', got.status);
          return got.body as DeploymentList;
        },
        (list) => list.metadata?.continue || undefined,
        (list) => {
          for (const item of list.items ?? []) {
            const d = found(item);
            if (!d) continue;
            if (deployments.length >= MAX_DISCOVERED)
              throw new EndlessPagingError(`more than ${MAX_DISCOVERED} Deployments in ${namespace}`);
            deployments.push(d);
          }
        },
      );
      return deployments.map(({ name, replicas, containers }) => ({
        environment: `${namespace}-${name}`,
        type: 'eks',
        fields: { cluster, namespace, workload: name, ...(containers.length === 1 ? { container: containers[0] as string } : {}) },
        note: `Deployment, ${replicas} replica${replicas === 1 ? '' : 's'}${containers.length > 1 ? `; pick container: of ${containers.join(', ')}` : ''}`,
      }));
    } finally {
      kube.close?.();
    }
  },
};
