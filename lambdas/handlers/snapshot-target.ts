import { snapshotTarget, type SnapshotTargetInput } from '../use-cases/snapshot-target';
import { observed } from '../wiring/lambda-observability';
import { snapshotTargetDeps } from '../wiring/lambda-snapshot';

/** One Map iteration: snapshots the environments of one account and region into the run's bucket folder. */
export const handler = observed((event: SnapshotTargetInput, context) =>
  snapshotTarget(
    event,
    snapshotTargetDeps(() => context.getRemainingTimeInMillis()),
  ),
);
