import type { Observation, Origin, Reference, SourceLabel } from '../model';
import type { Value } from '../values/value';
import { keyIdOf, type ParseContext } from './context';

/** What a platform says about the object a value was read from. */
export interface OriginMeta {
  version?: string | number;
  modifiedAt?: string;
  modifiedBy?: string;
  /** SSM: the parameter is a SecureString (Origin.secureString). */
  secureString?: true;
}

/** An Origin for this source, without empty fields. */
export const originOf = (ctx: ParseContext, location: string, meta: OriginMeta = {}): Origin => originAt(ctx.source, location, meta);

/**
 * An Origin without empty fields. The usual shapes are made whole in one literal: a field added
 * afterwards lives in a separate property array, 40 more bytes for each origin kept.
 */
function originAt(source: SourceLabel, location: string, meta: OriginMeta = {}): Origin {
  const { version, modifiedAt, modifiedBy } = meta;
  if (meta.secureString) return { ...originAt(source, location, { version, modifiedAt, modifiedBy }), secureString: true };
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
 * Where values of a source are read: its label, what every location starts with (`prod.json#`,
 * `.env:`; empty where each location is whole), and what the platform says of the object they are
 * read from (a task definition's revision and registration), shared by its values.
 */
export interface SourcePlace extends Readonly<OriginMeta> {
  readonly source: SourceLabel;
  readonly at: string;
}

/** An observation made by `placedObservation`: its place and its own part of the location, as fields. */
interface Placed extends Observation {
  readonly place: SourcePlace;
  readonly tail: string | number;
}

/** What every placed observation inherits: its origin and its JSON, made when asked. */
const PLACED = {
  get origin(): Origin {
    const { place, tail } = this as unknown as Placed;
    return originAt(place.source, place.at + tail, place);
  },
  /** The plain observation, fields in the order a literal has them. */
  toJSON(): Observation {
    const self = this as unknown as Placed;
    const plain: Observation = { key: self.key, rawKey: self.rawKey, value: self.value, origin: self.origin };
    if (self.ref !== undefined) plain.ref = self.ref;
    if (self.placeholder !== undefined) plain.placeholder = self.placeholder;
    if (self.expandedInto !== undefined) plain.expandedInto = self.expandedInto;
    return plain;
  },
};

/**
 * An observation whose Origin is made when it is asked for, from its source's place and its own part
 * of the location (`db.host`, a line number). A big estate reads a million values whose every one has
 * its own place: an Origin object and a location string each were a fifth of a 1,000,000-key audit's
 * memory and a tenth of its time, and only the few keys a finding names ever need theirs. It reads,
 * serialises (`toJSON`) and compares in tests as the plain object it stands for. Copy one with
 * `withValue`/`withOrigin`: a spread carries its place and tail and no origin (that is inherited).
 *
 * An object literal, not a class: V8 allocates the objects of a literal that outlive collections
 * straight into the old generation (allocation-site pretenuring), which it never does for `new`. A
 * million observations copied twice by the young collector were half of what a big audit promotes.
 */
export function placedObservation(
  key: string,
  rawKey: string,
  value: Value,
  place: SourcePlace,
  tail: string | number,
  keyId?: number,
): Observation {
  return { __proto__: PLACED, key, rawKey, value, place, tail, keyId } as unknown as Observation;
}

/** The plain object an observation stands for: a placed one's JSON, any other itself. */
export const plainObservation = (o: Observation): Observation => (Object.getPrototypeOf(o) === PLACED ? PLACED.toJSON.call(o) : o);

/** A plain copy of an observation with another value (observations are shared: replaced, never changed). */
export const withValue = (o: Observation, value: Value): Observation => ({ ...plainObservation(o), value });

/** A plain copy of an observation with another origin. */
export const withOrigin = (o: Observation, origin: Origin): Observation => ({ ...plainObservation(o), origin });

/** The observations in the order of their locations, each location made once (a placed one makes it when asked). */
export function sortedByLocation(observations: readonly Observation[]): Observation[] {
  const located = observations.map((o) => ({ at: o.origin.location, o }));
  located.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  return located.map((l) => l.o);
}

/**
 * The observations of one source, one per canonical key: a later `set` replaces an earlier one, so
 * calling it in the platform's precedence order leaves the winner.
 */
export class ObservationSet {
  /**
   * The winners in the order they were set, while no key was set twice: the interner's record of each key tells a
   * repeat (firstIn), so a task definition of thousands of variables needs no table of its own.
   */
  private readonly inOrder: Observation[] = [];
  /** The winners by key, in the order they were last set: made at the first repeat, or at once without an interner. */
  private byKey: Map<string, Observation> | undefined;
  private readonly listId: number | undefined;
  private readonly replaced: Observation[] = [];
  /** Locations are whole here (`taskdef api:4 container app environment DB_HOST`, shared by the interner). */
  private place: SourcePlace;
  private placeMeta: OriginMeta | undefined;

  constructor(private readonly ctx: ParseContext) {
    this.place = { source: ctx.source, at: '' };
    this.listId = ctx.intern?.openList();
    if (this.listId === undefined) this.byKey = new Map();
  }

  /** The place of values read with `meta`: callers pass one meta object for all of a document's values. */
  private placeWith(meta: OriginMeta | undefined): SourcePlace {
    if (this.placeMeta !== meta) {
      this.placeMeta = meta;
      this.place = { source: this.place.source, at: '', ...meta };
    }
    return this.place;
  }

  /** Records `value` for `key`; an empty key (a name made only of separators) is not a key. True when it replaced one. */
  set(key: string, rawKey: string, value: Value, location: string, meta?: OriginMeta, ref?: Reference): boolean {
    if (key === '') return false;
    const obs = placedObservation(key, rawKey, value, this.placeWith(meta), location, keyIdOf(this.ctx, key));
    if (ref) obs.ref = ref;
    let byKey = this.byKey;
    if (byKey === undefined) {
      if (this.ctx.intern?.firstIn(key, this.listId as number) === true) {
        this.inOrder.push(obs);
        return false;
      }
      byKey = this.byKey = new Map(this.inOrder.map((o) => [o.key, o]));
    }
    const size = byKey.size;
    byKey.set(key, obs);
    // A key set again keeps its first place in a Map: it is moved last, as the winner comes last.
    // Most keys are set once, and cost this one lookup.
    if (byKey.size !== size) return false;
    byKey.delete(key);
    byKey.set(key, obs);
    return true;
  }

  /** Marks the winner of `key` as taken in by another value's expansion (Observation.expandedInto). */
  expandedInto(key: string): void {
    const obs = this.byKey ? this.byKey.get(key) : this.inOrder.find((o) => o.key === key);
    if (obs) obs.expandedInto = true;
  }

  /**
   * Records a value the platform replaced inside the source by a later one of the same name, not by its precedence (a
   * container's `env` list naming a variable twice): listed before every winner, so the winner still applies, and
   * explain can say what it hides.
   */
  earlier(key: string, rawKey: string, value: Value, location: string, meta?: OriginMeta): void {
    if (key !== '') this.replaced.push(placedObservation(key, rawKey, value, this.placeWith(meta), location, keyIdOf(this.ctx, key)));
  }

  /** The replaced values (see earlier), then the winners in the order they were last set. */
  list(): Observation[] {
    return [...this.replaced, ...(this.byKey ? this.byKey.values() : this.inOrder)];
  }
}
