import type { Observation, Reference, SourceSnapshot } from '../model';
import { SOURCE_KINDS, SOURCE_TYPES, type SourceType } from './registry';
import type { ReferenceResolver, Resolution } from './source-kind';

/** The kinds whose sources answer references, by the reference kind they answer. */
const ANSWERING: ReadonlyMap<Reference['kind'], { type: SourceType; resolver: ReferenceResolver<never> }> = new Map(
  SOURCE_TYPES.flatMap((type) => {
    const references = SOURCE_KINDS[type].references as ReferenceResolver<never> | undefined;
    return references ? [[references.kind, { type, resolver: references }] as const] : [];
  }),
);

/** The source kind that answers a kind of reference, if any (one per reference kind). */
export const answeringKind = (kind: Reference['kind']): SourceType | undefined => ANSWERING.get(kind)?.type;

/**
 * Resolves the references of one environment against its snapshots (in precedence order, lowest
 * first). Each kind's resolver is built on its first reference: most environments have none.
 */
export function environmentResolver(ordered: readonly SourceSnapshot[]): (ref: Reference) => Resolution {
  const built = new Map<Reference['kind'], (ref: Reference) => Resolution>();
  return (ref) => {
    const answering = ANSWERING.get(ref.kind);
    if (!answering) return undefined;
    let resolve = built.get(ref.kind);
    if (!resolve) {
      resolve = answering.resolver.resolver(ordered.filter((s) => s.source.type === answering.type));
      built.set(ref.kind, resolve);
    }
    const r = resolve(ref);
    // An optional reference (ECS and Kubernetes let a secret be optional) never dangles.
    return r && 'missing' in r && ref.optional ? undefined : r;
  };
}

/** For each answering kind, the names its sources' values answer to that references of the environment name. */
export function referencedNames(sources: readonly SourceSnapshot[]): Map<SourceType, Set<string>> {
  const named = new Map<SourceType, Set<string>>();
  for (const s of sources) {
    for (const o of s.observations) {
      if (!o.ref) continue;
      const answering = ANSWERING.get(o.ref.kind);
      if (!answering) continue;
      let names = named.get(answering.type);
      if (!names) named.set(answering.type, (names = new Set()));
      for (const n of answering.resolver.secretNames(o.ref)) names.add(n);
    }
  }
  return named;
}

/** The name an observation of an answering kind answers to. */
export const answeredName = (type: SourceType, o: Observation): string | undefined =>
  (SOURCE_KINDS[type].references as ReferenceResolver<never> | undefined)?.nameOf(o);
