import { suggestion } from '../../core/estate/did-you-mean';
import { sanitize } from '../../core/values/value';
import { UsageError } from '../io';

/**
 * The error for a key an environment does not have. What was typed is named as typed where it is a full name or an
 * ARN (`/production/api/x`, a Secrets Manager ARN with its JSON key) that no source reads: its canonical form
 * (`arn.aws.secretsmanager.us.east.1…`) would name nothing anyone wrote. `hide` spells a credential in it as the
 * snapshots do.
 */
export function noSuchKey(env: string, typed: string, key: string, keys: Iterable<string>, hide: (text: string) => string): UsageError {
  const named = /^(arn:|\/)/.test(typed) ? `for ${sanitize(hide(typed))}` : sanitize(key);
  return new UsageError(`${env} has no key ${named}${suggestion(key, keys)}`);
}
