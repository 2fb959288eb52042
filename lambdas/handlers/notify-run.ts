import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import { notifyRun, type NotifyRunInput } from '../use-cases/notify-run';
import { logger, metrics } from '../wiring/lambda-observability';
import { notifyRunDeps } from '../wiring/lambda-notify';

/** The last state: SNS lifecycle events not sent yet, and each estate's Slack digest when its window is due. */
export const handler = middy((event: NotifyRunInput) => notifyRun(event, notifyRunDeps()))
  .use(injectLambdaContext(logger))
  .use(logMetrics(metrics, { captureColdStartMetric: true }));
