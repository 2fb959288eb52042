import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { secretValue } from '../secrets-manager';
import { webhookSecretDecoder } from './webhook-secret-decoder';

export { WebhookSecretError } from './webhook-secret-decoder';

/**
 * The Slack webhook URL from Secrets Manager, read once per invocation (the returned function
 * caches it), as `webhookSecretDecoder` reads the secret. Undefined while it holds the placeholder.
 */
export function webhookFromSecretsManager(client: SecretsManagerClient, secretId: string): () => Promise<string | undefined> {
  return secretValue<string | undefined>(client, secretId, webhookSecretDecoder(secretId));
}
