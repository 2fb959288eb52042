import { DriftError } from '../errors';

/**
 * A recorded or fetched input that cannot be read as the source it claims to be. The message is
 * shown to users, so it names the file and the position but never quotes the content.
 */
export class SourceInputError extends DriftError {
  override readonly name = 'SourceInputError';
  // A failed source is a source-error finding (exit 3), never a usage error (exit 2).
  readonly userFacing = false;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
