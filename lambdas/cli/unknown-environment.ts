import { suggestion } from '../core/estate/did-you-mean';
import { proseHoldsSecret } from '../core/estate/secret-literals';
import { sanitize } from '../core/values/value';
import { CREDENTIAL_NOT_SHOWN } from './credentials-hidden';
import { UsageError } from './io';

/**
 * A word given on the command line, quoted back in an error: not when it holds a credential (a token pasted
 * where an environment or a date goes, the arguments swapped), which CI logs would keep with the error.
 */
export const givenWord = (word: string): string => (proseHoldsSecret(word) ? CREDENTIAL_NOT_SHOWN : `"${sanitize(word)}"`);

/** `unknown environment "…"` with the nearest name, and (`listed`) every name the estate has. */
export function unknownEnvironment(given: string, names: readonly string[], listed = false): UsageError {
  const all = listed ? `; the estate has ${names.join(', ')}` : '';
  return new UsageError(`unknown environment ${givenWord(given)}${suggestion(given, names)}${all}`);
}
