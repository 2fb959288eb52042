import { makeValue } from '../values/value';
import type { ParseContext } from './context';
import { describeObject, inNamespace, objectMeta, WORKLOAD_APIS, type K8sObject } from './k8s-objects';
import type { Workload } from './k8s-workload';
import type { ObservationSet } from './observations';
import { notText, rec, scalarText, str, type Rec } from './shape';

/**
 * A count or quantity field as text; one that is a mapping or a list (the API server refuses it, so the recording is
 * broken) is an error and undefined, so the key is unknown rather than given its default.
 */
function fieldText(v: unknown, where: string, errors: string[]): string | undefined | null {
  if (!notText(v)) return scalarText(v);
  errors.push(`${where} is not a number or a quantity (a mapping or a list)`);
  return null;
}

/** Writes the workload-level keys: replicas (not for a DaemonSet or a job) and autoscaling (not for a job). */
export function readWorkloadRuntime(ctx: ParseContext, objects: K8sObject[], w: Workload, out: ObservationSet, errors: string[]): void {
  // `null` is a broken field (see fieldText): the key stays unknown.
  const text = (key: string, raw: string, value: string | null, location: string, meta = objectMeta(w.object)): void => {
    if (value !== null) out.set(key, raw, makeValue(value, false, ctx.fp), location, meta);
  };
  const field = (v: unknown, location: string, absent: string): string | null => {
    const got = fieldText(v, location, errors);
    return got === undefined ? absent : got;
  };
  const api = WORKLOAD_APIS[w.kind];
  if (api.replicas) {
    const at = `${w.label} spec.replicas`;
    text('runtime.replicas', 'spec.replicas', field(rec(w.object.body.spec).replicas, at, '1'), at);
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
    const minAt = `${label} spec.minReplicas`;
    text('runtime.autoscaling.min', 'spec.minReplicas', field(spec.minReplicas, minAt, '1'), minAt, meta);
    const maxAt = `${label} spec.maxReplicas`;
    const max = fieldText(spec.maxReplicas, maxAt, errors);
    if (max !== undefined) text('runtime.autoscaling.max', 'spec.maxReplicas', max, maxAt, meta);
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
    const minAt = `${label} spec.minReplicaCount`;
    text('runtime.autoscaling.min', 'spec.minReplicaCount', field(spec.minReplicaCount, minAt, '0'), minAt, meta);
    const maxAt = `${label} spec.maxReplicaCount`;
    text('runtime.autoscaling.max', 'spec.maxReplicaCount', field(spec.maxReplicaCount, maxAt, '100'), maxAt, meta);
    return;
  }
  // A manifests folder is the declared state: no autoscaler in it means none.
  text('runtime.autoscaling.enabled', 'HorizontalPodAutoscaler', 'false', `no HorizontalPodAutoscaler targets ${w.label}`);
}

/** Writes requests (falling back to limits, as the API server defaults them) and limits. */
export function readContainerResources(
  ctx: ParseContext,
  w: Workload,
  container: Rec,
  containerName: string,
  out: ObservationSet,
  errors: string[],
): void {
  const resources = rec(container.resources);
  const requests = rec(resources.requests);
  const limits = rec(resources.limits);
  const where = `${w.label} container ${containerName} resources`;
  const meta = objectMeta(w.object);
  for (const resource of ['cpu', 'memory'] as const) {
    const request = fieldText(requests[resource], `${where}.requests.${resource}`, errors);
    const limit = fieldText(limits[resource], `${where}.limits.${resource}`, errors);
    // A broken request is unknown: the limit does not stand in for it.
    const effective = request === null ? undefined : (request ?? limit ?? undefined);
    if (effective !== undefined) {
      const raw = request !== undefined ? `requests.${resource}` : `limits.${resource}`;
      const note = request !== undefined ? '' : ' (no request: the limit applies)';
      out.set(`runtime.${resource}`, raw, makeValue(effective, false, ctx.fp), `${where}.${raw}${note}`, meta);
    }
    if (limit !== undefined && limit !== null)
      out.set(`runtime.${resource}.limit`, `limits.${resource}`, makeValue(limit, false, ctx.fp), `${where}.limits.${resource}`, meta);
  }
}
