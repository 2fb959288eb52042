import { audit, type AuditResult } from '../core/engine/audit';
import type { Estate } from '../core/estate/model';
import type { Fingerprinter } from '../core/fingerprint';
import { Interner } from '../core/sources/interner';
import type { SourceCollector } from '../ports/source-collector';
import { snapshotEnvironment } from './snapshot-environment';

export interface RunAuditInput {
  estate: Estate;
  collector: SourceCollector;
  fp: Fingerprinter;
  now: Date;
  /** Audit only these environments (`--env`); all by default. */
  environments?: string[];
  onProgress?: (environment: string) => void;
}

/** Snapshots the estate's environments and audits them. */
export async function runAudit(input: RunAuditInput): Promise<AuditResult> {
  const wanted = input.environments ? new Set(input.environments) : undefined;
  const envs = input.estate.environments.filter((e) => !wanted || wanted.has(e.name));
  const snapshots = [];
  const intern = new Interner();
  for (const env of envs) {
    input.onProgress?.(env.name);
    snapshots.push(await snapshotEnvironment(input.estate, env, input.collector, input.fp, intern));
  }
  return audit(input.estate, snapshots, input.now);
}
