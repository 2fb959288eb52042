import type { PlanRunDeps } from '../use-cases/plan-run';
import { bucket, config } from './lambda-base';
import { now } from './lambda-config';
import { count } from './lambda-observability';

/** plan-run reads the estate files only. */
export const planRunDeps = (): PlanRunDeps => ({
  estates: bucket().estates,
  defaultRegion: config().region,
  ownAccount: config().account,
  now,
  count,
});
