import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { SpecOf } from '../../../core/source-kinds/registry';
import { defineLiveKind } from '../live-kind';
import { secretsManagerAccess, type SecretsManagerRead } from './secretsmanager-access';

/** `secretsmanager` live: one GetSecretValue of the declared secret's current version (secretsmanager-sdk.ts). */
export const secretsManagerLive = defineLiveKind<
  SpecOf<'secretsmanager'>,
  { secretsManager: SecretsManagerClient },
  object,
  never,
  SecretsManagerRead
>({
  // GetSecretValue allows thousands of requests a second per account and region; a source makes one.
  limits: { secretsmanager: { rate: 20, burst: 20, concurrency: 4 } },
  access: secretsManagerAccess,
  load: () => import('./secretsmanager-sdk').then((m) => m.secretsManagerSdk),
});
