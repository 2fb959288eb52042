import { isRecord, rec, records, str, type Rec } from '../../../core/sources/shape';
import { KubeApiError } from './kube-client';
import type { Fetched, GetObject } from './workload-objects';

const seg = encodeURIComponent;

/** A label selector as the API's `labelSelector` query takes it; undefined when it selects nothing in particular. */
export function labelSelector(selector: Rec): string | undefined {
  const parts = Object.entries(rec(selector.matchLabels)).map(([k, v]) => `${k}=${String(v)}`);
  for (const e of records(selector.matchExpressions)) {
    const key = str(e.key);
    const values = (Array.isArray(e.values) ? e.values : []).map(String).join(',');
    if (!key) continue;
    if (e.operator === 'In') parts.push(`${key} in (${values})`);
    else if (e.operator === 'NotIn') parts.push(`${key} notin (${values})`);
    else if (e.operator === 'Exists') parts.push(key);
    else if (e.operator === 'DoesNotExist') parts.push(`!${key}`);
  }
  return parts.length ? parts.join(',') : undefined;
}

/** `/api/v1/namespaces/{ns}/pods?labelSelector=…`: the one list the Role allows, on pods of its namespace. */
export const podsPath = (namespace: string, selector: string): string =>
  `/api/v1/namespaces/${seg(namespace)}/pods?labelSelector=${seg(selector)}`;

/** Only what the runtime check reads: a pod's spec carries env values, and is never kept. */
function slim(pod: Rec): Rec {
  const meta = rec(pod.metadata);
  const status = rec(pod.status);
  return {
    kind: 'Pod',
    metadata: { name: meta.name, namespace: meta.namespace, labels: meta.labels },
    status: {
      phase: status.phase,
      startTime: status.startTime,
      containerStatuses: records(status.containerStatuses).map((c) => ({ name: c.name, state: { running: rec(rec(c.state).running) } })),
    },
  };
}

/** The pods the workload's selector picks, as objects for the parser; a refused list is an error line. */
export async function readWorkloadPods(get: GetObject, workload: unknown, namespace: string, errors: string[]): Promise<Fetched[]> {
  const selector = labelSelector(rec(rec(isRecord(workload) ? workload.spec : undefined).selector));
  if (!selector) return [];
  const path = podsPath(namespace, selector);
  let list: unknown;
  try {
    list = await get(path);
  } catch (err) {
    if (!(err instanceof KubeApiError) || err.failure !== 'forbidden') throw err;
    errors.push(`${err.message} (the emitted Role allows list on pods in ${namespace}: apply it again)`);
    return [];
  }
  return records(rec(list).items).map((pod) => ({ file: path, object: slim(pod) }));
}
