import type { Estate } from '../core/estate/model';
import type { RunRecord } from './audit-store';

/** One estate file of the bucket, pinned to the version this run audits (and its baseline file's, when separate). */
export interface EstateRef {
  key: string;
  versionId?: string;
  baseline?: { key: string; versionId?: string };
}

/** An estate read from its pinned version, with what the run record says it audited. */
export interface LoadedEstate {
  ref: EstateRef;
  estate: Estate;
  baseline: RunRecord['baseline'];
}

/** Where the installation's estate files live (the bucket's `estates/`). */
export interface EstateSource {
  /** Keys of every estate file (`estates/**\/drift.yaml`), in a stable order. */
  listKeys(): Promise<string[]>;
  /** Reads and validates one estate: its current version when the ref pins none. Throws `EstateLoadError`. */
  load(ref: EstateRef): Promise<LoadedEstate>;
}
