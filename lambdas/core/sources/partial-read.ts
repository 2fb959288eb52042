import type { Observation, SourceSnapshot } from '../model';
import { sortedByLocation, withOrigin } from './observations';

/** The store's current snapshot of a source, as a partial read is stood on it. */
export interface StoredBase {
  hash: string;
  observedAt: string;
  observations: readonly Observation[];
  /** Saved by a targeted read: places found gone by name, and when; absent for a full read (see StoredSnapshot.gone). */
  gone?: Readonly<Record<string, string>>;
}

/** How long a place found gone is remembered: far longer than two runs of one burst overlap. */
const GONE_KEPT_MS = 24 * 3600 * 1000;

const time = (iso: string | undefined): number | undefined => {
  const t = iso === undefined ? NaN : Date.parse(iso);
  return Number.isNaN(t) ? undefined : t;
};

function byPlace(observations: readonly Observation[], read: ReadonlySet<string>): Map<string, Observation[]> {
  const out = new Map<string, Observation[]>();
  for (const o of observations) if (read.has(o.origin.location)) out.set(o.origin.location, [...(out.get(o.origin.location) ?? []), o]);
  return out;
}

/**
 * Of a place this read looked up, the newer state, when the stored snapshot was observed after the
 * read (another targeted run stored first, which may or may not have read that place itself): the
 * value modified last; a value this read found gone stays gone unless the stored one was modified
 * after the read; a value the stored snapshot lacks stays unless it was found gone after the read
 * (`goneAt`). Undefined when a value says no modification time, so nothing can tell.
 */
function newer(
  ours: Observation[] | undefined,
  theirs: Observation[] | undefined,
  readAt: number,
  goneAt: number | undefined,
): Observation[] | null | undefined {
  if (!theirs) return ours && !(goneAt !== undefined && goneAt > readAt) ? ours : null;
  const their = time(theirs[0]!.origin.modifiedAt);
  if (their === undefined) return undefined;
  if (!ours) return their > readAt ? theirs : null;
  const our = time(ours[0]!.origin.modifiedAt);
  if (our === undefined) return undefined;
  return their > our ? theirs : ours;
}

/**
 * A targeted read stood on the store's current snapshot: what it read itself, and the stored
 * observations of everything else. Its collector merged it into the snapshot stored when it read;
 * a run that overlapped it may have stored another since (two batches of one burst), and what that
 * run read must not be taken back. When that snapshot was observed after this read, each place
 * this read looked up keeps the newer state by its modification time; where none says it, the read
 * is returned unchanged (the older one: the audit carries the environment).
 */
export function standOnStored(source: SourceSnapshot, stored: StoredBase): SourceSnapshot {
  const partial = source.partial;
  if (!partial) return source;
  const readAt = time(source.observedAt);
  const later = readAt !== undefined && (time(stored.observedAt) ?? 0) > readAt;
  const read = new Set(partial.locations);
  const ours = byPlace(source.observations, read);
  const theirs = byPlace(stored.observations, read);
  // A full read found gone, when it was observed, every place it did not observe.
  const goneAt = (place: string): number | undefined => time(stored.gone ? stored.gone[place] : stored.observedAt);
  const kept: Observation[] = [];
  for (const place of read) {
    const chosen = later ? newer(ours.get(place), theirs.get(place), readAt, goneAt(place)) : ours.get(place);
    if (chosen === undefined && later) return source;
    if (chosen) kept.push(...chosen);
  }
  const observations = sortedByLocation(
    [...kept, ...stored.observations.filter((o) => !read.has(o.origin.location))].map((o) =>
      o.origin.source === source.source ? o : withOrigin(o, { ...o.origin, source: source.source }),
    ),
  );
  const gone = stillGone(stored.gone, read, ours, observations, source.observedAt, readAt);
  return {
    ...source,
    observations,
    ...(later ? { observedAt: stored.observedAt } : {}),
    partial: { locations: partial.locations, base: stored.hash, gone },
  };
}

/**
 * The places found gone that the save keeps: the stored ones still missing and recent, and those this
 * read looked up and found gone (at its own time).
 */
function stillGone(
  stored: Readonly<Record<string, string>> | undefined,
  read: ReadonlySet<string>,
  ours: ReadonlyMap<string, Observation[]>,
  observations: readonly Observation[],
  observedAt: string | undefined,
  readAt: number | undefined,
): Record<string, string> {
  const present = new Set(observations.map((o) => o.origin.location));
  const gone: Record<string, string> = {};
  for (const [place, at] of Object.entries(stored ?? {})) {
    const t = time(at);
    if (!present.has(place) && t !== undefined && (readAt === undefined || t > readAt - GONE_KEPT_MS)) gone[place] = at;
  }
  for (const place of read) {
    if (ours.has(place) || present.has(place) || observedAt === undefined) continue;
    const was = time(gone[place]);
    if (was === undefined || (readAt !== undefined && readAt > was)) gone[place] = observedAt;
  }
  return gone;
}
