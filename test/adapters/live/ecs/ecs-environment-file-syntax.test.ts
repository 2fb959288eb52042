import { ApplicationAutoScalingClient, DescribeScalableTargetsCommand } from '@aws-sdk/client-application-auto-scaling';
import { DescribeServicesCommand, DescribeTaskDefinitionCommand, ECSClient, ListTasksCommand } from '@aws-sdk/client-ecs';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { EcsCollector } from '../../../../lambdas/adapters/live/ecs/ecs-collector';
import { MemoryTaskDefinitionCache } from '../../../../lambdas/adapters/live/ecs/task-definition-cache';
import { ecsRecording } from '../../../../lambdas/core/recordings/ecs-recording';
import { parseEcs } from '../../../../lambdas/core/sources/ecs';
import { testContext, testLabel } from '../../../helpers/context';
import { body, realClients, sdkService, sdkTaskDefinition, valuesOf } from './fixtures';

const ecsMock = mockClient(ECSClient);
const autoscalingMock = mockClient(ApplicationAutoScalingClient);
const s3Mock = mockClient(S3Client);
const ctx = () => testContext(testLabel('ecs', 'ecs staging/api-server'));

/**
 * An environment file as people write them for dotenv. The ECS agent reads it line by line: a line
 * starting with `#` is a comment; any other line with `=` is split at its first `=`, name and value
 * as written (no quotes removed, no inline comment, no `export`, no trimming), and set only when
 * both are non-empty; the rest is ignored.
 */
const FILE = [
  '# written for dotenv',
  'DATABASE_URL="postgres://db.internal:5432/app"',
  "GREETING='hello world'",
  'LOG_FORMAT=json # switch to text when debugging',
  'export CACHE_TTL=300',
  'FEATURE_BETA=',
  'TRAILING_BLANK=on ',
  '  # an indented line with = is no comment to ECS',
  'WINDOWS_LINE=crlf\r',
  '',
].join('\n');

beforeEach(() => {
  ecsMock.reset();
  autoscalingMock.reset();
  s3Mock.reset();
  const td = sdkTaskDefinition(7);
  const api = td.containerDefinitions![0]!;
  api.environment = [];
  api.secrets = [];
  ecsMock.on(DescribeServicesCommand).resolves({ services: [sdkService(7)], failures: [] });
  ecsMock.on(DescribeTaskDefinitionCommand).resolves({ taskDefinition: td });
  ecsMock.on(ListTasksCommand).resolves({ taskArns: [] });
  autoscalingMock.on(DescribeScalableTargetsCommand).resolves({ ScalableTargets: [] });
  s3Mock.on(GetObjectCommand).callsFake(() => ({ Body: body(FILE), ContentLength: Buffer.byteLength(FILE) }));
});

const collect = () =>
  new EcsCollector({
    ...realClients(),
    taskDefinitions: new MemoryTaskDefinitionCache(),
    limit: (_family, call) => call(),
    clock: () => new Date('2026-11-24T02:00:00Z'),
    keepInputs: true,
  }).collect({ cluster: 'staging', service: 'api-server', container: 'api' }, ctx());

describe('EcsCollector: an environment file is read as the ECS agent reads it, not as dotenv', () => {
  test('the container gets the values as written: quotes, inline comments and blanks are part of them', async () => {
    const r = await collect();
    expect(r.errors).toEqual([]);
    const values = valuesOf(r);
    expect(values['database.url']).toBe('"postgres://db.internal:5432/app"');
    expect(values['greeting']).toBe("'hello world'");
    expect(values['log.format']).toBe('json # switch to text when debugging');
    expect(values['trailing.blank']).toBe('on ');
    // A trailing CR is dropped, as Go's line scanner drops it.
    expect(values['windows.line']).toBe('crlf');
  });

  test('a variable ECS does not set is not observed: an empty value, or `export NAME` (which names another variable)', async () => {
    const r = await collect();
    const values = valuesOf(r);
    expect(values).not.toHaveProperty('feature.beta');
    expect(values).not.toHaveProperty('cache.ttl');
    expect(r.observations.find((o) => o.rawKey === 'export CACHE_TTL')?.value).toEqual({ kind: 'text', text: '300' });
  });

  test('drift snapshot --record writes the file so that reading the recording gives the same values', async () => {
    const live = await collect();
    const recording = ecsRecording(live.inputs!, { container: 'api' }, ctx());
    const documents = recording.files.filter((f) => f.path.endsWith('.json')).map((f) => ({ file: f.path, json: JSON.parse(f.text) }));
    const envFiles = recording.files.filter((f) => f.path.endsWith('.env')).map((f) => ({ file: f.path, text: f.text }));
    const replayed = parseEcs({ documents, envFiles }, { container: 'api' }, ctx());
    expect(valuesOf(replayed)).toEqual(valuesOf(live));
  });
});
