import { ExecutionAlreadyExists, StartExecutionCommand, type SFNClient } from '@aws-sdk/client-sfn';
import type { TargetedRunInput } from '../../core/events/targeted-run';
import type { RunStarter } from '../../ports/run-starter';

/** Starts the run's Step Functions state machine; the execution name is the run id. */
export class SfnRunStarter implements RunStarter {
  constructor(
    private readonly sfn: SFNClient,
    private readonly stateMachineArn: string,
  ) {}

  async start(name: string, input: TargetedRunInput): Promise<'started' | 'already-started'> {
    try {
      await this.sfn.send(new StartExecutionCommand({ stateMachineArn: this.stateMachineArn, name, input: JSON.stringify(input) }));
      return 'started';
    } catch (e) {
      // The same batch delivered again: its run was started the first time.
      if (e instanceof ExecutionAlreadyExists) return 'already-started';
      throw e;
    }
  }
}
