import { STSClient } from '@aws-sdk/client-sts';
import { defaultProvider } from '@aws-sdk/credential-provider-node';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import { assumeRoleCredentials } from '../adapters/live/assume-role';
import type { AwsTarget, Destroyable, SdkClientConfig } from '../adapters/live/aws-target';
import { loadedLive, type LiveClients, type LiveType } from '../adapters/live/live-kinds';
import { partitionOf } from '../core/aws-partition';
import { DEFAULT_TIMEOUTS, sdkHttp, type Timeouts } from './timeouts';

export type { AwsTarget } from '../adapters/live/aws-target';
/** The clients the live collectors need for one account and region: every loaded live kind's. */
export type AwsClients = LiveClients;

// Throttling is the rate limiter's to handle (it backs off with jitter and lowers the family's rate
// for the whole account); the SDK only retries a dropped connection or a 5xx once.
const RETRY = { retryMode: 'standard', maxAttempts: 2 } as const;

/**
 * The SDK's default credential chain (environment, profiles, SSO, web identity, container and instance
 * metadata), made at its first call. Imported from its own package: the umbrella
 * `@aws-sdk/credential-providers` brings every other provider along (Cognito, login, …), 67 KiB of
 * each function's bundle that nothing calls.
 */
function nodeProviderChain(): AwsCredentialIdentityProvider {
  let chain: AwsCredentialIdentityProvider | undefined;
  return (args) => (chain ??= defaultProvider())(args);
}

/**
 * Builds clients once per role and region, each with connection and request timeouts. Default config
 * everywhere else, so the standard settings (AWS_ENDPOINT_URL_SSM and the like, profiles, container
 * credentials) apply without code.
 */
export class AwsClientFactory {
  /** Per role and region: the clients made so far, and the live kinds they were made for. */
  private readonly cache = new Map<string, { clients: AwsClients; config: SdkClientConfig; kinds: Set<LiveType> }>();
  private readonly base = nodeProviderChain();
  private readonly stsClients = new Map<string, STSClient>();
  private readonly http: ReturnType<typeof sdkHttp>;

  /**
   * `stsRegion`, the installation's region: member roles are assumed there. An opt-in region must be
   * enabled in the account that calls its STS endpoint too, and the installation's need not have
   * enabled every region its members did; the credentials STS gives are valid in every region.
   */
  constructor(
    timeouts: Timeouts = DEFAULT_TIMEOUTS,
    private readonly opts: { stsRegion?: string } = {},
  ) {
    this.http = sdkHttp(timeouts);
  }

  /** The installation's region when the target is in its partition (roles are assumed within one), else the target's. */
  private stsRegionFor(region: string): string {
    const home = this.opts.stsRegion;
    return home && partitionOf(home).name === partitionOf(region).name ? home : region;
  }

  private sts(region: string): STSClient {
    let c = this.stsClients.get(region);
    if (!c) this.stsClients.set(region, (c = new STSClient({ region, credentials: this.base, ...RETRY, ...this.http })));
    return c;
  }

  /** The target's clients of every live kind loaded so far (live-kinds' `loadLive`): a kind's are made once it is. */
  for(target: AwsTarget): AwsClients {
    const key = `${target.roleArn ?? 'default'}@${target.region}`;
    let entry = this.cache.get(key);
    if (!entry) {
      // STS AssumeRole into the member's read role, from the installation's own credentials, cached.
      const credentials = target.roleArn ? assumeRoleCredentials(this.sts(this.stsRegionFor(target.region)), target.roleArn) : this.base;
      const config: SdkClientConfig = { region: target.region, credentials, ...RETRY, ...this.http };
      entry = { clients: { region: target.region, credentials } as AwsClients, config, kinds: new Set() };
      this.cache.set(key, entry);
    }
    const made = entry.clients as unknown as Record<string, unknown>;
    for (const [type, sdk] of loadedLive()) {
      if (entry.kinds.has(type)) continue;
      entry.kinds.add(type);
      // Each live kind makes its own clients; a client two kinds both name is kept once.
      for (const [name, client] of Object.entries(sdk.clients(entry.config) as Record<string, Destroyable>)) {
        if (name in made) client.destroy();
        else made[name] = client;
      }
    }
    return entry.clients;
  }

  destroy(): void {
    for (const { clients } of this.cache.values()) {
      for (const [name, client] of Object.entries(clients))
        if (name !== 'region' && name !== 'credentials') (client as Destroyable).destroy();
    }
    for (const c of this.stsClients.values()) c.destroy();
    this.cache.clear();
    this.stsClients.clear();
  }
}
