import type { Observation } from '../../../core/model';

/** The observations of the source's previous snapshot, read when asked. */
export type PreviousObservations = () => Promise<Observation[] | undefined>;

/**
 * Task definitions by revision ARN. A revision never changes once registered, so a steady-state run
 * can describe none. Entries are the AWS CLI's JSON of the `taskDefinition` (dates as ISO text).
 */
export interface TaskDefinitionCache {
  /**
   * `previous`: the source's previous snapshot, where a cache that keeps no values finds them again;
   * `container`: the one container the source reads, when only its values are needed.
   */
  get(arn: string, previous?: PreviousObservations, container?: string): Promise<unknown | undefined>;
  put(arn: string, taskDefinitionJson: unknown): Promise<void>;
}

/** A cache for one process (a warm Lambda, a CLI run) and for tests. */
export class MemoryTaskDefinitionCache implements TaskDefinitionCache {
  private readonly entries = new Map<string, unknown>();

  /** The cached task definition, as a copy the caller may keep. */
  async get(arn: string): Promise<unknown | undefined> {
    const hit = this.entries.get(arn);
    return hit === undefined ? undefined : structuredClone(hit);
  }

  /** Keeps a copy, so later changes to the caller's object do not reach the cache. */
  async put(arn: string, taskDefinitionJson: unknown): Promise<void> {
    this.entries.set(arn, structuredClone(taskDefinitionJson));
  }

  /** How many revisions are held. */
  get size(): number {
    return this.entries.size;
  }
}
