import type { SpecOf } from '../../../core/source-kinds/registry';
import { fieldProblem, must, sorted } from '../checked';
import { eksCluster, k8sNamespace, k8sWorkload } from './eks-names';
import { regionalArn, type GrantContext, type KindAccess, type ReadScope } from '../kind-access';

export interface EksRead extends ReadScope {
  cluster: string;
  namespace: string;
  workload: string;
}

/** The cluster a read describes, in its account and region (the installation's where not declared). */
export const eksClusterArn = (r: EksRead, w: GrantContext): string => `${regionalArn('eks', r, w)}:cluster/${r.cluster}`;

/**
 * EKS: DescribeCluster on the declared clusters. What the workload reads inside the cluster is the
 * cluster owner's to allow (an access entry and a namespaced Role, which the CDK code writes).
 */
export const eksAccess: KindAccess<SpecOf<'eks'>, EksRead> = {
  calls: ['eks:DescribeCluster'],
  problems: (spec) => [
    ...fieldProblem('cluster', spec.cluster, eksCluster(spec.cluster)),
    ...fieldProblem('namespace', spec.namespace, k8sNamespace(spec.namespace)),
    ...fieldProblem('workload', spec.workload, k8sWorkload(spec.workload)),
  ],
  read: (spec, scope) => {
    must(`eks ${spec.cluster}`, eksCluster(spec.cluster));
    must(`eks namespace ${spec.namespace}`, k8sNamespace(spec.namespace));
    must(`eks workload ${spec.workload}`, k8sWorkload(spec.workload));
    return { ...scope, cluster: spec.cluster, namespace: spec.namespace, workload: spec.workload };
  },
  key: (r) => `${r.cluster}|${r.namespace}|${r.workload}`,
  grants: (reads, w) => [
    {
      sid: 'DescribeDeclaredClusters',
      actions: ['eks:DescribeCluster'],
      resources: sorted(reads.map((r) => eksClusterArn(r, w))),
    },
  ],
  wildcards: () => [],
  wildcardReason: '',
};
