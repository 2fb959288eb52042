import type { MountRead } from '../model';
import { filledByTheCluster } from './k8s-data';
import { describeObject, findObject, objectMeta, type K8sObject } from './k8s-objects';
import { podSpec, type Workload } from './k8s-workload';
import { isRecord, rec, records, str, type Rec } from './shape';
import { withoutTrailingSlashes } from '../trailing-slashes';

/** A ConfigMap or Secret behind a volume (or one source of a projected volume), and its `items` if listed. */
export interface Backing {
  kind: 'ConfigMap' | 'Secret';
  name: string;
  items?: Rec[];
  /** `optional: true`: the kubelet mounts what there is of it, and nothing when it is missing. */
  optional: boolean;
}

function backing(kind: Backing['kind'], ref: Rec, nameField: string): Backing[] {
  const name = str(ref[nameField]);
  if (!name) return [];
  return [{ kind, name, optional: ref.optional === true, ...(Array.isArray(ref.items) ? { items: records(ref.items) } : {}) }];
}

/** The ConfigMaps and Secrets a volume's files come from. */
export function backingsOf(volume: Rec): Backing[] {
  if (isRecord(volume.configMap)) return backing('ConfigMap', volume.configMap, 'name');
  if (isRecord(volume.secret)) return backing('Secret', volume.secret, 'secretName');
  return records(rec(volume.projected).sources).flatMap((s) =>
    isRecord(s.configMap) ? backing('ConfigMap', s.configMap, 'name') : isRecord(s.secret) ? backing('Secret', s.secret, 'name') : [],
  );
}

/** Whether the volume's files all come from ConfigMaps and Secrets (a projected volume may add downward API files, tokens…). */
export const onlyObjectFiles = (volume: Rec): boolean =>
  isRecord(volume.configMap) ||
  isRecord(volume.secret) ||
  (isRecord(volume.projected) && records(rec(volume.projected).sources).every((s) => isRecord(s.configMap) || isRecord(s.secret)));

export const hasKey = (o: K8sObject, key: string): boolean =>
  ['data', 'binaryData', 'stringData'].some((f) => isRecord(o.body[f]) && Object.hasOwn(o.body[f] as Rec, key)) ||
  filledByTheCluster(o, key);

/** The path within its volume a `subPath` names: without a leading `./` or trailing slashes. */
export const volumePath = (subPath: string): string => withoutTrailingSlashes(subPath.replace(/^\.\//, ''));

/** The keys a file or directory at `subPath` of the volume holds: `items` map path → key, else each key is a file. */
export function keysAt(b: Backing, o: K8sObject, subPath: string): string[] {
  const clean = volumePath(subPath);
  if (!b.items) return hasKey(o, clean) ? [clean] : [];
  return b.items
    .filter((i) => {
      const p = str(i.path) ?? '';
      return p === clean || p.startsWith(`${clean}/`);
    })
    .flatMap((i) => (str(i.key) ? [str(i.key) as string] : []));
}

/** The container's volume mounts, each with the pod's volume it names (a mount of no volume is left out: the API refuses it). */
export function containerMounts(w: Workload, container: Rec): Array<{ mount: Rec; volume: Rec; name: string }> {
  const volumes = new Map(records(podSpec(w).volumes).map((v) => [str(v.name) ?? '', v]));
  return records(container.volumeMounts).flatMap((mount) => {
    const name = str(mount.name) ?? '';
    const volume = volumes.get(name);
    return volume ? [{ mount, volume, name }] : [];
  });
}

/** A volume mount of one of the pod's containers, with the container's name. */
export interface PodMount {
  mount: Rec;
  volume: Rec;
  name: string;
  containerName: string;
  container: Rec;
}

/**
 * The mounts of every container the pod starts: the chosen container's first, then its init containers' (sidecars
 * among them) and the other containers'. The kubelet sets up each volume some container mounts before the pod runs,
 * so a required object behind any of them that is not there keeps the whole pod from starting.
 */
export function podMounts(w: Workload, chosen: Rec): PodMount[] {
  const spec = podSpec(w);
  const others = [...records(spec.initContainers), ...records(spec.containers)].filter((c) => c !== chosen);
  return [chosen, ...others].flatMap((container) => {
    const containerName = str(container.name) ?? '?';
    return containerMounts(w, container).map((m) => ({ ...m, containerName, container }));
  });
}

/**
 * What the container copies at start through `subPath` (or `subPathExpr`) mounts of ConfigMap and
 * Secret volumes: the kubelet updates whole-volume mounts in place, never these. A `subPathExpr`
 * depends on the pod, so any key of its objects may be the file: the object itself is the read.
 */
export function subPathReads(objects: K8sObject[], w: Workload, container: Rec): MountRead[] {
  const out = new Map<string, MountRead>();
  for (const { mount, volume } of containerMounts(w, container)) {
    const subPath = str(mount.subPath);
    const expr = str(mount.subPathExpr);
    if (!subPath && !expr) continue;
    const mountPath = str(mount.mountPath) ?? '?';
    for (const b of backingsOf(volume)) {
      const o = findObject(objects, b.kind, b.name, w.namespace);
      if (!o) continue;
      const object = describeObject(b.kind, w.namespace, b.name);
      const keys: Array<string | undefined> = subPath ? keysAt(b, o, subPath) : [undefined];
      const meta = objectMeta(o);
      for (const key of keys) {
        out.set(`${object}\u0000${key ?? ''}\u0000${mountPath}`, {
          object,
          ...(key !== undefined ? { key } : {}),
          mountPath,
          ...(meta.modifiedAt !== undefined ? { modifiedAt: meta.modifiedAt } : {}),
          ...(meta.modifiedBy !== undefined ? { modifiedBy: meta.modifiedBy } : {}),
        });
      }
    }
  }
  return [...out.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, m]) => m);
}
