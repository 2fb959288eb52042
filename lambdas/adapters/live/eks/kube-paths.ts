import { WORKLOAD_APIS, type WorkloadKind } from '../../../core/sources/k8s-objects';

const seg = encodeURIComponent;

/** `/apis/apps/v1/namespaces/{ns}/deployments/{name}`, `/apis/batch/v1/…/cronjobs/{name}` and the other kinds'. */
export function workloadPath(kind: WorkloadKind, namespace: string, name: string): string {
  const api = WORKLOAD_APIS[kind];
  return `/apis/${api.group}/${api.version}/namespaces/${seg(namespace)}/${api.resource}/${seg(name)}`;
}

/** One ConfigMap or Secret, by name: never a list, so the Role can name exactly what drift reads. */
export const dataObjectPath = (kind: 'ConfigMap' | 'Secret', namespace: string, name: string): string =>
  `/api/v1/namespaces/${seg(namespace)}/${kind === 'ConfigMap' ? 'configmaps' : 'secrets'}/${seg(name)}`;

/** The namespace's HPAs: the one whose scaleTargetRef is the workload may have any name. */
export const hpaListPath = (namespace: string): string => `/apis/autoscaling/v2/namespaces/${seg(namespace)}/horizontalpodautoscalers`;

/** The HPA that, by convention, has the workload's name (what a Role without `list` on HPAs allows). */
export const hpaPath = (namespace: string, name: string): string =>
  `/apis/autoscaling/v2/namespaces/${seg(namespace)}/horizontalpodautoscalers/${seg(name)}`;
