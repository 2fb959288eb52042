import { DescribeParametersCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { MemoryTaskDefinitionCache } from '../../../lambdas/adapters/live/ecs/task-definition-cache';
import { LiveSourceCollector } from '../../../lambdas/adapters/live/live-collector';
import { LimiterRegistry } from '../../../lambdas/adapters/live/rate-limiter';
import type { EnvironmentSpec, SourceSpec } from '../../../lambdas/core/estate/model';
import type { AwsClients } from '../../../lambdas/wiring/aws-clients';
import { testContext, testLabel } from '../../helpers/context';

// A source that keeps going past its deadline (here: a path whose metadata pages never end) is cut
// off: it becomes a source-error naming the timeout, and it makes no more calls afterwards.

const client = new SSMClient({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });
const ssm = mockClient(client);
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
afterAll(() => client.destroy());

test('a live source past its deadline is a source-error naming the timeout, and stops calling', async () => {
  let calls = 0;
  ssm.on(DescribeParametersCommand).callsFake(async () => {
    calls++;
    await pause(10);
    return { Parameters: [], NextToken: `page-${calls}` };
  });
  const collector = new LiveSourceCollector(
    { collect: async () => Promise.reject(new Error('no recorded sources here')) },
    {
      clients: () => ({ ssm: client }) as unknown as AwsClients,
      limiters: new LimiterRegistry(),
      previous: async () => undefined,
      taskDefinitions: new MemoryTaskDefinitionCache(),
      now: () => new Date('2026-11-24T02:00:00Z'),
      sourceDeadlineMs: 150,
    },
  );
  const label = testLabel('ssm', 'ssm /prod/api/');
  const spec: SourceSpec = { type: 'ssm', path: '/prod/api/', index: 0 };
  const env: EnvironmentSpec = { name: 'prod', region: 'us-east-1', sources: [spec] };
  const snapshot = await collector.collect(spec, label, testContext(label), env);
  expect(snapshot).toEqual({
    source: label,
    observations: [],
    dangling: [],
    errors: ['ssm /prod/api/: no answer within the source timeout of 150 ms (DRIFT_SOURCE_TIMEOUT_MS)'],
    observedAt: '2026-11-24T02:00:00.000Z',
  });
  const atDeadline = calls;
  expect(atDeadline).toBeGreaterThan(1);
  await pause(100);
  // At most the call already in flight at the deadline.
  expect(calls - atDeadline).toBeLessThanOrEqual(1);
});
