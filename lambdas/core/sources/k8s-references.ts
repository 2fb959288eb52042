import { isRecord, rec, records, scalarText, str, type Rec } from './shape';

/** The kinds of object a container reads its environment from. */
export type DataKind = 'ConfigMap' | 'Secret';

/** An `envFrom` entry: every key of the object, each under `prefix` + its name. */
export interface EnvFromReference {
  via: 'envFrom';
  kind: DataKind;
  name: string;
  prefix: string;
  optional: boolean;
}

/** An env variable's `configMapKeyRef` or `secretKeyRef`: one key of the object. */
export interface KeyReference {
  via: 'keyRef';
  kind: DataKind;
  name: string;
  key: string;
  optional: boolean;
}

/** A key ref without its name or key: the pod cannot start; the reader reports it. */
export interface IncompleteKeyReference {
  via: 'incomplete';
  kind: DataKind;
}

/** How one `envFrom` entry reads an object; undefined when it names none (the reader reports it). */
export function envFromReference(entry: Rec): EnvFromReference | undefined {
  const kind: DataKind | undefined = isRecord(entry.configMapRef) ? 'ConfigMap' : isRecord(entry.secretRef) ? 'Secret' : undefined;
  const ref = rec(entry.configMapRef ?? entry.secretRef);
  const name = str(ref.name);
  if (!kind || !name) return undefined;
  return { via: 'envFrom', kind, name, prefix: str(entry.prefix) ?? '', optional: ref.optional === true };
}

/** The object key an env variable's `valueFrom` reads; undefined when it reads none (fieldRef…). */
export function keyReference(valueFrom: Rec): KeyReference | IncompleteKeyReference | undefined {
  const kind: DataKind | undefined = isRecord(valueFrom.configMapKeyRef)
    ? 'ConfigMap'
    : isRecord(valueFrom.secretKeyRef)
      ? 'Secret'
      : undefined;
  if (!kind) return undefined;
  const sel = rec(kind === 'ConfigMap' ? valueFrom.configMapKeyRef : valueFrom.secretKeyRef);
  const [name, key] = [str(sel.name), str(sel.key)];
  if (!name || !key) return { via: 'incomplete', kind };
  return { via: 'keyRef', kind, name, key, optional: sel.optional === true };
}

/** The env entry's literal value, as the kubelet takes it. */
export const literalOf = (entry: Rec): string => scalarText(entry.value) ?? '';

/** Whether the kubelet takes the entry's `valueFrom`: a non-empty literal wins over it. */
export const takesValueFrom = (entry: Rec): boolean => literalOf(entry) === '' && entry.valueFrom !== undefined && entry.valueFrom !== null;

/** A reference with the env variable it sets (key refs). */
export type ContainerReference = EnvFromReference | (KeyReference & { env: string });

/** The ConfigMaps and Secrets one container reads into its environment, in kubelet order (envFrom, then env). */
export function containerReferences(container: Rec): ContainerReference[] {
  const out: ContainerReference[] = [];
  for (const entry of records(container.envFrom)) {
    const ref = envFromReference(entry);
    if (ref) out.push(ref);
  }
  for (const entry of records(container.env)) {
    const env = str(entry.name);
    if (!env || !takesValueFrom(entry) || !isRecord(entry.valueFrom)) continue;
    const ref = keyReference(entry.valueFrom);
    if (ref?.via === 'keyRef') out.push({ ...ref, env });
  }
  return out;
}

/** A reference with the container that makes it. */
export type TemplateReference = ContainerReference & { container: string; init: boolean };

/** What a pod template's containers, init containers first, read into their environment from ConfigMaps and Secrets. */
export function templateReferences(template: Rec): TemplateReference[] {
  const spec = rec(template.spec);
  const tagged = [
    ...records(spec.initContainers).map((c) => ({ c, init: true })),
    ...records(spec.containers).map((c) => ({ c, init: false })),
  ];
  return tagged.flatMap(({ c, init }) => containerReferences(c).map((r) => ({ ...r, container: str(c.name) ?? '?', init })));
}
