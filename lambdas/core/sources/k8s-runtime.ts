import { makeValue } from '../values/value';
import type { ParseContext } from './context';
import { describeObject, inNamespace, objectMeta, WORKLOAD_APIS, type K8sObject } from './k8s-objects';
import type { Workload } from './k8s-workload';
import type { ObservationSet } from './observations';
import { rec, scalarText, str, type Rec } from './shape';

/** Writes the workload-level keys: replicas (not for a DaemonSet or a job) and autoscaling (not for a job). */
export function readWorkloadRuntime(ctx: ParseContext, objects: K8sObject[], w: Workload, out: ObservationSet): void {
  const text = (key: string, raw: string, value: string, location: string, meta = objectMeta(w.object)): void => {
    out.set(key, raw, makeValue(value, false, ctx.fp), location, meta);
  };
  const api = WORKLOAD_APIS[w.kind];
  if (api.replicas) {
    const replicas = scalarText(rec(w.object.body.spec).replicas) ?? '1';
    text('runtime.replicas', 'spec.replicas', replicas, `${w.label} spec.replicas`);
  }
  if (!api.scalable) return;
  const targets = (o: K8sObject, kindDefault?: string): boolean => {
    const ref = rec(rec(o.body.spec).scaleTargetRef);
    return inNamespace(o, w.namespace) && (str(ref.kind) ?? kindDefault) === w.kind && ref.name === w.object.name;
  };
  const hpa = objects.find((o) => o.kind === 'HorizontalPodAutoscaler' && targets(o));
  if (hpa) {
    const spec = rec(hpa.body.spec);
    const label = describeObject(hpa.kind, w.namespace, hpa.name);
    const meta = objectMeta(hpa);
    text('runtime.autoscaling.enabled', 'HorizontalPodAutoscaler', 'true', label, meta);
    text('runtime.autoscaling.min', 'spec.minReplicas', scalarText(spec.minReplicas) ?? '1', `${label} spec.minReplicas`, meta);
    const max = scalarText(spec.maxReplicas);
    if (max !== undefined) text('runtime.autoscaling.max', 'spec.maxReplicas', max, `${label} spec.maxReplicas`, meta);
    return;
  }
  // KEDA manages an HPA of its own at runtime; in a manifests folder only its ScaledObject shows.
  const keda = objects.find((o) => o.kind === 'ScaledObject' && targets(o, 'Deployment'));
  if (keda) {
    const spec = rec(keda.body.spec);
    const label = describeObject(keda.kind, w.namespace, keda.name);
    const meta = objectMeta(keda);
    const paused = rec(rec(keda.body.metadata).annotations)['autoscaling.keda.sh/paused'] === 'true';
    text('runtime.autoscaling.enabled', 'ScaledObject', paused ? 'false' : 'true', label, meta);
    text('runtime.autoscaling.min', 'spec.minReplicaCount', scalarText(spec.minReplicaCount) ?? '0', `${label} spec.minReplicaCount`, meta);
    text(
      'runtime.autoscaling.max',
      'spec.maxReplicaCount',
      scalarText(spec.maxReplicaCount) ?? '100',
      `${label} spec.maxReplicaCount`,
      meta,
    );
    return;
  }
  // A manifests folder is the declared state: no autoscaler in it means none.
  text('runtime.autoscaling.enabled', 'HorizontalPodAutoscaler', 'false', `no HorizontalPodAutoscaler targets ${w.label}`);
}

/** Writes requests (falling back to limits, as the API server defaults them) and limits. */
export function readContainerResources(ctx: ParseContext, w: Workload, container: Rec, containerName: string, out: ObservationSet): void {
  const resources = rec(container.resources);
  const requests = rec(resources.requests);
  const limits = rec(resources.limits);
  const where = `${w.label} container ${containerName} resources`;
  const meta = objectMeta(w.object);
  for (const resource of ['cpu', 'memory'] as const) {
    const request = scalarText(requests[resource]);
    const limit = scalarText(limits[resource]);
    const effective = request ?? limit;
    if (effective !== undefined) {
      const raw = request !== undefined ? `requests.${resource}` : `limits.${resource}`;
      const note = request !== undefined ? '' : ' (no request: the limit applies)';
      out.set(`runtime.${resource}`, raw, makeValue(effective, false, ctx.fp), `${where}.${raw}${note}`, meta);
    }
    if (limit !== undefined)
      out.set(`runtime.${resource}.limit`, `limits.${resource}`, makeValue(limit, false, ctx.fp), `${where}.limits.${resource}`, meta);
  }
}
