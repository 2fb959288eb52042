import { ApplicationAutoScalingClient, DescribeScalableTargetsCommand } from '@aws-sdk/client-application-auto-scaling';
import {
  AccessDeniedException,
  ClusterNotFoundException,
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  ECSClient,
} from '@aws-sdk/client-ecs';
import { GetObjectCommand, NoSuchKey, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { EcsCollector, type EcsLiveSpec } from '../../../../lambdas/adapters/live/ecs/ecs-collector';
import type { Limit } from '../../../../lambdas/adapters/live/limit';
import { MemoryTaskDefinitionCache, type TaskDefinitionCache } from '../../../../lambdas/adapters/live/ecs/task-definition-cache';
import { testContext, testLabel } from '../../../helpers/context';
import {
  CANARY,
  CLUSTER_ARN,
  ENV_FILE_TEXT,
  body,
  realClients,
  sdkService,
  sdkTarget,
  sdkTaskDefinition,
  taskDefinitionArn,
  valuesOf,
} from './fixtures';

const ecsMock = mockClient(ECSClient);
const autoscalingMock = mockClient(ApplicationAutoScalingClient);
const s3Mock = mockClient(S3Client);

const SPEC: EcsLiveSpec = { cluster: 'staging', service: 'api-server', container: 'api' };
const ctx = () => testContext(testLabel('ecs', 'ecs staging/api-server'));
let families: string[];

function collector(cache: TaskDefinitionCache = new MemoryTaskDefinitionCache()): EcsCollector {
  const limit: Limit = (family, call) => {
    families.push(family);
    return call();
  };
  return new EcsCollector({ ...realClients(), taskDefinitions: cache, limit, clock: () => new Date('2026-11-24T02:00:00Z') });
}

/** A healthy service: every call answers. */
function healthy(revision = 7): void {
  ecsMock.on(DescribeServicesCommand).resolves({ services: [sdkService(revision)], failures: [] });
  ecsMock.on(DescribeTaskDefinitionCommand).resolves({ taskDefinition: sdkTaskDefinition(revision), tags: [] });
  autoscalingMock.on(DescribeScalableTargetsCommand).resolves({ ScalableTargets: [sdkTarget()] });
  s3Mock.on(GetObjectCommand).callsFake(() => ({ Body: body(ENV_FILE_TEXT), ContentLength: Buffer.byteLength(ENV_FILE_TEXT) }));
}

const EXPECTED = {
  'feature.search': 'on',
  'db.password': '<secret>',
  'log.level': 'INFO',
  'db.timeout': '10s',
  // The task's own region and account: the parameter's name, as ECS resolves one.
  'api.token': '<ref /staging/api/token>',
  'runtime.cpu.limit': '1',
  'runtime.cpu': '0.5',
  'runtime.memory': '1024Mi',
  'runtime.memory.limit': '1024Mi',
  'runtime.replicas': '3',
  'runtime.autoscaling.enabled': 'true',
  'runtime.autoscaling.min': '2',
  'runtime.autoscaling.max': '6',
};

beforeEach(() => {
  ecsMock.reset();
  autoscalingMock.reset();
  s3Mock.reset();
  families = [];
});

describe('EcsCollector: a healthy service', () => {
  it('reads environment, env file, secrets as references and the runtime keys', async () => {
    healthy();
    const result = await collector().collect(SPEC, ctx());
    expect(result.errors).toEqual([]);
    expect(valuesOf(result)).toEqual(EXPECTED);
    expect(result.observedAt).toBe('2026-11-24T02:00:00.000Z');
    expect(result.calls).toEqual({
      DescribeServices: 1,
      DescribeTaskDefinition: 1,
      GetObject: 1,
      DescribeScalableTargets: 1,
      ListTasks: 1,
    });
    expect(families.sort()).toEqual(['application-autoscaling', 'ecs', 'ecs', 'ecs', 's3']);

    const token = result.observations.find((o) => o.key === 'api.token');
    expect(token?.ref).toEqual({ kind: 'ssm-parameter', target: '/staging/api/token' });
    const fromFile = result.observations.find((o) => o.key === 'feature.search');
    expect(fromFile?.origin).toMatchObject({
      location: 'taskdef api-server:7 container api environmentFiles s3://staging-config/api/api.env:3 FEATURE_SEARCH',
      version: 7,
      modifiedAt: '2026-11-01T10:00:00.000Z',
      modifiedBy: 'arn:aws:sts::111111111111:assumed-role/deploy/ci',
    });
  });

  it('never returns the env file secret in plain text', async () => {
    healthy();
    const result = await collector().collect(SPEC, ctx());
    expect(result.observations.find((o) => o.key === 'db.password')?.value.kind).toBe('secret');
    expect(JSON.stringify(result)).not.toContain(CANARY);
  });

  it('asks for exactly the service, the revision it runs, the env file and its scalable target', async () => {
    healthy();
    await collector().collect({ ...SPEC, cluster: CLUSTER_ARN }, ctx());
    expect(ecsMock.commandCalls(DescribeServicesCommand)[0]?.args[0].input).toEqual({ cluster: CLUSTER_ARN, services: ['api-server'] });
    expect(ecsMock.commandCalls(DescribeTaskDefinitionCommand)[0]?.args[0].input).toEqual({ taskDefinition: taskDefinitionArn(7) });
    expect(s3Mock.commandCalls(GetObjectCommand)[0]?.args[0].input).toEqual({ Bucket: 'staging-config', Key: 'api/api.env' });
    // A cluster given by ARN still names the scalable target by the cluster's name.
    expect(autoscalingMock.commandCalls(DescribeScalableTargetsCommand)[0]?.args[0].input).toEqual({
      ServiceNamespace: 'ecs',
      ResourceIds: ['service/staging/api-server'],
      ScalableDimension: 'ecs:service:DesiredCount',
    });
  });

  it('reads every page of scalable targets', async () => {
    healthy();
    autoscalingMock
      .on(DescribeScalableTargetsCommand)
      .resolvesOnce({ ScalableTargets: [], NextToken: 'page-2' })
      .resolves({ ScalableTargets: [{ ...sdkTarget(), MaxCapacity: 9 }] });
    const result = await collector().collect(SPEC, ctx());
    expect(valuesOf(result)['runtime.autoscaling.max']).toBe('9');
    expect(autoscalingMock.commandCalls(DescribeScalableTargetsCommand)[1]?.args[0].input.NextToken).toBe('page-2');
    expect(result.calls.DescribeScalableTargets).toBe(2);
  });

  it('reports autoscaling off when the service has no scalable target', async () => {
    healthy();
    autoscalingMock.on(DescribeScalableTargetsCommand).resolves({ ScalableTargets: [] });
    const result = await collector().collect(SPEC, ctx());
    expect(valuesOf(result)['runtime.autoscaling.enabled']).toBe('false');
  });

  it('leaves the container choice to the parser: several containers and none named fetches no env file', async () => {
    healthy();
    const result = await collector().collect({ cluster: 'staging', service: 'api-server' }, ctx());
    expect(result.errors).toEqual(['taskdef api-server:7 has several containers (api, log-router): set container']);
    expect(s3Mock.commandCalls(GetObjectCommand)).toHaveLength(0);
    expect(valuesOf(result)['runtime.replicas']).toBe('3');
  });
});

describe('EcsCollector: the task definition cache', () => {
  it('describes a revision once, and a new revision once more', async () => {
    healthy(7);
    const cache = new MemoryTaskDefinitionCache();
    const c = collector(cache);
    const first = await c.collect(SPEC, ctx());
    const second = await c.collect(SPEC, ctx());
    expect(first.calls.DescribeTaskDefinition).toBe(1);
    expect(second.calls.DescribeTaskDefinition).toBeUndefined();
    expect(second.observations).toEqual(first.observations);

    healthy(8);
    const third = await c.collect(SPEC, ctx());
    expect(third.calls.DescribeTaskDefinition).toBe(1);
    expect(third.observations.find((o) => o.key === 'log.level')?.origin.version).toBe(8);
    expect(ecsMock.commandCalls(DescribeTaskDefinitionCommand)).toHaveLength(2);
    expect(cache.size).toBe(2);
  });

  it('keeps the revision as the AWS CLI prints it, dates as text', async () => {
    healthy(7);
    const cache = new MemoryTaskDefinitionCache();
    await collector(cache).collect(SPEC, ctx());
    expect(await cache.get(taskDefinitionArn(7))).toMatchObject({ family: 'api-server', registeredAt: '2026-11-01T10:00:00.000Z' });
  });

  it('still describes the revision when the cache fails', async () => {
    healthy(7);
    const failing = {
      get: () => Promise.reject(new Error('table unavailable')),
      put: () => Promise.reject(new Error('table unavailable')),
    };
    const result = await collector(failing).collect(SPEC, ctx());
    expect(result.errors).toEqual([]);
    expect(valuesOf(result)).toEqual(EXPECTED);
  });
});

describe('EcsCollector: failures are error lines', () => {
  it('turns access denied into one line, without throwing', async () => {
    const message =
      'User: arn:aws:sts::111111111111:assumed-role/drift-read/audit is not authorized to perform: ecs:DescribeServices on resource: arn:aws:ecs:us-east-1:111111111111:service/staging/api-server';
    ecsMock.on(DescribeServicesCommand).rejects(new AccessDeniedException({ message, $metadata: {} }));
    const result = await collector().collect(SPEC, ctx());
    expect(result.errors).toEqual([`ecs DescribeServices on staging/api-server: AccessDeniedException (not authorised): ${message}`]);
    expect(result.observations).toEqual([]);
    expect(result.calls).toEqual({ DescribeServices: 1 });
  });

  it('names a missing cluster', async () => {
    ecsMock.on(DescribeServicesCommand).rejects(new ClusterNotFoundException({ message: 'Cluster not found.', $metadata: {} }));
    const result = await collector().collect(SPEC, ctx());
    expect(result.errors).toEqual([
      'ecs DescribeServices on staging/api-server: ClusterNotFoundException (cluster not found): Cluster not found.',
    ]);
  });

  it('names a deleted (INACTIVE) service', async () => {
    healthy();
    ecsMock.on(DescribeServicesCommand).resolves({ services: [sdkService(7, { status: 'INACTIVE', desiredCount: 0 })], failures: [] });
    const result = await collector().collect(SPEC, ctx());
    expect(result.errors).toEqual(['ecs service staging/api-server is INACTIVE (deleted)']);
    expect(result.observations).toEqual([]);
    expect(ecsMock.commandCalls(DescribeTaskDefinitionCommand)).toHaveLength(0);
  });

  it('names a MISSING service', async () => {
    ecsMock.on(DescribeServicesCommand).resolves({
      services: [],
      failures: [{ arn: 'arn:aws:ecs:us-east-1:111111111111:service/staging/api-server', reason: 'MISSING' }],
    });
    const result = await collector().collect(SPEC, ctx());
    expect(result.errors).toEqual(['ecs service staging/api-server not found (MISSING)']);
    expect(result.observations).toEqual([]);
  });

  it('reports a missing env file once and keeps every other value', async () => {
    healthy();
    s3Mock.on(GetObjectCommand).rejects(new NoSuchKey({ message: 'The specified key does not exist.', $metadata: {} }));
    const result = await collector().collect(SPEC, ctx());
    expect(result.errors).toEqual([
      's3 GetObject on s3://staging-config/api/api.env: NoSuchKey (object not found): The specified key does not exist.',
    ]);
    const { 'feature.search': _f, 'db.password': _p, ...rest } = EXPECTED;
    expect(valuesOf(result)).toEqual(rest);
  });

  it('refuses an env file over 1 MiB, by its length or by what it streams', async () => {
    healthy();
    const big = Buffer.alloc(1024 * 1024 + 1, 'A');
    s3Mock
      .on(GetObjectCommand)
      .resolvesOnce({ Body: body(big), ContentLength: big.length })
      .resolvesOnce({ Body: body(big) });
    const byLength = await collector().collect(SPEC, ctx());
    const byStream = await collector().collect(SPEC, ctx());
    for (const result of [byLength, byStream]) {
      expect(result.errors).toEqual(['s3 GetObject on s3://staging-config/api/api.env: larger than 1 MiB']);
      expect(valuesOf(result)['log.level']).toBe('INFO');
    }
  });

  it('reports an env file that is not UTF-8 without quoting it; a line that is no assignment is ignored, as the ECS agent ignores it', async () => {
    healthy();
    s3Mock
      .on(GetObjectCommand)
      .resolvesOnce({ Body: body(Buffer.from([0x41, 0x3d, 0xff, 0xfe])) })
      .resolvesOnce({ Body: body(`LOG_LEVEL=WARN\n${CANARY} is not an assignment\n`) });
    const binary = await collector().collect(SPEC, ctx());
    expect(binary.errors).toEqual(['s3 GetObject on s3://staging-config/api/api.env: not UTF-8 text']);
    const broken = await collector().collect(SPEC, ctx());
    expect(broken.errors).toEqual([]);
    expect(valuesOf(broken)['feature.search']).toBeUndefined();
    expect(JSON.stringify(broken)).not.toContain(CANARY);
  });

  it('leaves autoscaling unknown, not off, when it cannot be read', async () => {
    healthy();
    autoscalingMock
      .on(DescribeScalableTargetsCommand)
      .rejects(Object.assign(new Error('denied'), { name: 'AccessDeniedException', $fault: 'client' }));
    const result = await collector().collect(SPEC, ctx());
    expect(result.errors).toEqual([
      'application-autoscaling DescribeScalableTargets on service/staging/api-server: AccessDeniedException (not authorised): denied',
    ]);
    expect(Object.keys(valuesOf(result)).filter((k) => k.startsWith('runtime.autoscaling'))).toEqual([]);
    expect(valuesOf(result)['runtime.replicas']).toBe('3');
  });

  it('names a network error by its code, and keeps what other calls returned', async () => {
    healthy();
    ecsMock
      .on(DescribeTaskDefinitionCommand)
      .rejects(Object.assign(new Error('connect ECONNREFUSED 10.0.0.1:443'), { code: 'ECONNREFUSED' }));
    const result = await collector().collect(SPEC, ctx());
    expect(result.errors).toEqual([
      'ecs DescribeTaskDefinition on api-server:7: ECONNREFUSED (network error)',
      'no task definition among the documents',
    ]);
    expect(valuesOf(result)).toMatchObject({ 'runtime.replicas': '3', 'runtime.autoscaling.max': '6' });
  });

  it('still throws a programming error', async () => {
    healthy();
    ecsMock.on(DescribeServicesCommand).rejects(new TypeError('cannot read properties of undefined'));
    await expect(collector().collect(SPEC, ctx())).rejects.toThrow(TypeError);
  });
});
