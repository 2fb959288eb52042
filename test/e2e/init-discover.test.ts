import { ECSClient, ListServicesCommand } from '@aws-sdk/client-ecs';
import { DescribeParametersCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { parse } from 'yaml';
import { drift, scratch } from '../helpers/cli';

const ssm = mockClient(SSMClient);
const ecs = mockClient(ECSClient);
afterEach(() => {
  ssm.reset();
  ecs.reset();
});
afterAll(() => {
  ssm.restore();
  ecs.restore();
});

describe('drift init --discover', () => {
  it('prints a drift.yaml skeleton of what SSM and ECS hold, and writes nothing', async () => {
    ssm.on(DescribeParametersCommand).resolves({
      Parameters: [
        { Name: '/checkout/staging/api/timeout', Type: 'String' },
        { Name: '/checkout/production/api/timeout', Type: 'String' },
      ],
    });
    ecs.on(ListServicesCommand).resolves({ serviceArns: ['arn:aws:ecs:eu-west-1:1:service/apps/checkout-api'] });
    const dir = scratch({});
    const run = await drift(['init', '--discover', '--region', 'eu-west-1', '--ssm-path', '/checkout/', '--ecs-cluster', 'apps'], {
      cwd: dir,
      env: { AWS_ACCESS_KEY_ID: 'AKIDTEST', AWS_SECRET_ACCESS_KEY: 'not-a-real-secret' },
    });
    expect(run.code).toBe(0);
    expect(parse(run.stdout).environments).toEqual({
      production: { region: 'eu-west-1', sources: [{ ssm: { path: '/checkout/production/api/' } }] },
      staging: { region: 'eu-west-1', sources: [{ ssm: { path: '/checkout/staging/api/' } }] },
      'checkout-api': { region: 'eu-west-1', sources: [{ ecs: { cluster: 'apps', service: 'checkout-api' } }] },
    });
    expect(run.stderr).toContain('found 3 sources');
    expect(ssm.commandCalls(DescribeParametersCommand)[0]!.args[0].input.ParameterFilters).toEqual([
      { Key: 'Path', Option: 'Recursive', Values: ['/checkout/'] },
    ]);
  });

  it('backs off and retries when AWS throttles the listing, as a run does, instead of giving up', async () => {
    const throttled = () => Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException', $metadata: { httpStatusCode: 400 } });
    ssm
      .on(DescribeParametersCommand)
      .rejectsOnce(throttled())
      .resolvesOnce({ Parameters: [{ Name: '/checkout/staging/port', Type: 'String' }], NextToken: 'p2' })
      .rejectsOnce(throttled())
      .resolvesOnce({ Parameters: [{ Name: '/checkout/production/port', Type: 'String' }] });
    ecs
      .on(ListServicesCommand)
      .rejectsOnce(throttled())
      .resolves({ serviceArns: ['arn:aws:ecs:eu-west-1:1:service/apps/checkout-api'] });
    const run = await drift(['init', '--discover', '--region', 'eu-west-1', '--ssm-path', '/checkout/', '--ecs-cluster', 'apps'], {
      cwd: scratch({}),
      env: { AWS_ACCESS_KEY_ID: 'AKIDTEST', AWS_SECRET_ACCESS_KEY: 'not-a-real-secret' },
    });
    expect(run.code).toBe(0);
    expect(Object.keys(parse(run.stdout).environments)).toEqual(['production', 'staging', 'checkout-api']);
    expect(ssm.commandCalls(DescribeParametersCommand).map((c) => c.args[0].input.NextToken)).toEqual([undefined, undefined, 'p2', 'p2']);
  });

  it('finding nothing is said, with where it looked: exit 2 and no skeleton that validate would refuse', async () => {
    ssm.on(DescribeParametersCommand).resolves({ Parameters: [] });
    ecs.on(ListServicesCommand).resolves({ serviceArns: [] });
    const run = await drift(['init', '--discover', '--region', 'eu-west-1', '--ssm-path', '/chekout/', '--ecs-cluster', 'apps'], {
      cwd: scratch({}),
      env: { AWS_ACCESS_KEY_ID: 'AKIDTEST', AWS_SECRET_ACCESS_KEY: 'not-a-real-secret' },
    });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('found no sources in eu-west-1 under SSM path /chekout/ or ECS cluster apps');
  });

  it('needs a place to look, else exit 2', async () => {
    const run = await drift(['init', '--discover', '--region', 'eu-west-1'], { cwd: scratch({}) });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--discover needs where to look: --ssm-path PATH/);
  });

  it('AWS refusing (access denied, say) is said with the region and the error: exit 2, no stack, nothing printed as a skeleton', async () => {
    ssm
      .on(DescribeParametersCommand)
      .rejects(Object.assign(new Error('User is not authorized to perform ssm:DescribeParameters'), { name: 'AccessDeniedException' }));
    const run = await drift(['init', '--discover', '--region', 'eu-west-1', '--ssm-path', '/checkout/'], {
      cwd: scratch({}),
      env: { AWS_ACCESS_KEY_ID: 'AKIDTEST', AWS_SECRET_ACCESS_KEY: 'not-a-real-secret' },
    });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^drift: init --discover in eu-west-1: \S*AccessDenied\S*: .*not authorized.*\n$/);
  });
});
