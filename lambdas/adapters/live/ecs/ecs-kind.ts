import { ApplicationAutoScalingClient } from '@aws-sdk/client-application-auto-scaling';
import { ECSClient } from '@aws-sdk/client-ecs';
import { S3Client } from '@aws-sdk/client-s3';
import type { SpecOf } from '../../../core/source-kinds/registry';
import type { EcsInputs } from '../../../core/sources/ecs';
import { emptyResult } from '../../../core/sources/result';
import { defineLiveKind } from '../live-kind';
import { ecsDiscovery } from './ecs-discover';
import { ecsAccess, ecsTouches, type EcsRead } from './ecs-access';
import { EcsCollector } from './ecs-collector';
import type { TaskDefinitionCache } from './task-definition-cache';

interface EcsClients {
  ecs: ECSClient;
  autoscaling: ApplicationAutoScalingClient;
  s3: S3Client;
}

/** `ecs` live: the service, its task definition, scaling and environment files. */
export const ecsLive = defineLiveKind<SpecOf<'ecs'>, EcsClients, { taskDefinitions: TaskDefinitionCache }, EcsInputs, EcsRead>({
  clients: (config) => ({
    ecs: new ECSClient(config),
    autoscaling: new ApplicationAutoScalingClient(config),
    // An environment file's bucket may live in another region.
    s3: new S3Client({ ...config, followRegionRedirects: true }),
  }),
  limits: {
    ecs: { rate: 10, burst: 10, concurrency: 4 },
    'application-autoscaling': { rate: 5, burst: 5, concurrency: 2 },
    s3: { rate: 20, burst: 20, concurrency: 4 },
  },
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
      }).collect({ cluster: spec.cluster, service: spec.service, container: spec.container }, ctx);
      return { ...result, kept: result.inputs };
    },
  }),
  access: ecsAccess,
  discover: ecsDiscovery,
  touches: ecsTouches,
});
