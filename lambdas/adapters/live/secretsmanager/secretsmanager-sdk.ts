import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { SpecOf } from '../../../core/source-kinds/registry';
import { defineLiveSdk } from '../live-kind';
import { SecretsManagerCollector } from './secretsmanager-collector';

/** `secretsmanager` live, its SDK part: one GetSecretValue of the declared secret's current version. */
export const secretsManagerSdk = defineLiveSdk<SpecOf<'secretsmanager'>, { secretsManager: SecretsManagerClient }>({
  clients: (config) => ({ secretsManager: new SecretsManagerClient(config) }),
  reader: () => ({
    collect: (spec, ctx, call) =>
      new SecretsManagerCollector({ secretsManager: call.clients.secretsManager, limit: call.limit, now: call.now }).collect(
        spec.secretId,
        ctx,
        spec.key,
      ),
  }),
});
