import { parseBytes, parseCpuMillis } from '../values/types';
import { podTemplate } from './k8s-objects';
import type { Workload } from './k8s-workload';
import { rec, records, scalarText, str, type Rec } from './shape';

// `metadata.labels['app.kubernetes.io/version']`: one label or annotation of the pod.
const SUBSCRIPTED = /^metadata\.(labels|annotations)\['(.+)'\]$/;

/**
 * What the kubelet sets a `fieldRef` variable to, when the manifest decides it: a label or annotation
 * the pod template writes, the service account it names. Undefined for what only the running pod
 * knows (its name, IP, node), for what the manifest leaves to the cluster (a label a controller adds),
 * and for `metadata.namespace`: like an SSM source's path, the namespace is where the environment
 * lives, not a setting, so it stays the reference, alike in every environment.
 */
export function fieldRefValue(w: Workload, fieldPath: string): string | undefined {
  const template = rec(podTemplate(w.kind, w.object.body));
  if (fieldPath === 'spec.serviceAccountName') return str(rec(template.spec).serviceAccountName);
  const m = SUBSCRIPTED.exec(fieldPath);
  return m ? scalarText(rec(rec(template.metadata)[m[1] as string])[m[2] as string]) : undefined;
}

const RESOURCE = /^(limits|requests)\.(cpu|memory|ephemeral-storage)$/;

/** The container a `resourceFieldRef` names (a regular or init container of the pod), else the one read. */
function containerOf(pod: Rec, current: Rec, name: string | undefined): Rec | undefined {
  if (!name) return current;
  return [...records(pod.containers), ...records(pod.initContainers)].find((c) => str(c.name) === name);
}

/**
 * What the kubelet sets a `resourceFieldRef` variable to, when the manifest says: the quantity divided
 * by the divisor (default 1), rounded up, as a whole number (`limits.memory` 2Gi with divisor 1Mi is
 * `2048`; `requests.cpu` 250m is `1`). A request not written is its limit, as the API server defaults
 * it. Undefined when the manifest does not decide it: a limit not written is the node's allocatable
 * (or a LimitRange's default), and hugepages or an unreadable quantity stay the reference.
 */
export function resourceFieldValue(pod: Rec, current: Rec, ref: Rec): string | undefined {
  const m = RESOURCE.exec(str(ref.resource) ?? '');
  const container = containerOf(pod, current, str(ref.containerName));
  if (!m || !container) return undefined;
  const [, side, resource] = m as unknown as [string, 'limits' | 'requests', string];
  const resources = rec(container.resources);
  const limit = scalarText(rec(resources.limits)[resource]);
  const quantity = side === 'limits' ? limit : (scalarText(rec(resources.requests)[resource]) ?? limit);
  if (quantity === undefined) return undefined;
  const divisor = scalarText(ref.divisor) ?? '1';
  const parse = resource === 'cpu' ? parseCpuMillis : parseBytes;
  const amount = parse(quantity);
  const per = parse(divisor);
  if (amount === undefined || per === undefined || per <= 0) return undefined;
  // The kubelet rounds the quantity up to whole millicores or bytes, then the quotient up.
  return String(Math.ceil(Math.ceil(amount) / Math.ceil(per)));
}
