import type { PlanRunDeps } from '../use-cases/plan-run';
import { bucket, config, store } from './lambda-base';
import { now } from './lambda-config';
import { count } from './lambda-observability';

/** plan-run reads the estate files, and the store's list of the estates the installation audited. */
export const planRunDeps = (): PlanRunDeps => ({
  estates: bucket().estates,
  defaultRegion: config().region,
  ownAccount: config().account,
  audited: store(),
  now,
  count,
});
