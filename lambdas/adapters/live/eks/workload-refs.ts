import { findWorkload, pickContainer } from '../../../core/sources/k8s-workload';
import { indexObjects } from '../../../core/sources/k8s-objects';
import { isRecord, rec, records, scalarText, str } from '../../../core/sources/shape';

/** A ConfigMap or Secret the chosen container reads its environment from. */
export interface DataRef {
  kind: 'ConfigMap' | 'Secret';
  name: string;
}

/**
 * The ConfigMaps and Secrets the container's `envFrom` and `env[].valueFrom` name, each once, in the
 * order they appear. The container is chosen by the parser's own rules, so drift fetches exactly
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
  const add = (kind: DataRef['kind'], name: unknown): void => {
    const n = str(name);
    if (n && !seen.has(`${kind}/${n}`)) seen.set(`${kind}/${n}`, { kind, name: n });
  };
  for (const entry of records(picked.container.envFrom)) {
    if (isRecord(entry.configMapRef)) add('ConfigMap', entry.configMapRef.name);
    else if (isRecord(entry.secretRef)) add('Secret', entry.secretRef.name);
  }
  for (const entry of records(picked.container.env)) {
    // As the kubelet (and the parser): a non-empty literal value wins over valueFrom.
    if ((scalarText(entry.value) ?? '') !== '') continue;
    const from = rec(entry.valueFrom);
    if (isRecord(from.configMapKeyRef)) add('ConfigMap', from.configMapKeyRef.name);
    else if (isRecord(from.secretKeyRef)) add('Secret', from.secretKeyRef.name);
  }
  return [...seen.values()];
}
