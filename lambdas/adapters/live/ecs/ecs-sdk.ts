import { ApplicationAutoScalingClient } from '@aws-sdk/client-application-auto-scaling';
import { ECSClient } from '@aws-sdk/client-ecs';
import { S3Client } from '@aws-sdk/client-s3';
import type { SpecOf } from '../../../core/source-kinds/registry';
import type { EcsInputs } from '../../../core/sources/ecs';
import { emptyResult } from '../../../core/sources/result';
import { defineLiveSdk } from '../live-kind';
import { ecsDiscovery } from './ecs-discover';
import { EcsCollector } from './ecs-collector';
import type { EcsClients, EcsDeps } from './ecs-kind';

/** `ecs` live, its SDK part: the service, its task definition, scaling and environment files. */
export const ecsSdk = defineLiveSdk<SpecOf<'ecs'>, EcsClients, EcsDeps, EcsInputs>({
  clients: (config) => ({
    ecs: new ECSClient(config),
    autoscaling: new ApplicationAutoScalingClient(config),
    // An environment file's bucket may live in another region.
    s3: new S3Client({ ...config, followRegionRedirects: true }),
  }),
  reader: (deps) => ({
    collect: async (spec, ctx, call) => {
      if (!spec.cluster || !spec.service)
        return { ...emptyResult(), errors: [`${ctx.source.label}: a live ecs source needs cluster and service`] };
      const { clients } = call;
      const result = await new EcsCollector({
        ecs: clients.ecs,
        autoscaling: clients.autoscaling,
        s3: clients.s3,
        taskDefinitions: deps.taskDefinitions,
        limit: call.limit,
        clock: call.now,
        keepInputs: call.keepInputs,
        previous: call.previous,
      }).collect({ cluster: spec.cluster, service: spec.service, container: spec.container }, ctx);
      return { ...result, kept: result.inputs };
    },
  }),
  discover: ecsDiscovery,
});
