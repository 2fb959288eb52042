import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { METRICS } from '../use-cases/metric-names';
import { mapStacksLazily } from '../adapters/lazy-source-maps';
import { allowLinearRegExp } from '../adapters/linear-regexp';

// Stack traces in the source's files and lines, the map read at the first error rather than at every cold start.
mapStacksLazily(__filename);
// Key patterns run on the linear-time engine where they can: every handler imports this first.
allowLinearRegExp();

/** One logger and one metrics buffer per container; the handlers' middleware flushes them per invocation. */
export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? METRICS.service });
export const metrics = new Metrics({
  namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? METRICS.namespace,
  serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? METRICS.service,
});

/** A count for the use cases' `count` port. */
export const count = (name: string, value: number): void => {
  metrics.addMetric(name, MetricUnit.Count, value);
};

/** A Lambda handler: middy with Powertools logging (Lambda context) and metrics around one use-case call. */
export const observed = <E, R>(run: (event: E, context: Context) => Promise<R>) =>
  middy(run)
    .use(injectLambdaContext(logger))
    .use(logMetrics(metrics, { captureColdStartMetric: true }));
