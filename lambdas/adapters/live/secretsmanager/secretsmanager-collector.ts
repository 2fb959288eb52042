import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { ParseContext } from '../../../core/sources/context';
import { secretsManagerObservations, type SecretsManagerResult } from '../../../core/sources/secretsmanager';
import { readSecret } from '../../secrets-manager';
import { describeCallFailure, isProgrammingError } from '../aws-errors';
import type { Limit } from '../limit';

export interface SecretsManagerCollectorDeps {
  secretsManager: SecretsManagerClient;
  limit: Limit;
  /** When the snapshot is taken (the system clock by default). */
  now?: () => Date;
}

/** One collection: the parser's result, when it was observed, and the calls it made. */
export type SecretsManagerLiveResult = SecretsManagerResult & { observedAt: string; calls: Record<string, number> };

/**
 * A live `secretsmanager` source: one GetSecretValue of the declared secret's current version
 * (AWSCURRENT), whose answer goes through the parser the recorded form uses. Its CreatedDate is
 * when that version was made, so no DescribeSecret is needed (its LastChangedDate also moves for
 * tags and descriptions). A failure becomes an error line that names the secret, never its value.
 */
export class SecretsManagerCollector {
  constructor(private readonly deps: SecretsManagerCollectorDeps) {}

  async collect(secretId: string, ctx: ParseContext, key?: string): Promise<SecretsManagerLiveResult> {
    const calls: Record<string, number> = { GetSecretValue: 0 };
    const observedAt = (this.deps.now ?? (() => new Date()))().toISOString();
    let secret;
    try {
      calls.GetSecretValue!++;
      secret = await this.deps.limit('secretsmanager', () => readSecret(this.deps.secretsManager, secretId));
    } catch (err) {
      if (isProgrammingError(err)) throw err;
      return {
        observations: [],
        dangling: [],
        errors: [describeCallFailure(`secretsmanager GetSecretValue on ${secretId}`, err)],
        observedAt,
        calls,
      };
    }
    return { ...secretsManagerObservations(secret, secretId, ctx, key), observedAt, calls };
  }
}
