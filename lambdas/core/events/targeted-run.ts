import { nodeCrypto } from '../on-demand/node-crypto';
import type { TargetedRun } from './route-changes';

/** What a targeted execution of the run's state machine is given: the estates and environments to audit. */
export interface TargetedRunInput {
  targeted: { estates: Record<string, string[]>; parameters: string[]; changes: number };
}

/** The state machine's input for one targeted run. */
export const targetedRunInput = (run: TargetedRun): TargetedRunInput => ({
  targeted: { estates: { [run.estate]: run.environments }, parameters: run.parameters, changes: run.changes },
});

/**
 * The execution's name (the run id): time-sortable like a scheduled run's, and the same for the
 * same batch of messages, so a redelivered batch starts no second run (Step Functions refuses the name).
 */
export function targetedRunName(at: Date, estate: string, messageIds: readonly string[]): string {
  const stamp = at.toISOString().replace(/[-:]|\.\d{3}/g, '');
  const digest = nodeCrypto()
    .createHash('sha256')
    .update([estate, ...[...messageIds].sort()].join('\u0000'))
    .digest('hex')
    .slice(0, 12);
  return `run-${stamp}-ev-${digest}`;
}
