import { Readable } from 'node:stream';
import { ApplicationAutoScalingClient } from '@aws-sdk/client-application-auto-scaling';
import { ECSClient } from '@aws-sdk/client-ecs';
import { S3Client } from '@aws-sdk/client-s3';
import { HttpResponse, type HttpRequest } from '@smithy/protocol-http';
import { EcsCollector } from '../../../../lambdas/adapters/live/ecs/ecs-collector';
import { unlimited } from '../../../../lambdas/adapters/live/limit';
import { MemoryTaskDefinitionCache } from '../../../../lambdas/adapters/live/ecs/task-definition-cache';
import { testContext, testLabel } from '../../../helpers/context';
import { taskDefinitionArn, valuesOf } from './fixtures';

// aws-sdk-client-mock replaces `send`, so the SDK's retries never run under it. Here the whole
// client runs, middleware included, against a scripted HTTP handler that speaks the JSON protocol.

type Reply = { status: number; body: object };
const THROTTLED: Reply = { status: 400, body: { __type: 'ThrottlingException', message: 'Rate exceeded' } };
const ok = (body: object): Reply => ({ status: 200, body });

const ANSWERS: Record<string, object> = {
  DescribeServices: {
    services: [
      {
        serviceName: 'api-server',
        clusterArn: 'arn:aws:ecs:us-east-1:111111111111:cluster/staging',
        status: 'ACTIVE',
        desiredCount: 4,
        taskDefinition: taskDefinitionArn(3),
        createdAt: 1735787045.5,
      },
    ],
    failures: [],
  },
  DescribeTaskDefinition: {
    taskDefinition: {
      taskDefinitionArn: taskDefinitionArn(3),
      family: 'api-server',
      revision: 3,
      registeredAt: 1793527200,
      containerDefinitions: [{ name: 'api', memory: 512, environment: [{ name: 'LOG_LEVEL', value: 'INFO' }] }],
    },
  },
  DescribeScalableTargets: { ScalableTargets: [] },
};

/** Answers each operation from ANSWERS, after `throttle(operation)` throttled replies. */
function scriptedHandler(throttle: (operation: string) => number): {
  requests: string[];
  handle(request: HttpRequest): Promise<{ response: HttpResponse }>;
} {
  const requests: string[] = [];
  return {
    requests,
    async handle(request) {
      const operation = String(request.headers['x-amz-target']).split('.').pop() as string;
      requests.push(operation);
      const seen = requests.filter((r) => r === operation).length;
      const reply = seen <= throttle(operation) ? THROTTLED : ok(ANSWERS[operation] ?? {});
      const body = Readable.from([Buffer.from(JSON.stringify(reply.body))]);
      return { response: new HttpResponse({ statusCode: reply.status, headers: { 'content-type': 'application/x-amz-json-1.1' }, body }) };
    },
  };
}

function collector(handler: ReturnType<typeof scriptedHandler>): EcsCollector {
  const config = {
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'dummy' },
    maxAttempts: 3,
    requestHandler: handler,
  };
  return new EcsCollector({
    ecs: new ECSClient(config),
    autoscaling: new ApplicationAutoScalingClient(config),
    s3: new S3Client(config),
    taskDefinitions: new MemoryTaskDefinitionCache(),
    limit: unlimited,
  });
}

const ctx = () => testContext(testLabel('ecs'));

describe('EcsCollector with the SDK retrying', () => {
  it('succeeds when the SDK retry after a ThrottlingException does, and counts one call', async () => {
    const handler = scriptedHandler((op) => (op === 'DescribeServices' ? 1 : 0));
    const result = await collector(handler).collect({ cluster: 'staging', service: 'api-server' }, ctx());
    expect(result.errors).toEqual([]);
    expect(valuesOf(result)).toEqual({
      'log.level': 'INFO',
      'runtime.memory': '512Mi',
      'runtime.memory.limit': '512Mi',
      'runtime.replicas': '4',
      'runtime.autoscaling.enabled': 'false',
    });
    expect(handler.requests.filter((r) => r === 'DescribeServices')).toHaveLength(2);
    expect(result.calls.DescribeServices).toBe(1);
    // Epoch seconds on the wire, Date in the SDK, ISO text for the parser.
    expect(result.observations[0]?.origin.modifiedAt).toBe('2026-11-01T10:00:00.000Z');
  });

  it('gives an error line when throttling outlasts the retries', async () => {
    const handler = scriptedHandler((op) => (op === 'DescribeTaskDefinition' ? 99 : 0));
    const result = await collector(handler).collect({ cluster: 'staging', service: 'api-server', container: 'api' }, ctx());
    expect(result.errors).toEqual([
      'ecs DescribeTaskDefinition on api-server:3: ThrottlingException (throttled; gave up after 3 attempts): Rate exceeded',
      'no task definition among the documents',
    ]);
    expect(handler.requests.filter((r) => r === 'DescribeTaskDefinition')).toHaveLength(3);
    expect(valuesOf(result)['runtime.replicas']).toBe('4');
  });
});
