import type { DanglingRef, Observation } from '../model';

/** What a parser returns for one source: errors never quote a value (it may be a secret). */
export interface SourceParseResult {
  observations: Observation[];
  dangling: DanglingRef[];
  errors: string[];
}

export const emptyResult = (): SourceParseResult => ({ observations: [], dangling: [], errors: [] });
