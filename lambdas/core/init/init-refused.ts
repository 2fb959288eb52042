import { DriftError } from '../errors';

/** The estate file already declares what init would write: it changes nothing. */
export class InitRefused extends DriftError {
  override readonly name = 'InitRefused';
  readonly userFacing = true;
}
