import { ApplicationAutoScalingClient, DescribeScalableTargetsCommand } from '@aws-sdk/client-application-auto-scaling';
import {
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  DescribeTasksCommand,
  ECSClient,
  ListTasksCommand,
} from '@aws-sdk/client-ecs';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { EcsCollector } from '../../../../lambdas/adapters/live/ecs/ecs-collector';
import { MemoryTaskDefinitionCache } from '../../../../lambdas/adapters/live/ecs/task-definition-cache';
import { testContext, testLabel } from '../../../helpers/context';
import { CLUSTER_ARN, ENV_FILE_TEXT, body, realClients, sdkService, sdkTarget, sdkTaskDefinition, taskDefinitionArn } from './fixtures';

const ecsMock = mockClient(ECSClient);
const autoscalingMock = mockClient(ApplicationAutoScalingClient);
const s3Mock = mockClient(S3Client);
const ctx = () => testContext(testLabel('ecs', 'ecs staging/api-server'));
const collector = () =>
  new EcsCollector({
    ...realClients(),
    taskDefinitions: new MemoryTaskDefinitionCache(),
    limit: (_family, call) => call(),
    clock: () => new Date('2026-11-24T02:00:00Z'),
  });

const taskArn = (i: number): string => `arn:aws:ecs:us-east-1:111111111111:task/staging/t${String(i).padStart(3, '0')}`;

beforeEach(() => {
  ecsMock.reset();
  autoscalingMock.reset();
  s3Mock.reset();
  ecsMock.on(DescribeServicesCommand).resolves({ services: [sdkService(8)], failures: [] });
  ecsMock.on(DescribeTaskDefinitionCommand).resolves({ taskDefinition: sdkTaskDefinition(8) });
  autoscalingMock.on(DescribeScalableTargetsCommand).resolves({ ScalableTargets: [sdkTarget()] });
  s3Mock.on(GetObjectCommand).callsFake(() => ({ Body: body(ENV_FILE_TEXT), ContentLength: Buffer.byteLength(ENV_FILE_TEXT) }));
});

describe('EcsCollector: the running tasks', () => {
  test('lists the service’s running tasks (paged), describes them 100 at a time, and hands the parser when each started and its revision', async () => {
    const arns = Array.from({ length: 150 }, (_, i) => taskArn(i));
    ecsMock
      .on(ListTasksCommand, { cluster: 'staging', serviceName: 'api-server', desiredStatus: 'RUNNING' })
      .resolvesOnce({ taskArns: arns.slice(0, 100), nextToken: 'page-2' })
      .resolvesOnce({ taskArns: arns.slice(100) });
    ecsMock.on(DescribeTasksCommand).callsFake((input: { tasks: string[] }) => ({
      tasks: input.tasks.map((arn, i) => ({
        taskArn: arn,
        clusterArn: CLUSTER_ARN,
        group: 'service:api-server',
        lastStatus: 'RUNNING',
        taskDefinitionArn: taskDefinitionArn(arn.endsWith('t000') ? 7 : 8),
        startedAt: new Date(Date.UTC(2026, 10, 20, 0, i)),
        // Overrides can carry values: never kept.
        overrides: { containerOverrides: [{ name: 'api', environment: [{ name: 'X', value: 'canary-override-value' }] }] },
      })),
      failures: [],
    }));
    const result = await collector().collect({ cluster: 'staging', service: 'api-server', container: 'api' }, ctx());
    expect(result.errors).toEqual([]);
    expect(result.calls).toMatchObject({ ListTasks: 2, DescribeTasks: 2 });
    expect(ecsMock.commandCalls(DescribeTasksCommand).map((c) => c.args[0].input.tasks?.length)).toEqual([100, 50]);
    expect(result.runtime?.workload).toBe('service api-server');
    expect(result.runtime?.revision).toBe('8');
    expect(result.runtime?.units).toHaveLength(150);
    expect(result.runtime?.units[0]).toMatchObject({
      unit: 'task',
      id: 't000',
      revision: '7',
      startedAt: '2026-11-20T00:00:00.000Z',
      reads: [],
    });
    expect(result.runtime?.units[1]?.revision).toBe('8');
    expect(result.runtime?.units[1]?.reads.length).toBeGreaterThan(0);
    expect(JSON.stringify(result)).not.toContain('canary-override-value');
  });

  test('a ListTasks that gives its page token again loses only the running tasks', async () => {
    ecsMock.on(ListTasksCommand).resolves({ taskArns: [taskArn(0)], nextToken: 'again' });
    const result = await collector().collect({ cluster: 'staging', service: 'api-server', container: 'api' }, ctx());
    expect(ecsMock.commandCalls(ListTasksCommand)).toHaveLength(2);
    expect(result.errors).toEqual(['ecs ListTasks on staging/api-server: the service gave the same page token twice']);
    expect(result.runtime).toBeUndefined();
    expect(result.observations.length).toBeGreaterThan(0);
  });

  test('a refused ListTasks is an error line naming the call', async () => {
    ecsMock.on(ListTasksCommand).rejects(Object.assign(new Error('not authorized'), { name: 'AccessDeniedException' }));
    const result = await collector().collect({ cluster: 'staging', service: 'api-server', container: 'api' }, ctx());
    expect(result.errors.some((e) => e.includes('ecs ListTasks on staging/api-server'))).toBe(true);
    expect(result.runtime).toBeUndefined();
  });
});
