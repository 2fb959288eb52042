import type { ObjectConsumer, Observation, Origin } from '../model';

/** One step of a revert plan: a command to run, a file to edit, or something to know first. */
export type RevertStep =
  | {
      do: 'run';
      command: string;
      /** It makes the runtime read its configuration again (a rollout restart, a new deployment): once after a plan's last change is enough. */
      settles?: true;
    }
  | { do: 'edit'; file: string; line?: number; change: string }
  | { do: 'note'; text: string };

/**
 * The value to bring back: the baseline's text, or a secret drift never holds in plain text (then
 * every command reads it from a file the plan names).
 */
export type RevertTarget = { secret: false; text: string } | { secret: true };

/** The environment a plan runs against: where its AWS commands point. */
export interface RevertEnvironment {
  name: string;
  region?: string;
  account?: string;
  roleArn?: string;
}

/** What a kind needs to plan one key's revert: pure data, read from the audit. */
export interface RevertInput<Spec> {
  /** The declared source the value lives in (for a resolved reference, the one it resolves into). */
  spec: Spec;
  environment: RevertEnvironment;
  /** The winning observation of the key. */
  observation: Observation;
  /** Where its value lives: the observation's own origin, or where its reference resolved. */
  origin: Origin;
  /** The other observations of the same source (the workload or service they share). */
  siblings: readonly Observation[];
  /** Other workloads of the source's inputs that read the objects its workload reads (Kubernetes). */
  consumers: readonly ObjectConsumer[];
  /** The environment's other sources: a ConfigMap patched for one workload reaches theirs too. */
  neighbours: readonly RevertNeighbour[];
  /** Where the objects the source's workload reads live (its kind's objectsPlace); undefined for kinds without them. */
  place?: string;
  target: RevertTarget;
  /** A file name stem the plan may use for this key's inputs: `revert-production-us-api.timeout`. */
  stem: string;
  /**
   * What the earlier keys of the same plan leave for later ones to build on, by subject (an ECS task
   * definition → the register input its revert wrote): a later key changes that, not what drift read,
   * or the revision it registers would undo the earlier key's change. Shared by one plan's keys (revertPlanner).
   */
  built?: Map<string, string>;
}

/** Another source of the environment, as a revert may need to know it. */
export interface RevertNeighbour {
  spec: unknown;
  /** Where the objects its workload reads live; undefined for kinds without them. */
  place?: string;
  observations: readonly Observation[];
  consumers: readonly ObjectConsumer[];
}

/** A kind's revert: the steps that set one key of one of its sources back to the target value. */
export type Reverter<Spec> = (input: RevertInput<Spec>) => RevertStep[];
