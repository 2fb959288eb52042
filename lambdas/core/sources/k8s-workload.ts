import {
  describeObject,
  podTemplate,
  WORKLOAD_APIS,
  WORKLOAD_KINDS,
  workloadCandidates,
  type K8sObject,
  type WorkloadKind,
} from './k8s-objects';
import { RENDER_FIRST } from './k8s-kustomize';
import { rec, records, str, type Rec } from './shape';

/** The chosen workload, its effective namespace and (when one could be chosen) its container. */
export interface Workload {
  object: K8sObject;
  kind: WorkloadKind;
  namespace: string;
  /** `Deployment api/api-server`. */
  label: string;
}

const isWorkload = (o: K8sObject): boolean => (WORKLOAD_KINDS as readonly string[]).includes(o.kind);
const ANY_KIND = WORKLOAD_KINDS.join('|');

/** `api-server`, or kubectl's `deployment/api-server` to pick one kind. */
function parseWorkloadName(workload: string): { kind?: WorkloadKind; name: string } {
  const { kinds, name } = workloadCandidates(workload);
  return kinds.length === 1 ? { kind: kinds[0], name } : { name };
}

/** What a copy of a workload lacks that a whole one has: a kustomize patch sets only what it changes. */
function lacks(o: K8sObject): string[] {
  const kind = o.kind as WorkloadKind;
  const containers = records(rec(podTemplate(kind, o.body).spec).containers);
  const out: string[] = [];
  // Required in a Deployment, StatefulSet, DaemonSet or Rollout as written; the API adds a Job's itself.
  if (WORKLOAD_APIS[kind].group !== 'batch' && rec(o.body.spec).selector === undefined) out.push('spec.selector');
  if (containers.length === 0 || containers.some((c) => typeof c.image !== 'string')) out.push('container images');
  return out;
}

/**
 * A copy of the workload that lacks what another copy has is a patch (kustomize's strategic merge),
 * not the object: read as the last copy it would replace the whole workload with the few fields it
 * sets, and read before the base it would be lost. Either way the result is not what runs.
 */
function patchAmongCopies(copies: K8sObject[]): string | undefined {
  if (copies.length < 2) return undefined;
  const missing = copies.map(lacks);
  for (const [i, p] of copies.entries()) {
    const whole = copies.find((_, j) => missing[i]?.some((m) => !missing[j]?.includes(m)));
    if (!whole) continue;
    const what = describeObject(p.kind, p.namespace ?? 'default', p.name);
    return `${what} in ${p.file} has no ${(missing[i] ?? []).join(' or ')}, unlike the one in ${whole.file}: a kustomize patch, which drift does not apply; ${RENDER_FIRST}`;
  }
  return undefined;
}

/** Finds the workload named in the options; a miss or an ambiguity is an error naming what exists. */
export function findWorkload(
  objects: K8sObject[],
  workload: string,
  namespace: string | undefined,
  /** Files that could not be read: the workload may be in one of them, which the message says instead of "not found". */
  unreadable = 0,
): Workload | { error: string } {
  const want = parseWorkloadName(workload);
  const all = objects.filter(isWorkload);
  const named = all.filter(
    (o) => o.name === want.name && (!want.kind || o.kind === want.kind) && (!namespace || (o.namespace ?? namespace) === namespace),
  );
  // The same object twice (two files, or a re-applied manifest): the last one wins, as with kubectl apply.
  const copies = new Map<string, K8sObject[]>();
  for (const o of named) {
    const id = `${o.kind}/${o.namespace ?? namespace ?? 'default'}`;
    const same = copies.get(id);
    if (same) same.push(o);
    else copies.set(id, [o]);
  }
  for (const same of copies.values()) {
    const patch = patchAmongCopies(same);
    if (patch) return { error: patch };
  }
  const found = [...copies.values()].map((same) => same[same.length - 1] as K8sObject);
  const ns = namespace ?? 'default';
  if (found.length === 0) {
    const present = all.filter((o) => !namespace || (o.namespace ?? namespace) === namespace);
    const names = present.map((o) => (namespace || !o.namespace || o.namespace === ns ? o.name : `${o.namespace}/${o.name}`));
    const seen = names.length ? [...new Set(names)].join(', ') : 'none';
    const what = `${want.kind ?? ANY_KIND} "${want.name}"`;
    if (unreadable > 0) {
      const files =
        unreadable === 1 ? 'a manifest file that could not be read' : `one of ${unreadable} manifest files that could not be read`;
      return { error: `${what} not among the manifests read in namespace ${ns} (found: ${seen}): it may be in ${files} (above)` };
    }
    return { error: `${what} not found in namespace ${ns} (found: ${seen})` };
  }
  if (found.length > 1) {
    const where = found.map((o) => `${o.kind} ${o.namespace ?? ns}/${o.name}`).join(', ');
    return { error: `workload "${want.name}" is ambiguous (${where}): set namespace, or name it as kind/name` };
  }
  const object = found[0] as K8sObject;
  const effective = namespace ?? object.namespace ?? 'default';
  const kind = object.kind as WorkloadKind;
  return { object, kind, namespace: effective, label: `${kind} ${effective}/${object.name}` };
}

/** The pod template's spec. */
export const podSpec = (w: Workload): Rec => rec(podTemplate(w.kind, w.object.body).spec);

const templatePath = (kind: WorkloadKind): string => WORKLOAD_APIS[kind].template.join('.');

/** Picks the container: the one named, else the only one (init containers are never chosen). */
export function pickContainer(w: Workload, container: string | undefined): { container: Rec; name: string } | { error: string } {
  const containers = records(podSpec(w).containers);
  const names = containers.map((c) => str(c.name) ?? '?');
  if (containers.length === 0) return { error: `${w.label} has no containers (spec.${templatePath(w.kind)}.spec.containers)` };
  if (container !== undefined) {
    const match = containers.find((c) => c.name === container);
    return match
      ? { container: match, name: container }
      : { error: `container "${container}" not found in ${w.label} (containers: ${names.join(', ')})` };
  }
  if (containers.length > 1) return { error: `${w.label} has several containers (${names.join(', ')}): set container` };
  return { container: containers[0] as Rec, name: names[0] as string };
}
