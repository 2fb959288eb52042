import { DriftError } from '../core/errors';

/** Where a command writes; the real streams in `main`, buffers in tests. */
export interface CliIo {
  stdout: { write(s: string): unknown; isTTY?: boolean };
  stderr: { write(s: string): unknown; isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  cwd: string;
}

/** Exit codes of spec section 5, and `notifyFailed`: a `--notify` delivery failed where nothing else set the code. */
export const EXIT = { ok: 0, findings: 1, usage: 2, sourceFailed: 3, notifyFailed: 4 } as const;

/** A usage or estate-file error: printed to stderr, exit 2, nothing else done. */
export class UsageError extends DriftError {
  override name = 'UsageError';
  readonly userFacing = true;
}

/**
 * The estate file's problems, one `file:line:column: message` line each: printed as they are, as a compiler prints its
 * errors (editors and CI annotate from that form), never behind the `drift: ` of other errors.
 */
export class EstateFileError extends UsageError {
  override name = 'EstateFileError';
}
