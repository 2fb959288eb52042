import type { Estate } from '../core/estate/model';
import type { Fingerprinter } from '../core/fingerprint';
import { Interner } from '../core/sources/interner';
import { checkRunId, sameTarget, targetOf, type PlannedEstate, type Target } from './plan-run';
import type { EstateSource } from '../ports/estate-source';
import type { SourceCollector } from '../ports/source-collector';
import { snapshotEnvironment } from './snapshot-environment';
import type { RunArtifacts } from '../ports/run-artifacts';
import { SNAPSHOT_SCHEMA } from '../ports/run-artifacts';

export interface SnapshotTargetInput {
  runId: string;
  estates: PlannedEstate[];
  target: Target;
}

/**
 * What the Map keeps of one target: how many environments it wrote, not their keys (audit-run
 * derives them): the run's state holds every target's output, under Step Functions' 256 KiB.
 */
export interface SnapshotTargetOutput {
  target: Target;
  snapshotted: number;
}

export interface SnapshotTargetDeps {
  estates: EstateSource;
  artifacts: RunArtifacts;
  /** A live collector for one estate, its calls paced by one limiter per account and region. */
  collectorFor(estate: Estate): SourceCollector;
  fingerprinter(): Promise<Fingerprinter>;
  defaultRegion: string;
  /** The installation's account (see accountKey). */
  ownAccount?: string;
  /** Counts for the function's metrics. */
  count?(name: string, value: number): void;
}

/**
 * Snapshots every environment the run reads (all, or those a targeted run names) of every estate
 * that lives in one account and region, and writes each to the run.
 */
export async function snapshotTarget(input: SnapshotTargetInput, deps: SnapshotTargetDeps): Promise<SnapshotTargetOutput> {
  const runId = checkRunId(input.runId);
  const fp = await deps.fingerprinter();
  let snapshotted = 0;
  let sourceErrors = 0;
  for (const ref of input.estates) {
    // A removed estate is only resolved: nothing of it is read.
    if (ref.removed) continue;
    const { estate } = await deps.estates.load(ref);
    const envs = estate.environments.filter(
      (e) =>
        sameTarget(targetOf(e, deps.defaultRegion, deps.ownAccount), input.target) &&
        (!ref.environments || ref.environments.includes(e.name)),
    );
    if (!envs.length) continue;
    const collector = deps.collectorFor(estate);
    const intern = new Interner();
    for (const env of envs) {
      const hint = ref.parameters?.length ? { only: ref.parameters } : undefined;
      const snapshot = await snapshotEnvironment(estate, env, collector, fp, intern, hint);
      sourceErrors += snapshot.sources.filter((s) => s.errors.length > 0).length;
      await deps.artifacts.putSnapshot({ schema: SNAPSHOT_SCHEMA, runId, estate: estate.name, keyId: fp.keyId, snapshot });
      snapshotted++;
    }
  }
  deps.count?.('EnvironmentsSnapshotted', snapshotted);
  deps.count?.('SourceErrors', sourceErrors);
  return { target: input.target, snapshotted };
}
