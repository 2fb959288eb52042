import { isRecord, rec, records, str, type Rec } from '../../../core/sources/shape';
import { EndlessPagingError, eachPage } from '../paging';
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

/** Pods a page: a pod with sidecars and managed fields is 10–20 KB, and a response is read up to 8 MB. */
const PODS_PAGE = 200;

/**
 * More pods than one workload runs (a Deployment of thousands of replicas is rare): a list past it is
 * a server that pages without end, whose pages, each up to 8 MB, would otherwise pile up until the
 * page bound, long after the process ran out of memory.
 */
export const MAX_PODS = 10_000;

/** `/api/v1/namespaces/{ns}/pods?labelSelector=…`: the one list the Role allows, on pods of its namespace. */
export const podsPath = (namespace: string, selector: string): string =>
  `/api/v1/namespaces/${seg(namespace)}/pods?labelSelector=${seg(selector)}`;

/** One page of that list: `limit`, and the server's `continue` token for every page after the first. */
const podsPage = (path: string, token: string | undefined): string =>
  `${path}&limit=${PODS_PAGE}${token === undefined ? '' : `&continue=${seg(token)}`}`;

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

/**
 * How many times a list whose continue token expired is started again. The API server keeps a token
 * for a few minutes (until etcd compacts), so a second expiry is a list too slow to finish this run.
 */
const FRESH_STARTS = 2;

/**
 * Every pod the list gives, slimmed as each page arrives; on 410 Gone for a later page, the list
 * again from its first page, as the API docs say to.
 */
async function listPods(get: GetObject, path: string): Promise<Rec[]> {
  for (let start = 0; ; start++) {
    const items: Rec[] = [];
    let continued = false;
    try {
      await eachPage(
        (token) => {
          continued = token !== undefined;
          return get(podsPage(path, token));
        },
        (list) => str(rec(rec(list).metadata).continue) || undefined,
        (list) => {
          for (const pod of records(rec(list).items)) {
            if (items.length >= MAX_PODS)
              throw new EndlessPagingError(`more than ${MAX_PODS} pods match the workload's selector; its running pods are not judged`);
            items.push(slim(pod));
          }
        },
      );
      return items;
    } catch (err) {
      const expired = err instanceof KubeApiError && err.status === 410 && continued;
      if (!expired) throw err;
      // The 410's own token would go on with a list of another moment: pods could be missed or counted twice.
      if (start >= FRESH_STARTS)
        throw new KubeApiError(
          `GET ${path}: the list's continue token expired (410 Gone) ${start + 1} times; the pods are listed whole next run`,
          err.path,
          'status',
          410,
          { cause: err },
        );
    }
  }
}

/**
 * The pods the workload's selector picks, as objects for the parser. A list the API refuses or fails
 * is an error line and no pods: only the running copies are unknown, never the workload's values.
 */
export async function readWorkloadPods(get: GetObject, workload: unknown, namespace: string, errors: string[]): Promise<Fetched[]> {
  const selector = labelSelector(rec(rec(isRecord(workload) ? workload.spec : undefined).selector));
  if (!selector) return [];
  const path = podsPath(namespace, selector);
  try {
    return (await listPods(get, path)).map((pod) => ({ file: path, object: pod }));
  } catch (err) {
    if (err instanceof EndlessPagingError) {
      errors.push(`GET ${path}: ${err.message}`);
      return [];
    }
    if (!(err instanceof KubeApiError)) throw err;
    errors.push(
      err.failure === 'forbidden' ? `${err.message} (the emitted Role allows list on pods in ${namespace}: apply it again)` : err.message,
    );
    return [];
  }
}
