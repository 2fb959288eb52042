import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

/** How one secret becomes the value its caller wants, and the caller's error when it cannot be read. */
export interface SecretDecoder<T> {
  /** The error for a secret that could not be read, given the SDK error's name; it names the secret by id only. */
  unreadable(errorName: string): Error;
  /** The value from the secret's text ('' when it holds none); what it throws must not quote the text. */
  decode(text: string): T;
}

/**
 * A secret's value from Secrets Manager, read on the first call and kept by the returned function.
 * A failed read or decode is not kept, so the next call reads again. A binary secret reads as base64.
 */
export function secretValue<T>(client: SecretsManagerClient, secretId: string, decoder: SecretDecoder<T>): () => Promise<T> {
  let cached: Promise<T> | undefined;
  const read = async (): Promise<T> => {
    let text: string | undefined;
    try {
      const res = await client.send(new GetSecretValueCommand({ SecretId: secretId }));
      text = res.SecretString ?? (res.SecretBinary ? Buffer.from(res.SecretBinary).toString('base64') : undefined);
    } catch (err) {
      throw decoder.unreadable((err as Error).name);
    }
    return decoder.decode(text ?? '');
  };
  return () => {
    cached ??= read().catch((err) => {
      cached = undefined;
      throw err;
    });
    return cached;
  };
}
