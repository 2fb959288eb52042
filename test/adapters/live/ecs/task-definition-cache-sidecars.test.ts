import { ApplicationAutoScalingClient, DescribeScalableTargetsCommand } from '@aws-sdk/client-application-auto-scaling';
import { DescribeServicesCommand, DescribeTaskDefinitionCommand, ECSClient, ListTasksCommand } from '@aws-sdk/client-ecs';
import { S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { EcsCollector } from '../../../../lambdas/adapters/live/ecs/ecs-collector';
import { StoreTaskDefinitionCache } from '../../../../lambdas/adapters/live/ecs/store-task-definition-cache';
import type { Observation } from '../../../../lambdas/core/model';
import { testContext, testFingerprinter, testLabel } from '../../../helpers/context';
import { useDynalite } from '../../../helpers/dynalite';
import { realClients, sdkService, sdkTarget, sdkTaskDefinition } from './fixtures';

const db = useDynalite();
const ecsMock = mockClient(ECSClient);
const autoscalingMock = mockClient(ApplicationAutoScalingClient);
mockClient(S3Client);

/** The fixture's revision, its api container without an env file, beside sidecars that have variables of their own. */
function withSidecars() {
  const td = sdkTaskDefinition(7);
  const [api] = td.containerDefinitions!;
  delete api!.environmentFiles;
  td.containerDefinitions = [
    api!,
    { name: 'datadog-agent', image: 'datadog/agent', environment: [{ name: 'DD_SITE', value: 'datadoghq.eu' }] },
    { name: 'envoy', image: 'envoy', environment: [{ name: 'LOG_LEVEL', value: 'debug' }] },
  ];
  return td;
}

beforeEach(() => {
  ecsMock.reset();
  autoscalingMock.reset();
  ecsMock.on(DescribeServicesCommand).resolves({ services: [sdkService(7)], failures: [] });
  ecsMock.on(DescribeTaskDefinitionCommand).resolves({ taskDefinition: withSidecars(), tags: [] });
  ecsMock.on(ListTasksCommand).resolves({ taskArns: [] });
  autoscalingMock.on(DescribeScalableTargetsCommand).resolves({ ScalableTargets: [sdkTarget()] });
});

describe('the task-definition cache, for a task with sidecars', () => {
  test("a later run describes the revision no more: the sidecars' variables, which the source never reads, do not defeat the cache", async () => {
    const { store } = await db.freshTable();
    const fp = async () => testFingerprinter();
    const ctx = () => testContext(testLabel('ecs', 'ecs staging/api-server'));
    // Each run has its own cache over the same store, as each snapshot invocation does.
    const run = (previous?: Observation[]) =>
      new EcsCollector({
        ...realClients(),
        taskDefinitions: new StoreTaskDefinitionCache(store, fp),
        limit: (_family, call) => call(),
        previous: async () => previous,
      }).collect({ cluster: 'staging', service: 'api-server', container: 'api' }, ctx());

    const first = await run();
    expect(first.errors).toEqual([]);
    const second = await run(first.observations);
    expect(second.calls.DescribeTaskDefinition ?? 0).toBe(0);
    expect(second.observations).toEqual(first.observations);
  });
});
