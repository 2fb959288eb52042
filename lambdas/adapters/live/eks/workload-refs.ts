import { findWorkload, pickContainer } from '../../../core/sources/k8s-workload';
import { indexObjects } from '../../../core/sources/k8s-objects';
import { backingsOf, podMounts } from '../../../core/sources/k8s-mounts';
import { containerReferences, type DataKind } from '../../../core/sources/k8s-references';

/** A ConfigMap or Secret the chosen container reads its environment or mounted files from. */
export interface DataRef {
  kind: DataKind;
  name: string;
  /** Only a volume's: no value is read from it, only whether it (and the keys its items name) is there. */
  mountedOnly?: true;
}

/**
 * The ConfigMaps and Secrets the container's `envFrom` and `env[].valueFrom` name, then those behind the
 * volumes the pod's containers mount (podMounts), each once, in the order they appear. The container is chosen by the parser's own rules, so drift fetches exactly
 * what the parser will read; none when no container can be chosen (the parser reports why).
 */
export function referencedDataObjects(
  workload: { file: string; object: unknown },
  opts: { workload: string; container?: string; namespace?: string },
): DataRef[] {
  const w = findWorkload(indexObjects([workload], []), opts.workload, opts.namespace);
  if ('error' in w) return [];
  const picked = pickContainer(w, opts.container);
  if ('error' in picked) return [];
  const seen = new Map<string, DataRef>();
  // The parser's own reading of references, so drift fetches exactly what it will read.
  for (const { kind, name } of containerReferences(picked.container))
    if (!seen.has(`${kind}/${name}`)) seen.set(`${kind}/${name}`, { kind, name });
  for (const { volume } of podMounts(w, picked.container))
    for (const { kind, name } of backingsOf(volume))
      if (!seen.has(`${kind}/${name}`)) seen.set(`${kind}/${name}`, { kind, name, mountedOnly: true });
  return [...seen.values()];
}
