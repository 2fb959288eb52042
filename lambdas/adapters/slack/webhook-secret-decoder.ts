import { DriftError } from '../../core/errors';
import { NOT_CONFIGURED } from '../secret-placeholder';
import type { SecretDecoder } from '../secrets-manager';

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
 * How the Slack webhook secret reads: the URL itself, or JSON with a `url` field; errors never
 * quote it. Undefined while it holds the placeholder the installation created it with: no Slack, by choice.
 */
export function webhookSecretDecoder(secretId: string): SecretDecoder<string | undefined> {
  return {
    unreadable: (errorName) => new WebhookSecretError(`the Slack webhook secret ${secretId} could not be read (${errorName})`),
    decode: (text) => {
      const trimmed = text.trim();
      if (trimmed === NOT_CONFIGURED) return undefined;
      const url = trimmed.startsWith('{') ? urlField(trimmed) : trimmed;
      if (typeof url !== 'string' || !/^https:\/\//.test(url))
        throw new WebhookSecretError(`the Slack webhook secret ${secretId} holds no https URL (set it after deploying)`);
      return url;
    },
  };
}
