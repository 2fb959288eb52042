import { formatProblem, type EstateProblem } from '../core/estate/estate-error';
import type { Estate } from '../core/estate/model';
import { DriftError } from '../core/errors';
import type { RunRecord } from './audit-store';

/** An estate or baseline file that does not validate: the run fails loudly, with every position. */
export class EstateLoadError extends DriftError {
  override name = 'EstateLoadError';
  readonly userFacing = true;
  constructor(readonly problems: EstateProblem[]) {
    super(problems.map(formatProblem).join('\n'), { context: { problems: problems.length } });
  }
}

/** One estate file (a key of the bucket, a path on disk), pinned to the version this run audits (and its baseline file's, when separate). */
export interface EstateRef {
  key: string;
  versionId?: string;
  baseline?: { key: string; versionId?: string };
}

/** What a run record says it audited against: the estate file, the SHA-256 of the bytes parsed, and its version where kept. */
export type EstateVersion = RunRecord['baseline'];

/** An estate read from its pinned version, with what the run record says it audited. */
export interface LoadedEstate {
  ref: EstateRef;
  estate: Estate;
  baseline: EstateVersion;
  /** What is worth saying about the files without refusing them (`drift validate` shows them). */
  warnings?: EstateProblem[];
}

/** Where estate files live: the installation's bucket (`estates/`), or files on disk for the CLI. */
export interface EstateSource {
  /** Keys of every estate file (`estates/**\/drift.yaml`), in a stable order. */
  listKeys(): Promise<string[]>;
  /** Reads and validates one estate: its current version when the ref pins none. Throws `EstateLoadError`. */
  load(ref: EstateRef): Promise<LoadedEstate>;
}
