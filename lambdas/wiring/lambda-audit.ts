import { HTML_REPORT } from '../adapters/reports/html-report';
import { JSON_REPORT } from '../adapters/reports/json-report';
import { PublishedCodeReader } from '../adapters/s3/published-code-reader';
import type { AuditRunDeps } from '../use-cases/audit-run';
import { bucket, config, store } from './lambda-base';
import { now } from './lambda-config';
import { count } from './lambda-observability';

/** audit-run reads snapshots from the bucket, records the run in the store and writes its report in the registry's `json` and `html` (imported alone: no other renderer loads). */
export const auditRunDeps = (): AuditRunDeps => ({
  ...bucket(),
  store: store(),
  defaultRegion: config().region,
  ownAccount: config().account,
  report: JSON_REPORT,
  html: HTML_REPORT,
  now,
  count,
  code: (estateKey) => new PublishedCodeReader(bucket().objects, estateKey),
});
