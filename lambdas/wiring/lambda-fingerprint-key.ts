import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { decodeKey } from '../adapters/fingerprint-key-file';
import { makeFingerprinter, type Fingerprinter } from '../core/fingerprint';

/** The fingerprint key could not be read or is not a key. Never quotes the secret. */
export class FingerprintKeyError extends Error {
  override name = 'FingerprintKeyError';
}

/**
 * The installation's HMAC key (base64, or hex, 16+ bytes) from Secrets Manager, read once per
 * container: every secret of every run is fingerprinted with it.
 */
export function fingerprinterFromSecretsManager(client: SecretsManagerClient, secretId: string): () => Promise<Fingerprinter> {
  let cached: Promise<Fingerprinter> | undefined;
  const read = async (): Promise<Fingerprinter> => {
    let text: string | undefined;
    try {
      const res = await client.send(new GetSecretValueCommand({ SecretId: secretId }));
      text = res.SecretString ?? (res.SecretBinary ? Buffer.from(res.SecretBinary).toString('base64') : undefined);
    } catch (err) {
      throw new FingerprintKeyError(`the fingerprint key secret ${secretId} could not be read (${(err as Error).name})`);
    }
    try {
      return makeFingerprinter(decodeKey(text ?? ''));
    } catch {
      throw new FingerprintKeyError(`the fingerprint key secret ${secretId} holds no key of 16+ bytes (base64 or hex)`);
    }
  };
  return () => {
    cached ??= read().catch((err) => {
      cached = undefined;
      throw err;
    });
    return cached;
  };
}
