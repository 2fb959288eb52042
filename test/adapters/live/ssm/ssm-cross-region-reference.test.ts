import { DescribeParametersCommand, GetParametersCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { MemoryTaskDefinitionCache } from '../../../../lambdas/adapters/live/ecs/task-definition-cache';
import { LiveSourceCollector } from '../../../../lambdas/adapters/live/live-collector';
import type { LiveClients } from '../../../../lambdas/adapters/live/live-kinds';
import { LimiterRegistry } from '../../../../lambdas/adapters/live/rate-limiter';
import { effectiveConfig } from '../../../../lambdas/core/engine/effective-config';
import { sourceLabel } from '../../../../lambdas/core/estate/source-label';
import type { Observation, SourceSnapshot } from '../../../../lambdas/core/model';
import type { SpecOf } from '../../../../lambdas/core/source-kinds/registry';
import { testContext, testLabel } from '../../../helpers/context';

const client = new SSMClient({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });
const mock = mockClient(client);
const date = new Date('2026-11-01T00:00:00Z');

/** The environment's live SSM source: /shared/ in us-east-1, account 111122223333, where api_url is the US endpoint. */
async function ssmSnapshot(): Promise<SourceSnapshot> {
  mock.reset();
  mock
    .on(DescribeParametersCommand)
    .resolves({ Parameters: [{ Name: '/shared/api_url', Type: 'String', Version: 3, LastModifiedDate: date }] });
  mock.on(GetParametersCommand).resolves({
    Parameters: [{ Name: '/shared/api_url', Type: 'String', Value: 'https://us.example', Version: 3, LastModifiedDate: date }],
    InvalidParameters: [],
  });
  const spec: SpecOf<'ssm'> = { type: 'ssm', index: 0, path: '/shared/' };
  const label = sourceLabel(spec);
  const collector = new LiveSourceCollector(
    { collect: async () => Promise.reject(new Error('no recorded sources here')) },
    {
      clients: () => ({ region: 'us-east-1', ssm: client }) as unknown as LiveClients,
      limiters: new LimiterRegistry(),
      previous: async () => undefined,
      taskDefinitions: new MemoryTaskDefinitionCache(),
      now: () => new Date('2026-11-24T02:00:00Z'),
    },
  );
  return collector.collect(spec, label, testContext(label), {
    name: 'prod',
    region: 'us-east-1',
    account: '111122223333',
    sources: [spec],
  });
}

/** An ECS task's `secrets`, each naming a parameter by full ARN, as ECS requires for another region or account. */
function ecsSecrets(...arns: Array<[string, string]>): SourceSnapshot {
  const label = testLabel('ecs', 'ecs (recorded)', 1);
  const observations: Observation[] = arns.map(([name, arn]) => ({
    key: name.toLowerCase().replace(/_/g, '.'),
    rawKey: name,
    value: { kind: 'ref', target: arn },
    origin: { source: label, location: `taskdef api:1 container api secrets ${name}` },
    ref: { kind: 'ssm-parameter', target: arn },
  }));
  return { source: label, observations, dangling: [], errors: [] };
}

describe('an ECS secret naming an SSM parameter of another region or account', () => {
  test('is not the same-named parameter the environment snapshots in its own region: it keeps its reference', async () => {
    const config = effectiveConfig({
      environment: 'prod',
      sources: [
        await ssmSnapshot(),
        ecsSecrets(
          ['API_URL', 'arn:aws:ssm:eu-west-1:111122223333:parameter/shared/api_url'],
          ['PARTNER_URL', 'arn:aws:ssm:us-east-1:999999999999:parameter/shared/api_url'],
          ['ONLY_IN_EU', 'arn:aws:ssm:eu-west-1:111122223333:parameter/shared/only_in_eu'],
        ),
      ],
    });
    expect(config.entries.get('api.url')?.value).toEqual({
      kind: 'ref',
      target: 'arn:aws:ssm:eu-west-1:111122223333:parameter/shared/api_url',
    });
    expect(config.entries.get('partner.url')?.value.kind).toBe('ref');
    // Not dangling: it is in eu-west-1, which this environment does not snapshot.
    expect(config.dangling).toEqual([]);
  });

  test('one of its own region and account still resolves, and one missing there still dangles', async () => {
    const config = effectiveConfig({
      environment: 'prod',
      sources: [
        await ssmSnapshot(),
        ecsSecrets(
          ['API_URL', 'arn:aws:ssm:us-east-1:111122223333:parameter/shared/api_url'],
          ['GONE', 'arn:aws:ssm:us-east-1:111122223333:parameter/shared/gone'],
          ['BY_NAME', '/shared/api_url'],
        ),
      ],
    });
    expect(config.entries.get('api.url')?.value).toEqual({ kind: 'text', text: 'https://us.example' });
    expect(config.entries.get('by.name')?.value).toEqual({ kind: 'text', text: 'https://us.example' });
    expect(config.dangling.map((d) => d.target)).toEqual(['SSM parameter /shared/gone']);
  });
});
