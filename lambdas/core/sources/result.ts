import type { DanglingRef, Observation, ObjectConsumer, ProfileDefault, WorkloadRuntime } from '../model';

/** What a parser returns for one source: errors never quote a value (it may be a secret). */
export interface SourceParseResult {
  observations: Observation[];
  dangling: DanglingRef[];
  errors: string[];
  /** The running tasks or pods of the workload, when the inputs include them. */
  runtime?: WorkloadRuntime;
  /** Other workloads of the inputs that read the objects the source's workload reads. */
  consumers?: ObjectConsumer[];
  /** Files read with a default profile where the profile decides what they hold (see ProfileDefault). */
  profileDefaults?: ProfileDefault[];
}

export const emptyResult = (): SourceParseResult => ({ observations: [], dangling: [], errors: [] });
