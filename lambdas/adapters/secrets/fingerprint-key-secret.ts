import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { makeFingerprinter, type Fingerprinter } from '../../core/fingerprint';
import { decodeKey, MIN_KEY_BYTES } from '../fingerprint-key-file';
import { secretValue } from '../secrets-manager';
import { DriftError } from '../../core/errors';

/** The fingerprint key could not be read or is not a key. Never quotes the secret. */
export class FingerprintKeyError extends DriftError {
  override name = 'FingerprintKeyError';
  readonly userFacing = false;
}

/**
 * The installation's HMAC key (base64, or hex, 32+ bytes) from Secrets Manager, read once per
 * container: every secret of every run is fingerprinted with it.
 */
export function fingerprinterFromSecretsManager(client: SecretsManagerClient, secretId: string): () => Promise<Fingerprinter> {
  return secretValue(client, secretId, {
    unreadable: (errorName) => new FingerprintKeyError(`the fingerprint key secret ${secretId} could not be read (${errorName})`),
    decode: (text) => {
      try {
        return makeFingerprinter(decodeKey(text));
      } catch {
        throw new FingerprintKeyError(
          `the fingerprint key secret ${secretId} holds no key of ${MIN_KEY_BYTES}+ random bytes (base64 or hex): a passphrase is not a key`,
        );
      }
    },
  });
}
