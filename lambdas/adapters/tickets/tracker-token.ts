import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { TrackerRejected } from '../../core/tickets/ticket-errors';
import { TRACKER_KINDS, type TrackerCredentials, type TrackerName } from '../../core/tickets/tracker-kinds';
import { secretValue } from '../secrets-manager';

export type { TrackerCredentials } from '../../core/tickets/tracker-kinds';

/**
 * A tracker's credentials from their text, in its own format (GitHub `TOKEN`; Jira `EMAIL:API_TOKEN`;
 * or JSON with those fields). Undefined when the text holds none (the placeholder the installation creates).
 */
export const parseCredentials = (tracker: TrackerName, raw: string): TrackerCredentials | undefined =>
  TRACKER_KINDS[tracker].credentials.parse(raw.trim());

/** The tracker's credentials from the tickets secret, read once per container; errors name the secret and never quote it. */
export function credentialsFromSecretsManager(
  client: SecretsManagerClient,
  secretId: string,
  tracker: TrackerName,
): () => Promise<TrackerCredentials> {
  return secretValue(client, secretId, {
    unreadable: (errorName) => new TrackerRejected(`the tickets secret ${secretId} could not be read (${errorName})`),
    decode: (text) => {
      const credentials = parseCredentials(tracker, text);
      if (!credentials)
        throw new TrackerRejected(
          `the tickets secret ${secretId} holds no credentials: put ${TRACKER_KINDS[tracker].credentials.how} in it`,
        );
      return credentials;
    },
  });
}
