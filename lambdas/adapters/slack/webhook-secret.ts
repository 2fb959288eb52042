import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { NOT_CONFIGURED, secretValue } from '../secrets-manager';
import { DriftError } from '../../core/errors';

/** Thrown when the webhook secret is missing or empty: the digest cannot go anywhere. */
export class WebhookSecretError extends DriftError {
  override name = 'WebhookSecretError';
  readonly userFacing = false;
}

/** The `url` of a JSON secret; undefined for JSON that does not parse, whose error would quote the secret. */
function urlField(json: string): unknown {
  try {
    return (JSON.parse(json) as { url?: unknown } | null)?.url;
  } catch {
    return undefined;
  }
}

/**
 * The Slack webhook URL from Secrets Manager, read once per invocation (the returned function
 * caches it). The secret holds the URL itself, or JSON with a `url` field. Errors never quote it.
 * Undefined while it holds the placeholder the installation created it with: no Slack, by choice.
 */
export function webhookFromSecretsManager(client: SecretsManagerClient, secretId: string): () => Promise<string | undefined> {
  return secretValue<string | undefined>(client, secretId, {
    unreadable: (errorName) => new WebhookSecretError(`the Slack webhook secret ${secretId} could not be read (${errorName})`),
    decode: (text) => {
      const trimmed = text.trim();
      if (trimmed === NOT_CONFIGURED) return undefined;
      const url = trimmed.startsWith('{') ? urlField(trimmed) : trimmed;
      if (typeof url !== 'string' || !/^https:\/\//.test(url))
        throw new WebhookSecretError(`the Slack webhook secret ${secretId} holds no https URL (set it after deploying)`);
      return url;
    },
  });
}
