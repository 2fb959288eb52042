import type { Observation, Origin, Reference } from '../model';
import type { Value } from '../values/value';
import type { ParseContext } from './context';

/** What a platform says about the object a value was read from. */
export interface OriginMeta {
  version?: string | number;
  modifiedAt?: string;
  modifiedBy?: string;
}

/**
 * An Origin for this source, without empty fields. The usual shapes are made whole in one literal:
 * a field added afterwards lives in a separate property array, 40 more bytes for each of a million
 * observations.
 */
export function originOf(ctx: ParseContext, location: string, meta: OriginMeta = {}): Origin {
  const { version, modifiedAt, modifiedBy } = meta;
  const source = ctx.source;
  if (modifiedBy === undefined) {
    if (modifiedAt === undefined) return version === undefined ? { source, location } : { source, location, version };
    if (version !== undefined) return { source, location, version, modifiedAt };
  } else if (version !== undefined && modifiedAt !== undefined) return { source, location, version, modifiedAt, modifiedBy };
  const origin: Origin = { source, location };
  if (meta.version !== undefined) origin.version = meta.version;
  if (meta.modifiedAt !== undefined) origin.modifiedAt = meta.modifiedAt;
  if (meta.modifiedBy !== undefined) origin.modifiedBy = meta.modifiedBy;
  return origin;
}

/**
 * The observations of one source, one per canonical key: a later `set` replaces an earlier one, so
 * calling it in the platform's precedence order leaves the winner.
 */
export class ObservationSet {
  private readonly byKey = new Map<string, Observation>();

  constructor(private readonly ctx: ParseContext) {}

  /** Records `value` for `key`; an empty key (a name made only of separators) is not a key. */
  set(key: string, rawKey: string, value: Value, location: string, meta?: OriginMeta, ref?: Reference): void {
    if (key === '') return;
    const obs: Observation = { key, rawKey, value, origin: originOf(this.ctx, location, meta) };
    if (ref) obs.ref = ref;
    const byKey = this.byKey;
    const size = byKey.size;
    byKey.set(key, obs);
    // A key set again keeps its first place in a Map: it is moved last, as the winner comes last.
    // Most keys are set once, and cost this one lookup.
    if (byKey.size === size) {
      byKey.delete(key);
      byKey.set(key, obs);
    }
  }

  /** Marks the winner of `key` as taken in by another value's expansion (Observation.expandedInto). */
  expandedInto(key: string): void {
    const obs = this.byKey.get(key);
    if (obs) obs.expandedInto = true;
  }

  /** The winners, in the order they were last set. */
  list(): Observation[] {
    return [...this.byKey.values()];
  }
}
