import * as path from 'node:path';
import { loadEstate } from '../../lambdas/adapters/estate-file';
import type { Estate } from '../../lambdas/core/estate/model';
import { readPlan } from '../../lib/read-access';
import { readStatements } from '../../lib/read-statements';
import { buildWith, folderWith, REPO, SKIP_BUNDLING } from './support/synth';

const estate = (sources: string, env = '    region: us-east-1\n'): string =>
  `version: 1\nname: shop\nenvironments:\n  staging:\n${env}    sources:\n${sources}`;

async function load(text: string): Promise<Estate> {
  const r = await loadEstate(path.join(folderWith({ 'drift.yaml': text }), 'drift.yaml'));
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.estate;
}

const statements = async (text: string) =>
  readStatements({ ...readPlan([await load(text)]), envFileBuckets: [] }, '123456789012', 'us-east-1').map(
    (s) => s.toStatementJson() as { Action: string | string[]; Resource: string | string[] },
  );
const resourcesOf = async (text: string, action: string) =>
  (await statements(text)).filter((s) => [s.Action].flat().includes(action)).flatMap((s) => [s.Resource].flat());

describe('declared names become exact grants', () => {
  test('an SSM path always ends in / in the grant: /prod covers /prod/…, never /production-… or /prod-admin/…', async () => {
    const text = estate('      - ssm: { path: /prod }\n      - ssm: { path: /prod/ }\n      - ssm: { path: /shared/config }\n');
    expect(await resourcesOf(text, 'ssm:GetParameters')).toEqual([
      'arn:aws:ssm:us-east-1:123456789012:parameter/prod/*',
      'arn:aws:ssm:us-east-1:123456789012:parameter/shared/config/*',
    ]);
  });

  test('SSM: only the calls the collector makes (DescribeParameters, GetParameters), never GetParametersByPath', async () => {
    const actions = (await statements(estate('      - ssm: { path: /prod }\n'))).flatMap((s) => [s.Action].flat());
    expect(actions.sort()).toEqual(['kms:Decrypt', 'ssm:DescribeParameters', 'ssm:GetParameters']);
  });

  test('an ECS service declared by ARN is granted as that service, not pasted after service/{cluster}/', async () => {
    const text = estate(
      '      - ecs: { cluster: staging, service: "arn:aws:ecs:us-east-1:123456789012:service/staging/worker" }\n      - ecs: { cluster: staging, service: api }\n',
    );
    expect(await resourcesOf(text, 'ecs:DescribeServices')).toEqual([
      'arn:aws:ecs:us-east-1:123456789012:service/staging/api',
      'arn:aws:ecs:us-east-1:123456789012:service/staging/worker',
    ]);
  });

  test('an ECS cluster declared by ARN: the service is granted in the ARN’s account and region', async () => {
    const text = estate('      - ecs: { cluster: "arn:aws:ecs:us-east-1:444444444444:cluster/prod", service: api }\n');
    expect(await resourcesOf(text, 'ecs:DescribeServices')).toEqual(['arn:aws:ecs:us-east-1:444444444444:service/prod/api']);
  });
});

describe('a name that is not a name fails synth, positioned, before anything is granted', () => {
  const synthFails = async (text: string) => {
    const dir = folderWith({ 'drift.yaml': text });
    const rel = path.relative(REPO, path.join(dir, 'drift.yaml'));
    const failure = buildWith({ ...SKIP_BUNDLING, estates: rel });
    await expect(failure).rejects.toMatchObject({ name: 'EstateFileError' });
    return { rel, message: ((await failure.catch((e: unknown) => e)) as Error).message };
  };

  test.each([
    [
      'an SSM path with a wildcard',
      '      - ssm: { path: "/prod*" }\n',
      'sources[0].ssm.path: "/prod*" is not an SSM parameter path',
      7,
      22,
    ],
    [
      'an ECS cluster that is a wildcard',
      '      - ecs: { cluster: "*", service: api }\n',
      'sources[0].ecs.cluster: "*" is not an ECS name or ARN',
      7,
      25,
    ],
    [
      'an ECS service with a wildcard',
      '      - ecs: { cluster: prod, service: "api-*" }\n',
      'sources[0].ecs.service: "api-*" is not an ECS name or ARN',
      7,
      40,
    ],
    [
      'an EKS cluster with a wildcard',
      '      - eks: { cluster: "prod*", namespace: shop, workload: api }\n',
      'sources[0].eks.cluster: "prod*" is not an EKS cluster name',
      7,
      25,
    ],
    [
      'a namespace that is not a DNS label',
      '      - eks: { cluster: prod, namespace: "Shop_1", workload: api }\n',
      'sources[0].eks.namespace: "Shop_1" is not a Kubernetes namespace',
      7,
      42,
    ],
  ])('%s', async (_what, source, message, line, column) => {
    const { rel, message: got } = await synthFails(estate(source));
    expect(got).toContain(`${rel}:${line}:${column}: environments.staging.${message}`);
  });

  test('an ECS service ARN in another region than its environment is refused, saying where it is', async () => {
    const { rel, message } = await synthFails(
      estate('      - ecs: { cluster: prod, service: "arn:aws:ecs:eu-west-1:123456789012:service/prod/api" }\n'),
    );
    expect(message).toContain(
      `${rel}:7:40: environments.staging.sources[0].ecs.service: is in eu-west-1, but the environment is read in us-east-1`,
    );
  });

  test('a service ARN of another cluster than the declared one is refused', async () => {
    const { message } = await synthFails(
      estate('      - ecs: { cluster: prod, service: "arn:aws:ecs:us-east-1:123456789012:service/other/api" }\n'),
    );
    expect(message).toContain('is in cluster other, not in prod (the declared cluster)');
  });
});
