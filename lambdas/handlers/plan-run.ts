import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import { planRun, type PlanRunInput } from '../use-cases/plan-run';
import { logger, metrics } from '../wiring/lambda-observability';
import { planRunDeps } from '../wiring/lambda-plan';

/** Step Functions' first state: pins the estate files and lists the accounts and regions to snapshot. */
export const handler = middy((event: PlanRunInput) => planRun(event ?? {}, planRunDeps()))
  .use(injectLambdaContext(logger))
  .use(logMetrics(metrics, { captureColdStartMetric: true }));
