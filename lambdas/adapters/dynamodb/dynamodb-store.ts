import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type {
  AuditStore,
  ChangeRecord,
  FindingState,
  LifecycleEvent,
  RunRecord,
  StoredSnapshot,
  StoreStats,
} from '../../ports/audit-store';
import type { AuditMemo } from '../../ports/audit-memo';
import type { AuditedEstate } from '../../ports/audited-estates';
import { listAudited, markAudited, settleRemoved } from './audited-estates';
import { getAuditMemo, putAuditMemo } from './audit-memos';
import { getCached, putCached } from './cache';
import { appendEvent, eventSent, listEvents, markEventSent } from './events';
import { claimMarker, getMarker, listMarkers, putMarker, releaseMarker } from './markers';
import { clearPendingEvent, getFindingState, loadFindingStates, writeFindingState } from './finding-states';
import { appendChanges, history } from './history';
import { getRun, latestRun, putRun } from './runs';
import { loadSnapshot, saveSnapshot, snapshotHash, snapshotHashes, snapshotTimes } from './snapshots';
import { StoreTable } from './store-table';

export { ensureTable, tableProblem } from './table-schema';

/** The table-wide record of the last housekeeping day: the one item that belongs to no estate. */
const HOUSEKEEPING_KEY = { pk: 'HOUSEKEEPING', sk: 'PRUNED' };

export interface DynamoDbStoreOptions {
  /** Made by the wiring, or `embeddedClient` for the embedded engine. */
  client: DynamoDBClient;
  table: string;
  /**
   * Snapshot chunks and change records in BatchWriteItem requests: the CLI's embedded store. The
   * functions' roles grant single-item calls only (lib/function-access.ts).
   */
  batchWrites?: boolean;
  /** The clock that stamps when an event was logged (default: the system's). */
  now?: () => Date;
}

/** The audit store on one DynamoDB table (the single-table design in table-design.md). */
export class DynamoDbStore implements AuditStore {
  private readonly table: StoreTable;
  private readonly now: () => Date;

  constructor(options: DynamoDbStoreOptions) {
    this.table = new StoreTable(options.client, options.table, options.batchWrites);
    this.now = options.now ?? (() => new Date());
  }

  getRun = (estate: string, runId: string): Promise<RunRecord | undefined> => getRun(this.table, estate, runId);
  putRun = (run: RunRecord): Promise<void> => putRun(this.table, run);
  latestRun = (estate: string): Promise<RunRecord | undefined> => latestRun(this.table, estate);

  loadFindingStates = (estate: string): Promise<FindingState[]> => loadFindingStates(this.table, estate);
  getFindingState = (estate: string, id: string): Promise<FindingState | undefined> => getFindingState(this.table, estate, id);
  writeFindingState = (state: FindingState, expectedVersion: number | undefined): Promise<boolean> =>
    writeFindingState(this.table, state, expectedVersion);
  clearPendingEvent = (estate: string, id: string, version: number): Promise<boolean> => clearPendingEvent(this.table, estate, id, version);

  appendEvent = (estate: string, event: LifecycleEvent): Promise<boolean> => appendEvent(this.table, estate, event, this.now());
  listEvents = (estate: string, since?: string): Promise<LifecycleEvent[]> => listEvents(this.table, estate, since);
  markEventSent = (estate: string, eventId: string, channel: string, at: string): Promise<void> =>
    markEventSent(this.table, estate, eventId, channel, at);
  eventSent = (estate: string, eventId: string): Promise<Readonly<Record<string, string>>> => eventSent(this.table, estate, eventId);
  getMarker = (estate: string, name: string): Promise<string | undefined> => getMarker(this.table, estate, name);
  putMarker = (estate: string, name: string, value: string): Promise<boolean> => putMarker(this.table, estate, name, value);
  claimMarker = (estate: string, name: string, at: string, staleBefore: string, holder?: string): Promise<boolean> =>
    claimMarker(this.table, estate, name, at, staleBefore, holder);
  releaseMarker = (estate: string, name: string, at: string): Promise<void> => releaseMarker(this.table, estate, name, at);
  listMarkers = (estate: string, prefix: string): Promise<Map<string, string>> => listMarkers(this.table, estate, prefix);

  snapshotHash = (estate: string, environment: string, sourceKey: string): Promise<string | undefined> =>
    snapshotHash(this.table, estate, environment, sourceKey);
  loadSnapshot = (estate: string, environment: string, sourceKey: string): Promise<StoredSnapshot | undefined> =>
    loadSnapshot(this.table, estate, environment, sourceKey);
  saveSnapshot = (estate: string, snapshot: StoredSnapshot, now: Date, base?: string): Promise<void> =>
    saveSnapshot(this.table, estate, snapshot, now, base);

  snapshotHashes = (estate: string): Promise<Map<string, string>> => snapshotHashes(this.table, estate);
  snapshotTimes = (estate: string): Promise<Map<string, string>> => snapshotTimes(this.table, estate);
  getAuditMemo = (estate: string): Promise<AuditMemo | undefined> => getAuditMemo(this.table, estate);
  putAuditMemo = (estate: string, memo: AuditMemo | undefined): Promise<boolean> => putAuditMemo(this.table, estate, memo);

  listAudited = (): Promise<AuditedEstate[]> => listAudited(this.table);
  markAudited = (entry: AuditedEstate): Promise<void> => markAudited(this.table, entry);
  settleRemoved = (name: string, runId: string, at: string): Promise<void> => settleRemoved(this.table, name, runId, at);

  appendChanges = (estate: string, changes: ChangeRecord[]): Promise<void> => appendChanges(this.table, estate, changes);
  history = (estate: string, environment: string, key: string): Promise<ChangeRecord[]> => history(this.table, estate, environment, key);

  getCached = (kind: string, key: string): Promise<unknown | undefined> => getCached(this.table, kind, key);
  putCached = (kind: string, key: string, value: unknown): Promise<void> => putCached(this.table, kind, key, value);

  /** Deletes every item whose `expiresAt` has passed; the delete re-checks it, so an item rewritten meanwhile stays. */
  async pruneExpired(now: Date): Promise<number> {
    const cutoff = { names: { '#exp': 'expiresAt' }, values: { ':now': Math.floor(now.getTime() / 1000) } };
    const expired = [];
    for await (const item of this.table.scan({ expression: '#exp < :now', ...cutoff })) {
      expired.push({ pk: item.pk as string, sk: item.sk as string });
    }
    let deleted = 0;
    for (const key of expired) if (await this.table.delete(key, { expression: '#exp < :now', ...cutoff })) deleted += 1;
    return deleted;
  }

  /**
   * The embedded engine's stand-in for DynamoDB's TTL, at most once per UTC day: a scan reads the
   * whole table (every snapshot chunk), and TTL on DynamoDB deletes days late too. Returns what it deleted.
   */
  async housekeeping(now: Date): Promise<number> {
    const day = now.toISOString().slice(0, 10);
    const first = await this.table.put(
      { ...HOUSEKEEPING_KEY, itemType: 'housekeeping', day },
      { expression: 'attribute_not_exists(pk) OR #day < :day', names: { '#day': 'day' }, values: { ':day': day } },
    );
    return first ? this.pruneExpired(now) : 0;
  }

  stats(): StoreStats {
    return this.table.stats();
  }
}
