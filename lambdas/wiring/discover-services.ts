import { discoverSources } from '../adapters/live/discover-sources';
import { httpKubeClientWithin } from '../adapters/live/eks/kube-client';
import { MemoryTaskDefinitionCache } from '../adapters/live/ecs/task-definition-cache';
import { RateLimiter } from '../adapters/live/rate-limiter';
import type { DiscoverScope, DiscoveredSource } from '../core/init/discovered';
import { AwsClientFactory } from './aws-clients';
import { timeoutsFrom } from './timeouts';

/**
 * `drift init --discover`: every live kind's discovery, with the caller's own credentials in
 * `scope.region`, paced and retried on throttling as a run's reads are (the SDK retries once only).
 */
export async function discoverWithCallerCredentials(scope: DiscoverScope, env: NodeJS.ProcessEnv): Promise<DiscoveredSource[]> {
  const timeouts = timeoutsFrom(env);
  const clients = new AwsClientFactory(timeouts);
  try {
    return await discoverSources(
      scope,
      () => clients.for({ region: scope.region }),
      { kube: httpKubeClientWithin(timeouts.connectMs + timeouts.requestMs), taskDefinitions: new MemoryTaskDefinitionCache() },
      new RateLimiter().limit,
    );
  } finally {
    clients.destroy();
  }
}
