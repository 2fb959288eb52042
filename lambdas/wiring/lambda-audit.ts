import type { AuditRunDeps } from '../use-cases/audit-run';
import { bucket, config, store } from './lambda-base';
import { now } from './lambda-config';
import { count } from './lambda-observability';

/** audit-run reads snapshots from the bucket and records the run in the store. */
export const auditRunDeps = (): AuditRunDeps => ({ ...bucket(), store: store(), defaultRegion: config().region, now, count });
