import type { ObjectConsumer } from '../model';
import { describeObject, podTemplate, WORKLOAD_KINDS, type K8sObject, type WorkloadKind } from './k8s-objects';
import type { Workload } from './k8s-workload';
import { templateReferences } from './k8s-references';
import type { Rec } from './shape';

const isWorkload = (o: K8sObject): o is K8sObject & { kind: WorkloadKind } => (WORKLOAD_KINDS as readonly string[]).includes(o.kind);

/** The objects (and keys) a pod template's containers, init containers included, read into their environment. */
const environmentReads = (template: Rec, namespace: string): Array<{ object: string; key?: string }> =>
  templateReferences(template).map((r) => ({
    object: describeObject(r.kind, namespace, r.name),
    ...(r.via === 'keyRef' ? { key: r.key } : {}),
  }));

const kubectlName = (o: K8sObject): string => `${o.kind.toLowerCase()}/${o.name}`;

/**
 * The other workloads of the inputs that read, into their environment, a ConfigMap or Secret the
 * chosen workload reads: a revert that patches the object changes them too, at their next restart.
 */
export function otherConsumers(objects: readonly K8sObject[], w: Workload): ObjectConsumer[] {
  const own = new Set(environmentReads(podTemplate(w.kind, w.object.body), w.namespace).map((r) => r.object));
  if (own.size === 0) return [];
  const found = new Map<string, ObjectConsumer>();
  for (const o of objects) {
    if (!isWorkload(o) || o === w.object) continue;
    const namespace = o.namespace ?? w.namespace;
    if (o.kind === w.kind && o.name === w.object.name && namespace === w.namespace) continue;
    for (const read of environmentReads(podTemplate(o.kind, o.body), namespace)) {
      if (!own.has(read.object)) continue;
      const consumer: ObjectConsumer = { workload: kubectlName(o), namespace, object: read.object, ...(read.key ? { key: read.key } : {}) };
      found.set(`${consumer.namespace}\u0000${consumer.workload}\u0000${consumer.object}\u0000${consumer.key ?? ''}`, consumer);
    }
  }
  return [...found.values()];
}
