import type { ApplicationAutoScalingClient } from '@aws-sdk/client-application-auto-scaling';
import type { ECSClient } from '@aws-sdk/client-ecs';
import type { S3Client } from '@aws-sdk/client-s3';
import type { SpecOf } from '../../../core/source-kinds/registry';
import type { EcsInputs } from '../../../core/sources/ecs';
import { defineLiveKind } from '../live-kind';
import { ecsAccess, ecsTouches, type EcsRead } from './ecs-access';
import type { TaskDefinitionCache } from './task-definition-cache';

export interface EcsClients {
  ecs: ECSClient;
  autoscaling: ApplicationAutoScalingClient;
  s3: S3Client;
}

export interface EcsDeps {
  taskDefinitions: TaskDefinitionCache;
}

/** `ecs` live: the service, its task definition, scaling and environment files (ecs-sdk.ts). */
export const ecsLive = defineLiveKind<SpecOf<'ecs'>, EcsClients, EcsDeps, EcsInputs, EcsRead>({
  limits: {
    ecs: { rate: 10, burst: 10, concurrency: 4 },
    'application-autoscaling': { rate: 5, burst: 5, concurrency: 2 },
    s3: { rate: 20, burst: 20, concurrency: 4 },
  },
  access: ecsAccess,
  touches: ecsTouches,
  discovers: (scope) => (scope.ecsCluster === undefined ? undefined : `ECS cluster ${scope.ecsCluster}`),
  load: () => import('./ecs-sdk').then((m) => m.ecsSdk),
});
