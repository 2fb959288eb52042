import { EKSClient } from '@aws-sdk/client-eks';
import type { SpecOf } from '../../../core/source-kinds/registry';
import { defineLiveKind } from '../live-kind';
import { eksDiscovery } from './eks-discover';
import { eksAccess, type EksRead } from './eks-access';
import { EksCollector } from './eks-collector';
import type { KubeClientFactory } from './kube-client';
import type { Fetched } from './workload-objects';

/** `eks` live: the cluster's endpoint, then the workload's objects from its API server. */
export const eksLive = defineLiveKind<SpecOf<'eks'>, { eks: EKSClient }, { kube?: KubeClientFactory }, Fetched[], EksRead>({
  clients: (config) => ({ eks: new EKSClient(config) }),
  limits: {
    eks: { rate: 5, burst: 5, concurrency: 2 },
    kubernetes: { rate: 20, burst: 20, concurrency: 4 },
  },
  reader: (deps) => {
    // One collector per account and region keeps DescribeCluster to once per cluster per run.
    const collectors = new Map<string, EksCollector>();
    return {
      collect: async (spec, ctx, call) => {
        const key = `${call.roleArn ?? ''}@${call.region}`;
        let collector = collectors.get(key);
        if (!collector) {
          // It serves every source of its account and region: it gets the shared limit.
          collector = new EksCollector({
            eks: call.clients.eks,
            region: call.region,
            credentials: call.clients.credentials,
            kube: deps.kube,
            limit: call.shared,
            now: call.now,
            keepInputs: call.keepInputs,
          });
          collectors.set(key, collector);
        }
        const result = await collector.collect(spec, ctx);
        return { ...result, kept: result.objects };
      },
    };
  },
  access: eksAccess,
  discover: eksDiscovery,
});
