import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import { snapshotTarget, type SnapshotTargetInput } from '../use-cases/snapshot-target';
import { logger, metrics } from '../wiring/lambda-observability';
import { snapshotTargetDeps } from '../wiring/lambda-snapshot';

/** One Map iteration: snapshots the environments of one account and region into the run's bucket folder. */
export const handler = middy((event: SnapshotTargetInput) => snapshotTarget(event, snapshotTargetDeps()))
  .use(injectLambdaContext(logger))
  .use(logMetrics(metrics, { captureColdStartMetric: true }));
