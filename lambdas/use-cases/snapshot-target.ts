import type { Estate } from '../core/estate/model';
import type { Fingerprinter } from '../core/fingerprint';
import type { EnvironmentSnapshot } from '../core/model';
import { Interner } from '../core/sources/interner';
import { checkRunId, sameTarget, targetOf, type EstateRef, type EstateSource, type Target } from './plan-run';
import type { SourceCollector } from './ports';
import { snapshotEnvironment } from './snapshot-environment';

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

/** What a run passes between its stages, by reference (the bucket's `runs/{runId}/`). */
export interface RunArtifacts {
  snapshotKey(runId: string, estate: string, environment: string): string;
  putSnapshot(doc: SnapshotDocument): Promise<string>;
  getSnapshot(key: string): Promise<SnapshotDocument>;
  reportKey(runId: string, estate: string): string;
  putReport(runId: string, estate: string, document: object): Promise<string>;
  /** The audit document of one estate in one run; undefined when the audit wrote none. */
  getReport(runId: string, estate: string): Promise<unknown | undefined>;
}

export interface SnapshotTargetInput {
  runId: string;
  estates: EstateRef[];
  target: Target;
}

export interface SnapshotTargetOutput {
  target: Target;
  snapshotKeys: string[];
}

export interface SnapshotTargetDeps {
  estates: EstateSource;
  artifacts: RunArtifacts;
  /** A live collector for one estate, its calls paced by one limiter per account and region. */
  collectorFor(estate: Estate): SourceCollector;
  fingerprinter(): Promise<Fingerprinter>;
  defaultRegion: string;
  /** Counts for the function's metrics. */
  count?(name: string, value: number): void;
}

/** Snapshots every environment of every estate that lives in one account and region, and writes each to the run. */
export async function snapshotTarget(input: SnapshotTargetInput, deps: SnapshotTargetDeps): Promise<SnapshotTargetOutput> {
  const runId = checkRunId(input.runId);
  const fp = await deps.fingerprinter();
  const snapshotKeys: string[] = [];
  let sourceErrors = 0;
  for (const ref of input.estates) {
    const { estate } = await deps.estates.load(ref);
    const envs = estate.environments.filter((e) => sameTarget(targetOf(e, deps.defaultRegion), input.target));
    if (!envs.length) continue;
    const collector = deps.collectorFor(estate);
    const intern = new Interner();
    for (const env of envs) {
      const snapshot = await snapshotEnvironment(estate, env, collector, fp, intern);
      sourceErrors += snapshot.sources.filter((s) => s.errors.length > 0).length;
      snapshotKeys.push(
        await deps.artifacts.putSnapshot({ schema: SNAPSHOT_SCHEMA, runId, estate: estate.name, keyId: fp.keyId, snapshot }),
      );
    }
  }
  deps.count?.('EnvironmentsSnapshotted', snapshotKeys.length);
  deps.count?.('SourceErrors', sourceErrors);
  return { target: input.target, snapshotKeys };
}
