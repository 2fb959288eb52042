import type { MountRead, RuntimeUnit, WorkloadRuntime } from '../model';
import { inNamespace, type K8sObject } from './k8s-objects';
import type { Workload } from './k8s-workload';
import { rec, records, str, type Rec } from './shape';

/** True when `labels` satisfy a label selector (matchLabels and matchExpressions). */
export function selects(selector: Rec, labels: Rec): boolean {
  for (const [k, v] of Object.entries(rec(selector.matchLabels))) if (labels[k] !== v) return false;
  for (const e of records(selector.matchExpressions)) {
    const key = str(e.key) ?? '';
    const values = Array.isArray(e.values) ? e.values : [];
    const has = Object.prototype.hasOwnProperty.call(labels, key);
    const ok =
      e.operator === 'In'
        ? has && values.includes(labels[key])
        : e.operator === 'NotIn'
          ? !has || !values.includes(labels[key])
          : e.operator === 'Exists'
            ? has
            : e.operator === 'DoesNotExist'
              ? !has
              : false;
    if (!ok) return false;
  }
  return true;
}

/** When the container last started (a restart reads its env again), else when the pod started. */
function startedAt(pod: Rec, container: string): string | undefined {
  const status = rec(pod.status);
  const own = records(status.containerStatuses).find((c) => c.name === container);
  return str(rec(rec(own?.state).running).startedAt) ?? str(status.startTime);
}

/**
 * The running pods the workload's selector picks in its namespace, as runtime units reading `reads`
 * (the keys its container took from ConfigMaps and Secrets) and the files of its `subPath` mounts.
 * A selector that selects nothing selects no pod.
 */
export function podRuntime(
  objects: K8sObject[],
  w: Workload,
  container: string,
  reads: string[],
  mounts: MountRead[] = [],
): WorkloadRuntime | undefined {
  const selector = rec(rec(w.object.body.spec).selector);
  if (!Object.keys(rec(selector.matchLabels)).length && !records(selector.matchExpressions).length) return undefined;
  const units: RuntimeUnit[] = [];
  for (const o of objects) {
    if (o.kind !== 'Pod' || !inNamespace(o, w.namespace)) continue;
    if (str(rec(o.body.status).phase) !== 'Running' || !selects(selector, rec(rec(o.body.metadata).labels))) continue;
    const at = startedAt(o.body, container);
    if (at) units.push({ unit: 'pod', id: o.name, startedAt: at, reads: [...reads] });
  }
  if (!units.length) return undefined;
  units.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { workload: w.label, units, ...(mounts.length ? { mounts } : {}) };
}
