import { DriftError } from '../../core/errors';

/**
 * STS refused the member's read role: each source read through it says so, rather than blame the
 * call it was about to make (the role is missing or does not trust the caller; the call's grant is fine).
 */
export class ReadRoleError extends DriftError {
  override readonly name = 'ReadRoleError';
  // Said as each source's source-error; one that escapes is a bug, shown with its stack.
  readonly userFacing = false;
}
