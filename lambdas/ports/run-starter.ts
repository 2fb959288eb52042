import type { TargetedRunInput } from '../core/events/targeted-run';

/** Starts an execution of the run's state machine; a name already started is not an error (a redelivered batch). */
export interface RunStarter {
  start(name: string, input: TargetedRunInput): Promise<'started' | 'already-started'>;
}
