import type { SSMClient } from '@aws-sdk/client-ssm';
import type { SpecOf } from '../../../core/source-kinds/registry';
import { defineLiveKind } from '../live-kind';
import { ssmAccess, ssmTouches, type SsmRead } from './ssm-access';

/** `ssm` live: DescribeParameters, then GetParameters for what moved (ssm-sdk.ts). */
export const ssmLive = defineLiveKind<SpecOf<'ssm'>, { ssm: SSMClient }, object, never, SsmRead>({
  // GetParameter* and DescribeParameters share about 40 TPS per account and region with the applications: drift takes a quarter.
  limits: { ssm: { rate: 10, burst: 10, concurrency: 4 } },
  access: ssmAccess,
  touches: ssmTouches,
  discovers: (scope) => (scope.ssmPath === undefined ? undefined : `SSM path ${scope.ssmPath}`),
  load: () => import('./ssm-sdk').then((m) => m.ssmSdk),
});
