import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { SpecOf } from '../../../core/source-kinds/registry';
import { defineLiveKind } from '../live-kind';
import { secretsManagerAccess, type SecretsManagerRead } from './secretsmanager-access';
import { SecretsManagerCollector } from './secretsmanager-collector';

/** `secretsmanager` live: one GetSecretValue of the declared secret's current version. */
export const secretsManagerLive = defineLiveKind<
  SpecOf<'secretsmanager'>,
  { secretsManager: SecretsManagerClient },
  object,
  never,
  SecretsManagerRead
>({
  clients: (config) => ({ secretsManager: new SecretsManagerClient(config) }),
  // GetSecretValue allows thousands of requests a second per account and region; a source makes one.
  limits: { secretsmanager: { rate: 20, burst: 20, concurrency: 4 } },
  reader: () => ({
    collect: (spec, ctx, call) =>
      new SecretsManagerCollector({ secretsManager: call.clients.secretsManager, limit: call.limit, now: call.now }).collect(
        spec.secretId,
        ctx,
      ),
  }),
  access: secretsManagerAccess,
});
