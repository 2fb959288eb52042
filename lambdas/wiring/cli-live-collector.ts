import { StoreTaskDefinitionCache } from '../adapters/live/ecs/store-task-definition-cache';
import { MemoryTaskDefinitionCache } from '../adapters/live/ecs/task-definition-cache';
import { httpKubeClientWithin } from '../adapters/live/eks/kube-client';
import { LiveSourceCollector, type LiveCollectorDeps } from '../adapters/live/live-collector';
import { LimiterRegistry } from '../adapters/live/rate-limiter';
import type { Estate } from '../core/estate/model';
import type { Fingerprinter } from '../core/fingerprint';
import type { AuditStore } from '../ports/audit-store';
import type { SourceCollector } from '../ports/source-collector';
import { declaredSourceSnapshot } from '../use-cases/previous-snapshot';
import { AwsClientFactory } from './aws-clients';
import type { Timeouts } from './timeouts';

export interface CliLiveOptions {
  estate: Estate;
  env: NodeJS.ProcessEnv;
  timeouts: Timeouts;
  store?: AuditStore;
  record?: LiveCollectorDeps['record'];
  /** Filled with the API calls per source label. */
  calls: Map<string, Record<string, number>>;
  /** What seals the task definitions kept in the store (their values' fingerprints, never the values). */
  fp: Fingerprinter;
}

/**
 * The CLI's collector for an estate that reads something live: recorded sources still go to
 * `recorded`; live ones call AWS through one rate limiter per account and region, and with a store
 * read only what moved since their previous snapshot, describing task definitions once per revision.
 */
export function cliLiveCollector(
  recorded: SourceCollector,
  { estate, env, timeouts, store, record, calls, fp }: CliLiveOptions,
): { collector: SourceCollector; limiters: LimiterRegistry; close(): void } {
  const clients = new AwsClientFactory(timeouts, { stsRegion: env.AWS_REGION ?? env.AWS_DEFAULT_REGION });
  const limiters = new LimiterRegistry();
  const collector = new LiveSourceCollector(recorded, {
    clients: (target) => clients.for(target),
    limiters,
    previous: async (environment, spec) =>
      store ? (await declaredSourceSnapshot(store, estate, environment, spec))?.observations : undefined,
    taskDefinitions: store ? new StoreTaskDefinitionCache(store, async () => fp) : new MemoryTaskDefinitionCache(),
    defaultRegion: env.AWS_REGION ?? env.AWS_DEFAULT_REGION,
    now: () => new Date(),
    kube: httpKubeClientWithin(timeouts.connectMs + timeouts.requestMs),
    sourceDeadlineMs: timeouts.sourceMs,
    onCalls: (label, c) => calls.set(label, c),
    ...(record ? { record } : {}),
  });
  return { collector, limiters, close: () => clients.destroy() };
}
