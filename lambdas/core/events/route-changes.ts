import { credentialStart } from '../values/hidden-names';
import type { EnvironmentSpec, Estate } from '../estate/model';
import type { SourceSpec } from '../source-kinds/registry';
import type { ChangeEvent } from './change-event';

/** Whether a declared source of an environment reads what a change names (each live kind decides for its own). */
export type Touches = (change: ChangeEvent, source: SourceSpec, env: EnvironmentSpec) => boolean;

/** One targeted run: an estate and the environments whose declared reads the changes touched. */
export interface TargetedRun {
  estate: string;
  environments: string[];
  /** The changes that led here. */
  changes: number;
  /**
   * The SSM parameters the changes named, for a run that reads only those: each by its name, or,
   * where the name holds a credential, by the folder before it (ending in `/`; see parameterHint).
   */
  parameters: string[];
}

export interface Routing {
  runs: TargetedRun[];
  /** Changes that touched nothing declared: dropped, and counted. */
  dropped: number;
}

const sorted = (xs: Iterable<string>): string[] => [...new Set(xs)].sort();

/**
 * How a run is told of a changed parameter: its name; or, when the name holds a credential (a token
 * as its last folder), the folder before it, which the run reads whole. A run's input and state stay
 * in the execution's history, where no credential may be: the snapshot hides such a name in place.
 */
export function parameterHint(name: string): string {
  const at = credentialStart(name);
  if (at < 0) return name;
  const folder = name.slice(0, name.lastIndexOf('/', at) + 1);
  // A credential the rules find only with what comes before it: the path is read whole.
  return folder.startsWith('/') && credentialStart(folder) < 0 ? folder : '/';
}

/** Maps changes to the estates and environments they touch, one run per estate; the rest is dropped. */
export function routeChanges(estates: readonly Estate[], changes: readonly ChangeEvent[], touches: Touches): Routing {
  const runs = new Map<string, { environments: Set<string>; changes: number; parameters: Set<string> }>();
  let dropped = 0;
  for (const change of changes) {
    let hit = false;
    for (const estate of estates) {
      for (const env of estate.environments) {
        if (!env.sources.some((s) => touches(change, s, env))) continue;
        hit = true;
        const run = runs.get(estate.name) ?? { environments: new Set<string>(), changes: 0, parameters: new Set<string>() };
        run.environments.add(env.name);
        run.changes += 1;
        if (change.kind === 'ssm-parameter') for (const n of change.names) run.parameters.add(parameterHint(n));
        runs.set(estate.name, run);
      }
    }
    if (!hit) dropped += 1;
  }
  return {
    runs: sorted(runs.keys()).map((estate) => {
      const r = runs.get(estate)!;
      return { estate, environments: sorted(r.environments), changes: r.changes, parameters: sorted(r.parameters) };
    }),
    dropped,
  };
}
