import type { EKSClient } from '@aws-sdk/client-eks';
import type { SpecOf } from '../../../core/source-kinds/registry';
import { defineLiveKind } from '../live-kind';
import { eksAccess, type EksRead } from './eks-access';
import type { KubeClientFactory } from './kube-client';
import type { EksKept } from '../../../core/source-kinds/file-forms/eks';

export interface EksDeps {
  kube?: KubeClientFactory;
}

/** `eks` live: the cluster's endpoint, then the workload's objects from its API server (eks-sdk.ts). */
export const eksLive = defineLiveKind<SpecOf<'eks'>, { eks: EKSClient }, EksDeps, EksKept, EksRead>({
  limits: {
    eks: { rate: 5, burst: 5, concurrency: 2 },
    kubernetes: { rate: 20, burst: 20, concurrency: 4 },
  },
  access: eksAccess,
  discovers: (scope) =>
    scope.eksCluster === undefined
      ? undefined
      : `EKS cluster ${scope.eksCluster}${scope.namespace === undefined ? '' : ` namespace ${scope.namespace}`}`,
  load: () => import('./eks-sdk').then((m) => m.eksSdk),
});
