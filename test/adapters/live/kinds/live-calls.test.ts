import { ApplicationAutoScalingClient, DescribeScalableTargetsCommand } from '@aws-sdk/client-application-auto-scaling';
import { DescribeServicesCommand, DescribeTaskDefinitionCommand, ECSClient } from '@aws-sdk/client-ecs';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { DescribeParametersCommand, GetParametersCommand, SSMClient } from '@aws-sdk/client-ssm';
import type { MetadataBearer } from '@smithy/types';
import { mockClient, type AwsStub } from 'aws-sdk-client-mock';
import { MemoryTaskDefinitionCache } from '../../../../lambdas/adapters/live/ecs/task-definition-cache';
import { LiveSourceCollector } from '../../../../lambdas/adapters/live/live-collector';
import { LimiterRegistry } from '../../../../lambdas/adapters/live/rate-limiter';
import { liveKindOf, type LiveClients } from '../../../../lambdas/adapters/live/live-kinds';
import type { EnvironmentSpec, SourceSpec } from '../../../../lambdas/core/estate/model';
import { sourceLabel } from '../../../../lambdas/core/estate/source-label';
import { body, ENV_FILE_TEXT, realClients, sdkService, sdkTarget, sdkTaskDefinition } from '../ecs/fixtures';
import { testContext } from '../../../helpers/context';

// What each live kind's collector actually calls is among the calls its kind declares (and so grants).

const ssmMock = mockClient(SSMClient);
const ecsMock = mockClient(ECSClient);
const autoscalingMock = mockClient(ApplicationAutoScalingClient);
const s3Mock = mockClient(S3Client);
const ACTION_PREFIX = new Map<AwsStub<object, MetadataBearer, object>, string>([
  [ssmMock as never, 'ssm'],
  [ecsMock as never, 'ecs'],
  [autoscalingMock as never, 'application-autoscaling'],
  [s3Mock as never, 's3'],
]);

/** The IAM actions of the commands sent through the mocked clients. */
const actionsSent = (): string[] =>
  [...ACTION_PREFIX].flatMap(([mock, prefix]) =>
    mock.calls().map((c) => `${prefix}:${(c.args[0] as object).constructor.name.replace(/Command$/, '')}`),
  );

const clients = (): LiveClients =>
  ({
    region: 'us-east-1',
    credentials: async () => ({ accessKeyId: 'x', secretAccessKey: 'y' }),
    ssm: new SSMClient({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } }),
    ...realClients(),
  }) as unknown as LiveClients;

const collector = () =>
  new LiveSourceCollector(
    { collect: async () => Promise.reject(new Error('no recorded sources here')) },
    {
      clients,
      limiters: new LimiterRegistry(),
      previous: async () => undefined,
      taskDefinitions: new MemoryTaskDefinitionCache(),
      now: () => new Date('2026-11-24T02:00:00Z'),
    },
  );

beforeEach(() => {
  for (const mock of ACTION_PREFIX.keys()) mock.reset();
  ssmMock.on(DescribeParametersCommand).resolves({ Parameters: [{ Name: '/prod/api/a', Type: 'String', Version: 1 }] });
  ssmMock.on(GetParametersCommand).resolves({ Parameters: [{ Name: '/prod/api/a', Type: 'String', Value: '1', Version: 1 }] });
  ecsMock.on(DescribeServicesCommand).resolves({ services: [sdkService()], failures: [] });
  ecsMock.on(DescribeTaskDefinitionCommand).resolves({ taskDefinition: sdkTaskDefinition(), tags: [] });
  autoscalingMock.on(DescribeScalableTargetsCommand).resolves({ ScalableTargets: [sdkTarget()] });
  s3Mock.on(GetObjectCommand).callsFake(() => ({ Body: body(ENV_FILE_TEXT), ContentLength: Buffer.byteLength(ENV_FILE_TEXT) }));
});

test.each<SourceSpec>([
  { type: 'ssm', index: 0, path: '/prod/api/' },
  { type: 'ecs', index: 0, cluster: 'staging', service: 'api-server', container: 'api' },
])('the live $type collector calls only what its kind declares', async (spec) => {
  const env: EnvironmentSpec = { name: 'prod', region: 'us-east-1', sources: [spec] };
  const label = sourceLabel(spec);
  const snapshot = await collector().collect(spec, label, testContext(label), env);
  expect(snapshot.errors).toEqual([]);
  const sent = actionsSent();
  expect(sent.length).toBeGreaterThan(0);
  const declared = liveKindOf(spec.type)?.access.calls ?? [];
  expect(sent.filter((a) => !declared.includes(a))).toEqual([]);
});
