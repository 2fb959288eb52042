import type { K8sOptions } from '../../../core/sources/k8s';
import type { K8sUnread } from '../../../core/sources/k8s-unread';
import { describeObject, workloadCandidates } from '../../../core/sources/k8s-objects';
import { isRecord } from '../../../core/sources/shape';
import { KubeApiError } from './kube-client';
import { dataObjectPath, hpaListPath, hpaPath, workloadPath } from './kube-paths';
import { readWorkloadPods } from './workload-pods';
import { referencedDataObjects } from './workload-refs';

/** GETs one object: its JSON, or undefined for 404; throws KubeApiError for the rest. */
export type GetObject = (path: string) => Promise<unknown>;

/** One object as the parser takes it; `file` is the API path it came from. */
export type Fetched = { file: string; object: unknown };

/** What the API server gave for one workload, and what it would not let drift read. */
export interface WorkloadObjects {
  objects: Fetched[];
  /** Error lines: reads the Role refused. */
  errors: string[];
  /** `Secret ns/name` of referenced objects that could not be read: unknown, not missing. */
  unreadable: string[];
  /** One of `unreadable` is only mounted (a recording of the read must say it is unknown, not absent). */
  mountedUnread?: true;
  /** What a recording of the read must say could not be read: the objects the env names, and whether the workload autoscales. */
  unread: K8sUnread;
}

/**
 * The object, or the API's refusal as a value where it is not fatal: a 403 (`forbidden`: a Role that
 * names objects refuses the others), or any failure (`any`: for what only the runtime keys need, the
 * HPA, so it never costs the values). Anything else throws.
 */
async function getOr(get: GetObject, path: string, kept: 'forbidden' | 'any'): Promise<unknown> {
  try {
    return await get(path);
  } catch (err) {
    if (err instanceof KubeApiError && (kept === 'any' || err.failure === 'forbidden')) return err;
    throw err;
  }
}

/** What is known of the workload's autoscaler: the HPA, none (known), or unknown (with why, when the API said). */
type HpaAnswer = { hpa: Fetched } | { none: true } | { unknown: KubeApiError | undefined };

/**
 * The HPA whose scaleTargetRef is the workload, whatever its name (`web-hpa` scales `web`): from the
 * namespace's list. Where the Role allows no list (one applied before it did), the HPA named like
 * the workload; its absence then says nothing (another name may scale it), so autoscaling is unknown.
 */
async function workloadHpa(get: GetObject, namespace: string, workload: Fetched & { name: string }): Promise<HpaAnswer> {
  const kind = isRecord(workload.object) ? workload.object.kind : undefined;
  const list = await getOr(get, hpaListPath(namespace), 'any');
  if (isRecord(list) && Array.isArray(list.items)) {
    const hpa = list.items.find((i: unknown) => {
      const target = isRecord(i) && isRecord(i.spec) && isRecord(i.spec.scaleTargetRef) ? i.spec.scaleTargetRef : undefined;
      return target?.kind === kind && target?.name === workload.name;
    });
    return hpa === undefined ? { none: true } : { hpa: { file: hpaListPath(namespace), object: withKind(hpa, 'HorizontalPodAutoscaler') } };
  }
  if (list instanceof KubeApiError && list.failure !== 'forbidden') return { unknown: list };
  const named = await getOr(get, hpaPath(namespace, workload.name), 'any');
  if (named instanceof KubeApiError) return { unknown: named };
  return named === undefined
    ? { unknown: undefined }
    : { hpa: { file: hpaPath(namespace, workload.name), object: withKind(named, 'HorizontalPodAutoscaler') } };
}

/** Fills in `kind` when a proxy strips it, so the parser can index the object. */
const withKind = (body: unknown, kind: string): unknown => (isRecord(body) && body.kind === undefined ? { ...body, kind } : body);

/** The workload, trying each kind it may be; 404 and 403 move on to the next kind. */
async function readWorkload(
  get: GetObject,
  opts: K8sOptions & { namespace: string },
): Promise<(Fetched & { name: string }) | { error: string }> {
  const { kinds, name } = workloadCandidates(opts.workload);
  const forbidden: string[] = [];
  for (const kind of kinds) {
    const path = workloadPath(kind, opts.namespace, name);
    const body = await getOr(get, path, 'forbidden');
    if (body instanceof KubeApiError) forbidden.push(path);
    else if (body !== undefined) return { file: path, object: withKind(body, kind), name };
  }
  const what = `${kinds.join(', ').replace(/, (?=[^,]*$)/, ' or ')} "${name}" not found in namespace ${opts.namespace}`;
  return { error: forbidden.length === 0 ? what : `${what}, or not readable: the Role does not allow get on ${forbidden.join(', ')}` };
}

/**
 * The workload, then (at once) the ConfigMaps and Secrets its container references or mounts, each by name,
 * and the HPA named like it. A 404 leaves the object out, for the parser to judge; 403s are collected.
 */
export async function readWorkloadObjects(
  get: GetObject,
  opts: K8sOptions & { namespace: string },
): Promise<WorkloadObjects | { error: string }> {
  const workload = await readWorkload(get, opts);
  if ('error' in workload) return workload;
  const refs = referencedDataObjects(workload, opts);
  // allSettled, so no request is still queued or in flight when the caller closes the client.
  const podErrors: string[] = [];
  const settled = await Promise.allSettled([
    workloadHpa(get, opts.namespace, workload),
    ...refs.map((ref) => getOr(get, dataObjectPath(ref.kind, opts.namespace, ref.name), 'forbidden')),
  ]);
  const pods = await readWorkloadPods(get, workload.object, opts.namespace, podErrors);
  const [hpa, ...data] = settled.map((s) => {
    if (s.status === 'rejected') throw s.reason;
    return s.value;
  });
  const out: WorkloadObjects = { objects: [workload], errors: [], unreadable: [], unread: { objects: [] } };
  // In reference order, whatever order the answers came in, so runs compare cleanly.
  refs.forEach((ref, i) => {
    const body = data[i];
    if (body instanceof KubeApiError) {
      // A Role that names the objects the environment is read from need not name those only mounted: unknown, not an error.
      const object = describeObject(ref.kind, opts.namespace, ref.name);
      if (!ref.mountedOnly) {
        out.errors.push(body.message);
        out.unread.objects.push(object);
      } else out.mountedUnread = true;
      out.unreadable.push(object);
    } else if (body !== undefined) {
      out.objects.push({ file: dataObjectPath(ref.kind, opts.namespace, ref.name), object: withKind(body, ref.kind) });
    }
  });
  const autoscaler = hpa as HpaAnswer;
  if ('unknown' in autoscaler) {
    if (autoscaler.unknown) out.errors.push(autoscaler.unknown.message);
    out.unread.autoscaling = autoscaler.unknown ? 'unread' : 'unknown';
  } else if ('hpa' in autoscaler) {
    out.objects.push(autoscaler.hpa);
  }
  out.objects.push(...pods);
  out.errors.push(...podErrors);
  return out;
}
