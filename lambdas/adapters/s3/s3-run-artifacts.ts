import { gunzipSync, gzipSync } from 'node:zlib';
import { SNAPSHOT_SCHEMA, type RenderedReport, type RunArtifacts, type SnapshotDocument } from '../../ports/run-artifacts';
import { reportHtmlKey, reportJsonKey, RUN_SNAPSHOTS, RUNS_PREFIX, runPageKey } from './bucket-layout';
import type { S3Objects } from './s3-objects';
import { DriftError } from '../../core/errors';

/** Thrown for a run object that is missing or not what a stage wrote. */
export class RunArtifactError extends DriftError {
  override name = 'RunArtifactError';
  readonly userFacing = false;
}

// Estate and environment names are letters, digits, ".", "_" and "-" already; a folder-derived
// estate name may not be, so every segment is encoded.
const seg = (s: string): string => encodeURIComponent(s);

/** A run's snapshots (gzip'd JSON) and reports (JSON and HTML) under `runs/{runId}/` of the installation's bucket. */
export class S3RunArtifacts implements RunArtifacts {
  constructor(private readonly objects: S3Objects) {}

  snapshotKey(runId: string, estate: string, environment: string): string {
    return `${RUNS_PREFIX}${seg(runId)}/${RUN_SNAPSHOTS}${seg(estate)}/${seg(environment)}.json.gz`;
  }

  reportKey(runId: string, estate: string): string {
    return reportJsonKey(runId, estate);
  }

  async putSnapshot(doc: SnapshotDocument): Promise<string> {
    const key = this.snapshotKey(doc.runId, doc.estate, doc.snapshot.environment);
    await this.objects.put(key, gzipSync(JSON.stringify(doc)), 'application/gzip');
    return key;
  }

  async getSnapshot(key: string): Promise<SnapshotDocument | undefined> {
    const got = await this.objects.get(key);
    if (!got) return undefined;
    const doc = JSON.parse(gunzipSync(got.body).toString('utf8')) as SnapshotDocument;
    if (doc.schema !== SNAPSHOT_SCHEMA) throw new RunArtifactError(`${key} is not a ${SNAPSHOT_SCHEMA} document`);
    return doc;
  }

  /** Puts a rendered document at `key` and says where. */
  private async putRendered(key: string, report: RenderedReport): Promise<string> {
    await this.objects.put(key, Buffer.from(report.body), report.mediaType);
    return key;
  }

  putReport(runId: string, estate: string, report: RenderedReport): Promise<string> {
    return this.putRendered(reportJsonKey(runId, estate), report);
  }

  putHtmlReport(runId: string, estate: string, report: RenderedReport): Promise<string> {
    return this.putRendered(reportHtmlKey(runId, estate), report);
  }

  async getHtmlReport(runId: string, estate: string): Promise<string | undefined> {
    const got = await this.objects.get(reportHtmlKey(runId, estate));
    return got?.body.toString('utf8');
  }

  putRunPage(runId: string, page: RenderedReport): Promise<string> {
    return this.putRendered(runPageKey(runId), page);
  }

  async getReport(runId: string, estate: string): Promise<unknown | undefined> {
    const got = await this.objects.get(reportJsonKey(runId, estate));
    return got ? JSON.parse(got.body.toString('utf8')) : undefined;
  }
}
