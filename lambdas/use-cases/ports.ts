import type { SourceSpec } from '../core/estate/model';
import type { SourceLabel, SourceSnapshot } from '../core/model';
import type { ParseContext } from '../core/sources/context';

/** Reads one declared source, recorded or live. Never throws for a source that fails: returns its errors. */
export interface SourceCollector {
  collect(spec: SourceSpec, label: SourceLabel, ctx: ParseContext): Promise<SourceSnapshot>;
}

/** The time, so use cases and tests agree on "now". */
export type Clock = () => Date;
