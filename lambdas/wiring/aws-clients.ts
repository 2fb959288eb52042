import { ApplicationAutoScalingClient } from '@aws-sdk/client-application-auto-scaling';
import { ECSClient } from '@aws-sdk/client-ecs';
import { EKSClient } from '@aws-sdk/client-eks';
import { S3Client } from '@aws-sdk/client-s3';
import { SSMClient } from '@aws-sdk/client-ssm';
import { STSClient } from '@aws-sdk/client-sts';
import { fromNodeProviderChain } from '@aws-sdk/credential-providers';
import { assumeRoleCredentials } from '../adapters/live/assume-role';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import { DEFAULT_TIMEOUTS, sdkHttp, type Timeouts } from './timeouts';

/** Where one environment lives: its account (through a read role, maybe) and region. */
export interface AwsTarget {
  region: string;
  roleArn?: string;
}

/** The clients a live collector needs for one account and region. */
export interface AwsClients {
  region: string;
  credentials: AwsCredentialIdentityProvider;
  ssm: SSMClient;
  ecs: ECSClient;
  eks: EKSClient;
  autoscaling: ApplicationAutoScalingClient;
  s3: S3Client;
}

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
      const config = { region: target.region, credentials, ...RETRY, ...this.http };
      clients = {
        region: target.region,
        credentials,
        ssm: new SSMClient(config),
        ecs: new ECSClient(config),
        eks: new EKSClient(config),
        autoscaling: new ApplicationAutoScalingClient(config),
        // An environment file's bucket may live in another region.
        s3: new S3Client({ ...config, followRegionRedirects: true }),
      };
      this.cache.set(key, clients);
    }
    return clients;
  }

  destroy(): void {
    for (const c of this.cache.values()) for (const client of [c.ssm, c.ecs, c.eks, c.autoscaling, c.s3]) client.destroy();
    for (const c of this.stsClients.values()) c.destroy();
    this.cache.clear();
    this.stsClients.clear();
  }
}
