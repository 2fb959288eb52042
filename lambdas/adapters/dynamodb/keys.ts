import { nodeCrypto } from '../../core/on-demand/node-crypto';

/** A primary key of the single table (see table-design.md). */
export interface TableKey {
  pk: string;
  sk: string;
}

/**
 * Escapes `%` and `#` so free-form parts (folder-named estates, keys) can never run into the `#`
 * separators: two different tuples always make two different keys.
 */
export const part = (s: string): string => s.replace(/%/g, '%25').replace(/#/g, '%23');

/** The free-form part `part` escaped. */
export const unpart = (s: string): string => s.replace(/%23/g, '#').replace(/%25/g, '%');

/** An ISO instant in one canonical form, so string order is time order whatever the writer's format. */
export function isoKey(at: string): string {
  const ms = Date.parse(at);
  if (Number.isNaN(ms)) throw new Error(`not an ISO date-time: ${JSON.stringify(at)}`);
  return new Date(ms).toISOString();
}

/** Epoch milliseconds of an ISO instant, for numeric conditions. */
export const epochMs = (at: string): number => Date.parse(isoKey(at));

const estate = (e: string): string => `E#${part(e)}`;

export const runKey = (e: string, runId: string): TableKey => ({ pk: `${estate(e)}#RUN`, sk: part(runId) });
export const latestRunKey = (e: string): TableKey => ({ pk: estate(e), sk: 'LATEST' });
/** The estate's audit memo: what an unchanged re-run reuses. */
export const auditMemoKey = (e: string): TableKey => ({ pk: estate(e), sk: 'AUDIT-MEMO' });

export const findingPk = (e: string): string => `${estate(e)}#F`;
export const findingKey = (e: string, id: string): TableKey => ({ pk: findingPk(e), sk: part(id) });

export const eventPk = (e: string): string => `${estate(e)}#EV`;
export const eventKey = (e: string, eventId: string): TableKey => ({ pk: eventPk(e), sk: part(eventId) });
/** The events-by-time index's sort key: time first, the id to keep it unique. */
export const eventTimeKey = (at: string, eventId: string): string => `${isoKey(at)}#${part(eventId)}`;

/** The partition of an estate's snapshot pointers, one per source. */
export const snapshotPk = (e: string): string => `${estate(e)}#SNAP`;
export const snapshotKey = (e: string, environment: string, sourceKey: string): TableKey => ({
  pk: snapshotPk(e),
  sk: `${part(environment)}#${part(sourceKey)}`,
});
/** One save's chunk partition: per hash and run, so a value that flaps back never shares chunks with a superseded save. */
export const chunkPk = (e: string, environment: string, sourceKey: string, hash: string, runId: string): string =>
  `${estate(e)}#SNAPC#${part(environment)}#${part(sourceKey)}#${part(hash)}#${part(runId)}`;
export const chunkSk = (index: number): string => String(index).padStart(5, '0');

export const historyPk = (e: string, environment: string, key: string): string => `${estate(e)}#H#${part(environment)}#${part(key)}`;
/** Time first (oldest first), then the run, then which source: one run may see a key change in two sources. */
export const historySk = (at: string, runId: string, sourceType: string, location: string): string =>
  `${isoKey(at)}#${part(runId)}#${nodeCrypto().createHash('sha256').update(`${sourceType}\u0000${location}`).digest('hex').slice(0, 12)}`;
