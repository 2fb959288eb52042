import { STSClient } from '@aws-sdk/client-sts';
import { fromNodeProviderChain } from '@aws-sdk/credential-providers';
import { assumeRoleCredentials } from '../adapters/live/assume-role';
import type { AwsTarget, Destroyable, SdkClientConfig } from '../adapters/live/aws-target';
import { LIVE, type LiveClients } from '../adapters/live/live-kinds';
import { DEFAULT_TIMEOUTS, sdkHttp, type Timeouts } from './timeouts';

export type { AwsTarget } from '../adapters/live/aws-target';
/** The clients the live collectors need for one account and region: every live kind's. */
export type AwsClients = LiveClients;

// Throttling is the rate limiter's to handle (it backs off with jitter and lowers the family's rate
// for the whole account); the SDK only retries a dropped connection or a 5xx once.
const RETRY = { retryMode: 'standard', maxAttempts: 2 } as const;

/**
 * Builds clients once per role and region, each with connection and request timeouts. Default config
 * everywhere else, so the standard settings (AWS_ENDPOINT_URL_SSM and the like, profiles, container
 * credentials) apply without code.
 */
export class AwsClientFactory {
  private readonly cache = new Map<string, AwsClients>();
  private readonly base = fromNodeProviderChain();
  private readonly stsClients = new Map<string, STSClient>();
  private readonly http: ReturnType<typeof sdkHttp>;

  constructor(timeouts: Timeouts = DEFAULT_TIMEOUTS) {
    this.http = sdkHttp(timeouts);
  }

  private sts(region: string): STSClient {
    let c = this.stsClients.get(region);
    if (!c) this.stsClients.set(region, (c = new STSClient({ region, credentials: this.base, ...RETRY, ...this.http })));
    return c;
  }

  for(target: AwsTarget): AwsClients {
    const key = `${target.roleArn ?? 'default'}@${target.region}`;
    let clients = this.cache.get(key);
    if (!clients) {
      // STS AssumeRole into the member's read role, from the installation's own credentials, cached.
      const credentials = target.roleArn ? assumeRoleCredentials(this.sts(target.region), target.roleArn) : this.base;
      const config: SdkClientConfig = { region: target.region, credentials, ...RETRY, ...this.http };
      const made: Record<string, unknown> = { region: target.region, credentials };
      // Each live kind makes its own clients; a client two kinds both name is kept once.
      for (const { live } of LIVE) {
        for (const [name, client] of Object.entries(live.clients(config) as Record<string, Destroyable>)) {
          if (name in made) client.destroy();
          else made[name] = client;
        }
      }
      clients = made as AwsClients;
      this.cache.set(key, clients);
    }
    return clients;
  }

  destroy(): void {
    for (const c of this.cache.values()) {
      for (const [name, client] of Object.entries(c)) if (name !== 'region' && name !== 'credentials') (client as Destroyable).destroy();
    }
    for (const c of this.stsClients.values()) c.destroy();
    this.cache.clear();
    this.stsClients.clear();
  }
}
