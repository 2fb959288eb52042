import { StoreTaskDefinitionCache } from '../adapters/live/ecs/store-task-definition-cache';
import { httpKubeClientWithin } from '../adapters/live/eks/kube-client';
import { LiveSourceCollector } from '../adapters/live/live-collector';
import { LimiterRegistry } from '../adapters/live/rate-limiter';
import { fingerprinterFromSecretsManager } from '../adapters/secrets/fingerprint-key-secret';
import type { Estate } from '../core/estate/model';
import type { SourceCollector } from '../ports/source-collector';
import { declaredSourceSnapshot } from '../use-cases/previous-snapshot';
import type { SnapshotTargetDeps } from '../use-cases/snapshot-target';
import { AwsClientFactory } from './aws-clients';
import { bucket, config, once, secretsClient, store, timeouts } from './lambda-base';
import { now } from './lambda-config';
import { count, logger } from './lambda-observability';

/** In Lambda, recorded `from:` sources have no files to read. */
const recordedRefused: SourceCollector = {
  collect: async (_spec, label) => ({
    source: label,
    observations: [],
    dangling: [],
    errors: [`${label.label}: recorded sources are read by the CLI`],
  }),
};

// One rate limiter per account and region for the container's life.
const shared = once(() => ({
  aws: new AwsClientFactory(timeouts(), { stsRegion: config().region }),
  limiters: new LimiterRegistry(),
  fingerprinter: fingerprinterFromSecretsManager(secretsClient(), config().fingerprintSecretArn),
}));

/**
 * Kept of the invocation's time for what follows the last source: writing the environments'
 * snapshots (one S3 put each) and returning, before Lambda ends the invocation.
 */
export const SNAPSHOT_WRITE_RESERVE_MS = 20_000;

/**
 * snapshot-target collects live sources: one rate limiter per account and region for the container.
 * `remainingMs`: the invocation's time left (Lambda's), which no source may run past.
 */
export const snapshotTargetDeps = (remainingMs?: () => number): SnapshotTargetDeps => {
  const { aws, limiters, fingerprinter } = shared();
  const collectorFor = (estate: Estate): SourceCollector =>
    new LiveSourceCollector(recordedRefused, {
      clients: (target) => aws.for(target),
      limiters,
      previous: async (environment, spec) => (await declaredSourceSnapshot(store(), estate, environment, spec))?.observations,
      taskDefinitions: new StoreTaskDefinitionCache(store(), fingerprinter),
      defaultRegion: config().region,
      ownAccount: config().account,
      now,
      kube: httpKubeClientWithin(timeouts().connectMs + timeouts().requestMs),
      sourceDeadlineMs: timeouts().sourceMs,
      ...(remainingMs ? { timeLeftMs: () => remainingMs() - SNAPSHOT_WRITE_RESERVE_MS } : {}),
      onCalls: (label, calls) => logger.debug('source calls', { estate: estate.name, source: label, calls }),
    });
  return { ...bucket(), collectorFor, fingerprinter, defaultRegion: config().region, ownAccount: config().account, count };
};
