import type { OriginMeta } from './observations';
import { isRecord, rec, str, type Rec } from './shape';

/** One Kubernetes object of the inputs, with the fields every lookup needs. */
export interface K8sObject {
  file: string;
  kind: string;
  name: string;
  /** As written; objects without one belong to the workload's namespace. */
  namespace?: string;
  body: Rec;
}

/** The workload kinds a `k8s`/`eks` source can read, in the order a bare name tries them. */
export const WORKLOAD_KINDS = ['Deployment', 'StatefulSet', 'DaemonSet', 'CronJob', 'Job', 'Rollout'] as const;
export type WorkloadKind = (typeof WORKLOAD_KINDS)[number];

/** Where a workload kind lives in the API and where its pod template is: adding a kind is a line here. */
export interface WorkloadApi {
  /** API group and version: `apps/v1`; Argo Rollouts' `argoproj.io/v1alpha1`. */
  readonly group: string;
  readonly version: string;
  /** The plural resource: `deployments`. */
  readonly resource: string;
  /** What kubectl accepts before `/name`, lower case. */
  readonly aliases: readonly string[];
  /** The path from the object's `spec` to its pod template: a CronJob's is under its job template. */
  readonly template: readonly string[];
  /** Whether it runs `spec.replicas` copies (not a DaemonSet, one per node, nor a job, which runs to completion). */
  readonly replicas: boolean;
  /** Whether an HPA or a KEDA ScaledObject may scale it: jobs run to completion. */
  readonly scalable: boolean;
}

const APPS = { group: 'apps', version: 'v1' } as const;
const BATCH = { group: 'batch', version: 'v1' } as const;
const ARGO = { group: 'argoproj.io', version: 'v1alpha1' } as const;

export const WORKLOAD_APIS: { readonly [K in WorkloadKind]: WorkloadApi } = {
  Deployment: {
    ...APPS,
    resource: 'deployments',
    aliases: ['deployment', 'deploy'],
    template: ['template'],
    replicas: true,
    scalable: true,
  },
  StatefulSet: {
    ...APPS,
    resource: 'statefulsets',
    aliases: ['statefulset', 'sts'],
    template: ['template'],
    replicas: true,
    scalable: true,
  },
  DaemonSet: { ...APPS, resource: 'daemonsets', aliases: ['daemonset', 'ds'], template: ['template'], replicas: false, scalable: true },
  CronJob: {
    ...BATCH,
    resource: 'cronjobs',
    aliases: ['cronjob', 'cj'],
    template: ['jobTemplate', 'spec', 'template'],
    replicas: false,
    scalable: false,
  },
  Job: { ...BATCH, resource: 'jobs', aliases: ['job'], template: ['template'], replicas: false, scalable: false },
  Rollout: { ...ARGO, resource: 'rollouts', aliases: ['rollout', 'ro'], template: ['template'], replicas: true, scalable: true },
};

/** `api-server`, or kubectl's `deployment/api-server`: the kinds a name may be, in the order to try them, and the name. */
export function workloadCandidates(workload: string): { kinds: WorkloadKind[]; name: string } {
  const slash = workload.indexOf('/');
  const alias = slash > 0 ? workload.slice(0, slash).toLowerCase() : undefined;
  const kind = WORKLOAD_KINDS.find(
    (k) => alias !== undefined && (WORKLOAD_APIS[k].resource === alias || WORKLOAD_APIS[k].aliases.includes(alias)),
  );
  return kind ? { kinds: [kind], name: workload.slice(slash + 1) } : { kinds: [...WORKLOAD_KINDS], name: workload };
}

/** The pod template of a workload object (its `spec.template`, a CronJob's `spec.jobTemplate.spec.template`). */
export function podTemplate(kind: WorkloadKind, body: Rec): Rec {
  let at = rec(body.spec);
  for (const step of WORKLOAD_APIS[kind].template) at = rec(at[step]);
  return at;
}

// Kinds whose objects must be readable; anything else in a manifests folder (Service, Kustomization…) is ignored.
const KINDS_WE_READ: ReadonlySet<string> = new Set([...WORKLOAD_KINDS, 'ConfigMap', 'Secret', 'HorizontalPodAutoscaler', 'ScaledObject']);

/**
 * The inputs as objects; documents that are not Kubernetes objects are reported, not thrown: once per
 * file and problem with how many, as a List of millions of them is still a few lines (and strings).
 */
export function indexObjects(inputs: Array<{ file: string; object: unknown }>, errors: string[]): K8sObject[] {
  const out: K8sObject[] = [];
  // Per file, then per kind ('' for no kind): how many, in the order first met.
  const unread = new Map<string, Map<string, number>>();
  const count = (file: string, kind: string): void => {
    let kinds = unread.get(file);
    if (!kinds) unread.set(file, (kinds = new Map()));
    kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
  };
  for (const { file, object } of inputs) {
    if (!isRecord(object) || typeof object.kind !== 'string') {
      count(file, '');
      continue;
    }
    const meta = rec(object.metadata);
    const name = str(meta.name);
    if (!name) {
      if (KINDS_WE_READ.has(object.kind)) count(file, object.kind);
      continue;
    }
    const namespace = str(meta.namespace);
    out.push({ file, kind: object.kind, name, body: object, ...(namespace ? { namespace } : {}) });
  }
  const noKind = [...unread].filter(([, kinds]) => kinds.has(''));
  for (const [file, kinds] of noKind) {
    const n = kinds.get('')!;
    errors.push(
      n === 1 ? `${file}: a document is not a Kubernetes object (no kind)` : `${file}: ${n} documents are not Kubernetes objects (no kind)`,
    );
  }
  for (const [file, kinds] of unread)
    for (const [kind, n] of kinds)
      if (kind !== '') errors.push(n === 1 ? `${file}: a ${kind} has no metadata.name` : `${file}: ${n} ${kind}s have no metadata.name`);
  return out;
}

/** True when `o` lives in `namespace` (objects without a namespace count as in it). */
export const inNamespace = (o: K8sObject, namespace: string): boolean => (o.namespace ?? namespace) === namespace;

/** Finds the object of `kind` named `name` in `namespace`; the last one wins, as with `kubectl apply`. */
export function findObject(objects: K8sObject[], kind: string, name: string, namespace: string): K8sObject | undefined {
  let found: K8sObject | undefined;
  for (const o of objects) if (o.kind === kind && o.name === name && inNamespace(o, namespace)) found = o;
  return found;
}

/** `Deployment api/api-server`. */
export const describeObject = (kind: string, namespace: string, name: string): string => `${kind} ${namespace}/${name}`;

const annotation = (o: K8sObject, key: string): string | undefined => str(rec(rec(o.body.metadata).annotations)[key]);

/** The newest non-status managedFields entry: who last wrote the object's spec, and when. */
function lastManager(o: K8sObject): { time?: string; manager?: string } {
  let best: { time?: string; manager?: string } = {};
  for (const f of Array.isArray(rec(o.body.metadata).managedFields) ? (rec(o.body.metadata).managedFields as unknown[]) : []) {
    const entry = rec(f);
    const time = str(entry.time);
    if (!time || entry.subresource === 'status') continue;
    if (!best.time || time > best.time) best = { time, manager: str(entry.manager) };
  }
  return best;
}

/**
 * The newest non-status managedFields entry whose fieldsV1 holds the field at `path` (its keys as
 * the API server writes them: `f:spec`, `k:{"name":"server"}`): who last set that field, and when.
 */
function fieldManager(managed: readonly unknown[], path: readonly string[]): { time: string; manager?: string } | undefined {
  let best: { time: string; manager?: string } | undefined;
  for (const f of managed) {
    const entry = rec(f);
    const time = str(entry.time);
    if (!time || entry.subresource === 'status' || (best && time <= best.time)) continue;
    let at: unknown = entry.fieldsV1;
    for (const step of path) at = isRecord(at) ? at[step] : undefined;
    if (!isRecord(at)) continue;
    const manager = str(entry.manager);
    best = manager === undefined ? { time } : { time, manager };
  }
  return best;
}

/**
 * Version and authorship of one field of an object: `base` (the object's, objectMeta) with who and
 * when of the field's own last writer where managedFields say, so a variable `kubectl set env`
 * changed at 2 AM is not dated by a later `kubectl rollout restart`, nor a variable CI set by it.
 * The `drift.dev/modified-*` annotations, said of the whole object on purpose, still win.
 */
export function fieldMeta(o: K8sObject, path: () => readonly string[], base: OriginMeta = objectMeta(o)): OriginMeta {
  // Recorded manifests rarely keep managedFields: then no path is built, per variable of a big estate.
  const managed = rec(o.body.metadata).managedFields;
  if (!Array.isArray(managed) || managed.length === 0) return base;
  if (annotation(o, 'drift.dev/modified-at') !== undefined || annotation(o, 'drift.dev/modified-by') !== undefined) return base;
  const owner = fieldManager(managed, path());
  if (!owner) return base;
  const { modifiedBy: _objectWriter, ...rest } = base;
  return owner.manager === undefined ? { ...rest, modifiedAt: owner.time } : { ...rest, modifiedAt: owner.time, modifiedBy: owner.manager };
}

/** The managedFields path of a container's variable in a workload's pod template. */
export function envFieldPath(kind: WorkloadKind, container: string, name: string): string[] {
  const template = WORKLOAD_APIS[kind].template.map((step) => `f:${step}`);
  return [
    'f:spec',
    ...template,
    'f:spec',
    'f:containers',
    `k:${JSON.stringify({ name: container })}`,
    'f:env',
    `k:${JSON.stringify({ name })}`,
  ];
}

/**
 * Version and authorship of an object. The rollout revision counts rollouts, so it wins; then the
 * generation, which only a change of the object's spec moves (an HPA's resourceVersion moves with each
 * status write, so its snapshot would read as changed every night); else the opaque resourceVersion
 * (a ConfigMap's or Secret's, which have no generation and move only when written). Who/when come from the `drift.dev/modified-at|-by` annotations, else the
 * newest managedFields entry. `kubernetes.io/change-cause` is deliberately not used: it records the
 * command line (`kubectl set env … DB_PASSWORD=…`, `--from-literal`), which can carry secrets.
 */
export function objectMeta(o: K8sObject): OriginMeta {
  const meta: OriginMeta = {};
  const revision = annotation(o, 'deployment.kubernetes.io/revision');
  const { generation } = rec(o.body.metadata);
  const resourceVersion = str(rec(o.body.metadata).resourceVersion);
  if (revision !== undefined) meta.version = /^\d+$/.test(revision) ? Number(revision) : revision;
  else if (typeof generation === 'number' && Number.isSafeInteger(generation)) meta.version = generation;
  else if (resourceVersion !== undefined) meta.version = resourceVersion;
  const managed = lastManager(o);
  const modifiedAt = annotation(o, 'drift.dev/modified-at') ?? managed.time;
  const modifiedBy = annotation(o, 'drift.dev/modified-by') ?? managed.manager;
  if (modifiedAt !== undefined) meta.modifiedAt = modifiedAt;
  if (modifiedBy !== undefined) meta.modifiedBy = modifiedBy;
  return meta;
}
