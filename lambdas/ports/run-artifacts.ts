import type { EnvironmentSnapshot } from '../core/model';

export const SNAPSHOT_SCHEMA = 'drift-snapshot/v1';

/** One environment's snapshot as a run keeps it between stages: fingerprints only, never a secret. */
export interface SnapshotDocument {
  schema: typeof SNAPSHOT_SCHEMA;
  runId: string;
  estate: string;
  /** The fingerprint key's id the secrets were made with (the audit stores it with the snapshot). */
  keyId: string;
  snapshot: EnvironmentSnapshot;
}

/** A report as rendered (by a renderer of the report registry), ready to store. */
export interface RenderedReport {
  body: string;
  mediaType: string;
}

/** What a run passes between its stages, by reference (the bucket's `runs/{runId}/`). */
export interface RunArtifacts {
  snapshotKey(runId: string, estate: string, environment: string): string;
  putSnapshot(doc: SnapshotDocument): Promise<string>;
  /** A snapshot the run wrote; undefined when it wrote none there. */
  getSnapshot(key: string): Promise<SnapshotDocument | undefined>;
  reportKey(runId: string, estate: string): string;
  /** Stores an estate's audit document as rendered (the `json` format); returns its key. */
  putReport(runId: string, estate: string, report: RenderedReport): Promise<string>;
  /** Stores an estate's HTML report (the `html` format) beside its audit document, for people; returns its key. */
  putHtmlReport(runId: string, estate: string, report: RenderedReport): Promise<string>;
  /** An estate's HTML report of one run; undefined when the audit wrote none. */
  getHtmlReport(runId: string, estate: string): Promise<string | undefined>;
  /** Stores the run's page (`runs/{runId}/report.html`); returns its key. */
  putRunPage(runId: string, page: RenderedReport): Promise<string>;
  /** The audit document of one estate in one run; undefined when the audit wrote none. */
  getReport(runId: string, estate: string): Promise<unknown | undefined>;
}
