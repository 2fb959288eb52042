import { SSMClient } from '@aws-sdk/client-ssm';
import type { SpecOf } from '../../../core/source-kinds/registry';
import { defineLiveSdk } from '../live-kind';
import { ssmDiscovery } from './ssm-discover';
import { SsmCollector } from './ssm-collector';

/** `ssm` live, its SDK part: DescribeParameters, then GetParameters for what moved; a targeted run only the names it was given. */
export const ssmSdk = defineLiveSdk<SpecOf<'ssm'>, { ssm: SSMClient }>({
  clients: (config) => ({ ssm: new SSMClient(config) }),
  reader: () => ({
    collect: (spec, ctx, call) =>
      new SsmCollector({ ssm: call.clients.ssm, limit: call.limit, now: call.now }).collect(spec.path, ctx, call.previous, call.only),
  }),
  discover: ssmDiscovery,
});
