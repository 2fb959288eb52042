import type { RUN_PAGE, RUN_REPORTS, RUN_SNAPSHOTS } from '../lambdas/adapters/s3/bucket-layout';
import { TICKET_PK_PREFIX } from '../lambdas/adapters/dynamodb/ticket-ledger';
import { AUDITED_ESTATES_PK } from '../lambdas/adapters/dynamodb/audited-estates';
import { CACHE_PK_PREFIX, SNAPSHOT_PK_PATTERNS } from '../lambdas/adapters/dynamodb/keys';
import type { FunctionName } from './function-names';
import type { SecretName } from './secrets';
import type { StoreUse } from './store-table';

// Data only (types are erased): the e2e test of the handlers imports it without loading aws-cdk-lib.

/** A run's folder under `runs/{runId}/`. */
export type RunFolder = typeof RUN_SNAPSHOTS | typeof RUN_REPORTS | typeof RUN_PAGE;

/** What one function's wiring (lambdas/wiring/lambda-*.ts) uses; its role is granted exactly this. */
export interface FunctionAccess {
  /** Lists `estates/` to find the estates (every function reads the estate files it is handed). */
  listsEstates: boolean;
  /**
   * May list the bucket, with no prefix: S3 answers a GET of a missing object 404 only to a caller
   * that may list its bucket, and AccessDenied to any other (a `s3:prefix` condition cannot apply to
   * a GET). For a function that reads objects which may not be there yet and says so.
   */
  tellsMissingObjects?: boolean;
  /** Its store calls; without, no table grant at all. */
  store?: StoreUse;
  /** The run folders whose files it reads and writes. */
  runs: { read: readonly RunFolder[]; write: readonly RunFolder[] };
  /** The secrets whose values it reads. */
  secrets: readonly SecretName[];
  /** Publishes lifecycle events to the findings topic. */
  publishes: boolean;
  /** Starts executions of the run's state machine (targeted runs). */
  startsRuns?: boolean;
}

const [GET, QUERY, PUT, UPDATE] = ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:UpdateItem'] as const;

/** Each function's access: a function added to `HANDLERS` or `OPTIONAL_HANDLERS` does not compile until it has one. */
export const FUNCTION_ACCESS: Record<FunctionName, FunctionAccess> = {
  // The estate files, and the list of the estates the installation audited (a query of that one partition).
  'plan-run': {
    listsEstates: true,
    store: { actions: [QUERY], eventsByTime: false, leadingKeys: [AUDITED_ESTATES_PK] },
    runs: { read: [], write: [] },
    secrets: [],
    publishes: false,
  },
  // Previous snapshots (loadSnapshot) and the task-definition cache (getCached, putCached); fingerprints what it reads.
  // Confined to those partitions: the function that parses what member accounts' APIs answer cannot
  // write finding states, events, runs or the ticket ledger, which notify-run publishes from.
  'snapshot-target': {
    listsEstates: false,
    store: { actions: [GET, QUERY, PUT], eventsByTime: false, leadingKeys: [...SNAPSHOT_PK_PATTERNS, `${CACHE_PK_PREFIX}*`] },
    runs: { read: [], write: ['snapshots/'] },
    secrets: ['fingerprintKey'],
    publishes: false,
  },
  // Records the run (recordAudit: reads, conditional puts and updates; it never lists events).
  'audit-run': {
    listsEstates: false,
    // An estate's code-scan.json before its first `drift publish`.
    tellsMissingObjects: true,
    store: { actions: [GET, QUERY, PUT, UPDATE], eventsByTime: false },
    runs: { read: ['snapshots/'], write: ['reports/'] },
    secrets: [],
    publishes: false,
  },
  // Lists events by time, marks them sent and moves its markers; publishes them, sends the digest, writes the run's page.
  'notify-run': {
    listsEstates: false,
    // The report of an estate whose audit failed.
    tellsMissingObjects: true,
    store: { actions: [GET, QUERY, PUT, UPDATE], eventsByTime: true },
    runs: { read: ['reports/'], write: ['report.html'] },
    secrets: ['slackWebhook'],
    publishes: true,
  },
  // Change events from its queue (the event source mapping's own grant): reads the estate files to route them, starts targeted runs.
  'route-events': { listsEstates: true, runs: { read: [], write: [] }, secrets: [], publishes: false, startsRuns: true },
  // Lifecycle events from its queue (the event source mapping's own grant): finds the estate by name for its
  // routing, keeps its ledger with conditional puts (no updates), confined to the ledger's items; the tracker's token.
  'sync-tickets': {
    listsEstates: true,
    store: { actions: [GET, QUERY, PUT], eventsByTime: false, leadingKeys: [`${TICKET_PK_PREFIX}*`] },
    runs: { read: [], write: [] },
    secrets: ['ticketsToken'],
    publishes: false,
  },
};
