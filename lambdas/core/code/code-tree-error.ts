import { DriftError } from '../errors';

/** A `code:` tree that may not or cannot be read: the audit reports it as a `source-error` and judges without it. */
export class CodeTreeError extends DriftError {
  readonly name = 'CodeTreeError';
  readonly userFacing = true;
}
