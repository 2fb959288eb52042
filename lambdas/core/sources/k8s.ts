import type { ParseContext } from './context';
import { otherConsumers } from './k8s-consumers';
import { readContainerEnv } from './k8s-env';
import { subPathReads } from './k8s-mounts';
import { readVolumeRefs } from './k8s-volume-refs';
import { indexObjects } from './k8s-objects';
import { podRuntime } from './k8s-pods';
import { readContainerResources, readWorkloadRuntime } from './k8s-runtime';
import { findWorkload, pickContainer } from './k8s-workload';
import { ObservationSet } from './observations';
import type { SourceParseResult } from './result';

export { parseManifestText } from './k8s-manifest';

/** Options of a `k8s` (or `eks`) source: which workload and container to read. */
export interface K8sOptions {
  workload: string;
  container?: string;
  namespace?: string;
  /** Manifest files that could not be read (their errors are the source's already): a workload not found may be in one. */
  unreadable?: number;
  /**
   * The objects may lack those the container only mounts (names in no `env` or `envFrom`): a kubectl capture of
   * what its environment names, or a drift recording made before drift fetched mounted objects. One absent is
   * unknown there, not missing; what the objects do hold is judged all the same.
   */
  mountedMayBeAbsent?: boolean;
}

/**
 * The effective configuration of one container of a Deployment, StatefulSet or DaemonSet, from
 * Kubernetes objects (manifests or what the API returned), with the kubelet's precedence.
 */
export function parseK8s(objects: Array<{ file: string; object: unknown }>, opts: K8sOptions, ctx: ParseContext): SourceParseResult {
  const result: SourceParseResult = { observations: [], dangling: [], errors: [] };
  const index = indexObjects(objects, result.errors);
  const w = findWorkload(index, opts.workload, opts.namespace, opts.unreadable ?? 0);
  if ('error' in w) {
    result.errors.push(w.error);
    return result;
  }
  const out = new ObservationSet(ctx);
  const picked = pickContainer(w, opts.container);
  if ('error' in picked) {
    result.errors.push(picked.error);
  } else {
    const read = { ctx, objects: index, w, container: picked.container, containerName: picked.name, unreadable: opts.unreadable };
    const reads = readContainerEnv(read, out, result);
    readVolumeRefs({ ...read, mountedMayBeAbsent: opts.mountedMayBeAbsent === true }, result);
    const runtime = podRuntime(index, w, picked.name, reads, subPathReads(index, w, picked.container));
    if (runtime) result.runtime = runtime;
    readContainerResources(ctx, w, picked.container, picked.name, out, result.errors);
  }
  // After env, so a variable that canonicalises to a reserved `runtime.*` key cannot stand in for it.
  readWorkloadRuntime(ctx, index, w, out, result.errors);
  result.observations = out.list();
  const consumers = otherConsumers(index, w);
  if (consumers.length) result.consumers = consumers;
  return result;
}
