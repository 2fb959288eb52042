import { SSMClient } from '@aws-sdk/client-ssm';
import type { SpecOf } from '../../../core/source-kinds/registry';
import { defineLiveKind } from '../live-kind';
import { ssmDiscovery } from './ssm-discover';
import { ssmAccess, ssmTouches, type SsmRead } from './ssm-access';
import { SsmCollector } from './ssm-collector';

/** `ssm` live: DescribeParameters, then GetParameters for what moved; a targeted run only the names it was given. */
export const ssmLive = defineLiveKind<SpecOf<'ssm'>, { ssm: SSMClient }, object, never, SsmRead>({
  clients: (config) => ({ ssm: new SSMClient(config) }),
  // GetParameter* and DescribeParameters share about 40 TPS per account and region with the applications: drift takes a quarter.
  limits: { ssm: { rate: 10, burst: 10, concurrency: 4 } },
  reader: () => ({
    collect: (spec, ctx, call) =>
      new SsmCollector({ ssm: call.clients.ssm, limit: call.limit, now: call.now }).collect(spec.path, ctx, call.previous, call.only),
  }),
  access: ssmAccess,
  discover: ssmDiscovery,
  touches: ssmTouches,
});
