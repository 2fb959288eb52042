import { nodeCrypto } from '../../core/on-demand/node-crypto';
import { wholeCharsEnd } from '../../core/values/text-cut';

/** A primary key of the single table (see table-design.md). */
export interface TableKey {
  pk: string;
  sk: string;
}

/** The most UTF-8 bytes a free-form part takes in a key: three fit a partition key (2,048 bytes), one a sort key (1,024). */
export const MAX_PART_BYTES = 600;
// A longer part keeps this many UTF-16 units of its start (at most 450 bytes), then `~` and a hash of the whole.
const KEPT_UNITS = 150;

/**
 * Escapes `%` and `#` so free-form parts (folder-named estates, keys) can never run into the `#`
 * separators: two different tuples always make two different keys. A part too long for DynamoDB's
 * key limits (a 3,000-character configuration key) keeps its start and a SHA-256 of the whole:
 * still one key per part, where the whole failed every write of its item.
 */
export function part(s: string): string {
  const escaped = s.replace(/%/g, '%25').replace(/#/g, '%23');
  if (escaped.length * 3 <= MAX_PART_BYTES || Buffer.byteLength(escaped) <= MAX_PART_BYTES) return escaped;
  const hash = nodeCrypto().createHash('sha256').update(s).digest('hex').slice(0, 32);
  return `${escaped.slice(0, wholeCharsEnd(escaped, KEPT_UNITS))}~${hash}`;
}

/** The free-form part `part` escaped (a part cut for length does not come back whole: items that need it keep it as an attribute). */
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

/**
 * `dynamodb:LeadingKeys` patterns (IAM StringLike, where `*` also matches `#`) of the snapshot
 * partitions alone: an estate's pointers (`E#…#SNAP`) and a save's chunks (`E#…#SNAPC#env#source#hash#run`,
 * four `#` after SNAPC, which no other item's key has: a history partition `E#…#H#SNAPC#key` of an
 * environment named SNAPC has one). Escaped parts never hold a `#`.
 */
export const SNAPSHOT_PK_PATTERNS = ['E#*#SNAP', 'E#*#SNAPC#*#*#*#*'] as const;

/** The partitions of the cache of immutable objects (`C#{kind}`: ECS task definition revisions). */
export const CACHE_PK_PREFIX = 'C#';

export const historyPk = (e: string, environment: string, key: string): string => `${estate(e)}#H#${part(environment)}#${part(key)}`;
/** Time first (oldest first), then the run, then which source: one run may see a key change in two sources. */
export const historySk = (at: string, runId: string, sourceType: string, location: string): string =>
  `${isoKey(at)}#${part(runId)}#${nodeCrypto().createHash('sha256').update(`${sourceType}\u0000${location}`).digest('hex').slice(0, 12)}`;
