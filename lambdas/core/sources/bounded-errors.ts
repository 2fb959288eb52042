import { cut } from '../values/value';

/** The errors one source keeps: the first few say what is wrong; thousands more say only "many". */
export const MAX_SOURCE_ERRORS = 20;
/** The longest one error may be: a line of a report, not a copy of the input. */
export const MAX_ERROR_CHARS = 300;

/**
 * A source's errors, bounded whatever the input: the first MAX_SOURCE_ERRORS, each cut to
 * MAX_ERROR_CHARS, then `… and N more`. Everything downstream (the `source-error` message, the
 * store, the digest, the snapshot document) is then bounded too.
 */
export function boundErrors(errors: readonly string[]): string[] {
  const kept = errors.slice(0, MAX_SOURCE_ERRORS).map((e) => cut(e, MAX_ERROR_CHARS));
  const more = errors.length - kept.length;
  return more > 0 ? [...kept, `… and ${more} more error${more === 1 ? '' : 's'}`] : kept;
}
