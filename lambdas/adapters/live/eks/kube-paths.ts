import type { WorkloadKind } from '../../../core/sources/k8s-objects';

const seg = encodeURIComponent;

const WORKLOAD_RESOURCES: Record<WorkloadKind, string> = {
  Deployment: 'deployments',
  StatefulSet: 'statefulsets',
  DaemonSet: 'daemonsets',
};

/** `/apis/apps/v1/namespaces/{ns}/deployments/{name}` and its siblings. */
export const workloadPath = (kind: WorkloadKind, namespace: string, name: string): string =>
  `/apis/apps/v1/namespaces/${seg(namespace)}/${WORKLOAD_RESOURCES[kind]}/${seg(name)}`;

/** One ConfigMap or Secret, by name: never a list, so the Role can name exactly what drift reads. */
export const dataObjectPath = (kind: 'ConfigMap' | 'Secret', namespace: string, name: string): string =>
  `/api/v1/namespaces/${seg(namespace)}/${kind === 'ConfigMap' ? 'configmaps' : 'secrets'}/${seg(name)}`;

/** The namespace's HPAs: the one whose scaleTargetRef is the workload may have any name. */
export const hpaListPath = (namespace: string): string => `/apis/autoscaling/v2/namespaces/${seg(namespace)}/horizontalpodautoscalers`;

/** The HPA that, by convention, has the workload's name (what a Role without `list` on HPAs allows). */
export const hpaPath = (namespace: string, name: string): string =>
  `/apis/autoscaling/v2/namespaces/${seg(namespace)}/horizontalpodautoscalers/${seg(name)}`;

const KIND_ALIASES: Record<string, WorkloadKind> = {
  deployment: 'Deployment',
  deployments: 'Deployment',
  deploy: 'Deployment',
  statefulset: 'StatefulSet',
  statefulsets: 'StatefulSet',
  sts: 'StatefulSet',
  daemonset: 'DaemonSet',
  daemonsets: 'DaemonSet',
  ds: 'DaemonSet',
};

/**
 * `api-server`, or kubectl's `deployment/api-server`: which kinds to try, in order, and the name.
 * Mirrors the parser's reading of `workload` (core/sources/k8s-workload.ts), which keeps it private.
 */
export function workloadCandidates(workload: string): { kinds: WorkloadKind[]; name: string } {
  const slash = workload.indexOf('/');
  const kind = slash > 0 ? KIND_ALIASES[workload.slice(0, slash).toLowerCase()] : undefined;
  return kind ? { kinds: [kind], name: workload.slice(slash + 1) } : { kinds: ['Deployment', 'StatefulSet', 'DaemonSet'], name: workload };
}
