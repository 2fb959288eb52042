import type { EnvironmentSpec, SourceSpec } from '../core/estate/model';
import type { SourceLabel, SourceSnapshot } from '../core/model';
import type { ParseContext } from '../core/sources/context';

/** What a targeted run knows changed; a collector that cannot use it reads the whole source. */
export interface CollectHint {
  /**
   * The SSM parameter names the run's events named (a source reads those under its own path); a
   * name that holds a credential is given as the folder before it, ending in `/` (see parameterHint).
   */
  only?: readonly string[];
}

/** Reads one declared source, recorded or live. Never throws for a source that fails: returns its errors. */
export interface SourceCollector {
  /** `environment` says where a live source lives: its region, account and read role. */
  collect(
    spec: SourceSpec,
    label: SourceLabel,
    ctx: ParseContext,
    environment: EnvironmentSpec,
    hint?: CollectHint,
  ): Promise<SourceSnapshot>;
}

/** The time, so use cases and tests agree on "now". */
export type Clock = () => Date;
