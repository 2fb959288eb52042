import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import { auditRun, type AuditRunInput } from '../use-cases/audit-run';
import { logger, metrics } from '../wiring/lambda-observability';
import { auditRunDeps } from '../wiring/lambda-audit';

/** After the Map: audits each estate from the run's snapshots, records the run and writes its report. */
export const handler = middy((event: AuditRunInput) => auditRun(event, auditRunDeps()))
  .use(injectLambdaContext(logger))
  .use(logMetrics(metrics, { captureColdStartMetric: true }));
