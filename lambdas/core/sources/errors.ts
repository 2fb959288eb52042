/**
 * A recorded or fetched input that cannot be read as the source it claims to be. The message is
 * shown to users, so it names the file and the position but never quotes the content.
 */
export class SourceInputError extends Error {
  override readonly name = 'SourceInputError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
