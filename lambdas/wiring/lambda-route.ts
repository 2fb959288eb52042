import { SFNClient } from '@aws-sdk/client-sfn';
import { changeTouches } from '../adapters/live/change-touches';
import { SfnRunStarter } from '../adapters/sfn/sfn-run-starter';
import type { RouteEventsDeps } from '../use-cases/route-events';
import { bucket, config, http, once } from './lambda-base';
import { requireEnv } from './lambda-config';
import { count } from './lambda-observability';

/** The state machine it starts and the installation's account (a read that declares none is read there). */
export function routeConfig(env: NodeJS.ProcessEnv): { stateMachineArn: string; account: string } {
  const { DRIFT_STATE_MACHINE_ARN, DRIFT_ACCOUNT } = requireEnv(env, ['DRIFT_STATE_MACHINE_ARN', 'DRIFT_ACCOUNT']);
  return { stateMachineArn: DRIFT_STATE_MACHINE_ARN, account: DRIFT_ACCOUNT };
}

const sfn = once(() => new SFNClient(http()));

/** route-events reads the estate files and starts executions of the run's state machine. */
export const routeEventsDeps = (): RouteEventsDeps => {
  const { stateMachineArn, account } = routeConfig(process.env);
  return {
    estates: bucket().estates,
    touches: changeTouches({ account, region: config().region }),
    runs: new SfnRunStarter(sfn(), stateMachineArn),
    count,
  };
};
