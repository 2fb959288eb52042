import { EKSClient } from '@aws-sdk/client-eks';
import type { SpecOf } from '../../../core/source-kinds/registry';
import { defineLiveSdk } from '../live-kind';
import { eksDiscovery } from './eks-discover';
import { EksCollector } from './eks-collector';
import type { EksDeps } from './eks-kind';
import type { EksKept } from '../../../core/source-kinds/file-forms/eks';

/** `eks` live, its SDK part: the cluster's endpoint, then the workload's objects from its API server. */
export const eksSdk = defineLiveSdk<SpecOf<'eks'>, { eks: EKSClient }, EksDeps, EksKept>({
  clients: (config) => ({ eks: new EKSClient(config) }),
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
        return collector.collect(spec, ctx);
      },
    };
  },
  discover: eksDiscovery,
});
