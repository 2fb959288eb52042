import type { Observation } from '../model';
import { WORKLOAD_KINDS } from '../sources/k8s-objects';
import { ENV_FROM, KEY_REF } from '../sources/k8s-locations';
import type { RevertInput, RevertNeighbour } from './revert-step';

// Every location the k8s parser writes for the workload itself starts with its kind, namespace and name.
const WORKLOAD = new RegExp(`^(${WORKLOAD_KINDS.join('|')}) ([^/\\s]+)\\/(\\S+) `);

/** A workload as kubectl names it (`deployment/checkout-api`) and its namespace. */
export interface Workload {
  resource: string;
  namespace: string;
}

export type K8sSpec = { workload: string; namespace?: string; cluster?: string; region?: string };

/**
 * The workload a source reads, as kubectl names it, from where its values were read. A workload that
 * reads only `envFrom` names itself nowhere: its namespace is that of the objects it reads (a pod
 * reads ConfigMaps and Secrets of its own namespace only).
 */
export function workloadOf(observations: readonly Observation[], spec: K8sSpec): Workload {
  for (const o of observations) {
    const m = WORKLOAD.exec(o.origin.location);
    if (m) return { resource: `${(m[1] as string).toLowerCase()}/${m[3]}`, namespace: m[2] as string };
  }
  const named = spec.workload.includes('/') ? spec.workload.toLowerCase() : `deployment/${spec.workload}`;
  const read = observations.map((o) => ENV_FROM.exec(o.origin.location)).find(Boolean);
  return { resource: named, namespace: spec.namespace ?? read?.[2] ?? 'default' };
}

/** The ConfigMap or Secret key a change patches: `ConfigMap checkout/api-config` and `LOG_LEVEL`. */
export interface PatchedKey {
  object: string;
  key: string;
}

/** The workload of a neighbour's observation that reads the patched key, if it reads it. */
function readerOf(o: Observation, patched: PatchedKey, n: RevertNeighbour): Workload | undefined {
  const fromObject = ENV_FROM.exec(o.origin.location);
  if (fromObject && `${fromObject[1]} ${fromObject[2]}/${fromObject[3]}` === patched.object && fromObject[4] === patched.key)
    return workloadOf(n.observations, n.spec as K8sSpec);
  const ref = KEY_REF.exec(o.origin.location);
  if (ref && `${ref[6]} ${ref[7]}/${ref[8]}` === patched.object && ref[9] === patched.key)
    return { resource: `${ref[1]?.toLowerCase()}/${ref[3]}`, namespace: ref[2] as string };
  return undefined;
}

/** Whether a neighbour's objects are the source's (manifests of the environment, or one EKS cluster): as their kinds' objectsPlace say. */
const samePlace = (input: RevertInput<K8sSpec>, n: RevertNeighbour): boolean => n.place !== undefined && n.place === input.place;

/**
 * The other workloads drift knows to read the patched key: those of the source's own inputs (its
 * manifests) and of the environment's other sources in the same place; never `self`.
 */
export function otherReaders(input: RevertInput<K8sSpec>, patched: PatchedKey, self: Workload): Workload[] {
  const found = new Map<string, Workload>();
  const add = (w: Workload): void => {
    if (w.resource !== self.resource || w.namespace !== self.namespace) found.set(`${w.namespace}/${w.resource}`, w);
  };
  const near = input.neighbours.filter((n) => samePlace(input, n));
  for (const c of [...input.consumers, ...near.flatMap((n) => n.consumers)])
    if (c.object === patched.object && (c.key === undefined || c.key === patched.key))
      add({ resource: c.workload, namespace: c.namespace });
  for (const n of near)
    for (const o of n.observations) {
      const w = readerOf(o, patched, n);
      if (w) add(w);
    }
  return [...found.values()].sort((a, b) => (`${a.namespace}/${a.resource}` < `${b.namespace}/${b.resource}` ? -1 : 1));
}
