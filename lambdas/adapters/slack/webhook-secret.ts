import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

/** Thrown when the webhook secret is missing or empty: the digest cannot go anywhere. */
export class WebhookSecretError extends Error {
  override name = 'WebhookSecretError';
}

/**
 * The Slack webhook URL from Secrets Manager, read once per invocation (the returned function
 * caches it). The secret holds the URL itself, or JSON with a `url` field. Errors never quote it.
 */
export function webhookFromSecretsManager(client: SecretsManagerClient, secretId: string): () => Promise<string> {
  let cached: Promise<string> | undefined;
  const read = async (): Promise<string> => {
    let text: string | undefined;
    try {
      text = (await client.send(new GetSecretValueCommand({ SecretId: secretId }))).SecretString;
    } catch (err) {
      throw new WebhookSecretError(`the Slack webhook secret ${secretId} could not be read (${(err as Error).name})`);
    }
    const trimmed = (text ?? '').trim();
    const url = trimmed.startsWith('{') ? (JSON.parse(trimmed) as { url?: unknown }).url : trimmed;
    if (typeof url !== 'string' || !/^https:\/\//.test(url)) throw new WebhookSecretError(`the Slack webhook secret ${secretId} holds no https URL (set it after deploying)`);
    return url;
  };
  return () => {
    cached ??= read().catch((err) => {
      cached = undefined;
      throw err;
    });
    return cached;
  };
}
