import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { SecretsManagerSecret } from '../core/sources/secretsmanager';

// Its own module, so a secret's decoder can name it without loading the Secrets Manager client.
export { NOT_CONFIGURED } from './secret-placeholder';

/**
 * The current version of a secret as the core reads it (the SDK's answer without its types: a
 * binary secret as base64, as the CLI prints it). SDK errors are thrown as they are. Both readers of
 * Secrets Manager use it: the installation's own secrets and the `secretsmanager` source.
 */
export async function readSecret(client: SecretsManagerClient, secretId: string): Promise<SecretsManagerSecret> {
  const res = await client.send(new GetSecretValueCommand({ SecretId: secretId }));
  const out: SecretsManagerSecret = {};
  if (res.ARN !== undefined) out.ARN = res.ARN;
  if (res.Name !== undefined) out.Name = res.Name;
  if (res.VersionId !== undefined) out.VersionId = res.VersionId;
  if (res.SecretString !== undefined) out.SecretString = res.SecretString;
  if (res.SecretBinary !== undefined) out.SecretBinary = Buffer.from(res.SecretBinary).toString('base64');
  if (res.VersionStages !== undefined) out.VersionStages = res.VersionStages;
  if (res.CreatedDate !== undefined) out.CreatedDate = res.CreatedDate;
  return out;
}

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
      const secret = await readSecret(client, secretId);
      text = secret.SecretString ?? secret.SecretBinary;
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
