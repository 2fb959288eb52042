import * as path from 'node:path';
import type { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { RegionInfo } from 'aws-cdk-lib/region-info';
import { AwsSolutionsChecks } from 'cdk-nag';
import { ecsService } from '../../lambdas/adapters/live/ecs/ecs-names';
import { roleArn } from '../../lib/aws-identifiers';
import { region } from '../../lib/declared-names';
import { parseRoleArn } from '../../lib/read-access';
import { buildWith, folderWith, renderValue, SKIP_BUNDLING } from './support/synth';

// An installation in GovCloud or China: every ARN it grants, trusts or names is in that partition.

const ACCOUNT = '123456789012';
const MEMBER = '222222222222';

/** Every live kind, in the installation's account and in a member's, all in `partition`'s regions. */
const estate = (partition: string, region: string, other: string) => `version: 1
name: shop
environments:
  staging:
    region: ${region}
    sources:
      - ssm: { path: /staging/api/ }
      - ecs: { cluster: staging, service: api, container: api }
      - ecs: { cluster: staging, service: "arn:${partition}:ecs:${region}:${ACCOUNT}:service/staging/worker", container: worker }
      - eks: { cluster: own-cluster, namespace: shop, workload: api }
      - secretsmanager: { secretId: staging/payments }
      - appconfig: { application: k3x9q2m, environment: s2h8v5n, profile: c4f6j1r }
  other-region:
    region: ${other}
    sources:
      - ssm: { path: /other/api/ }
      - eks: { cluster: other-cluster, namespace: shop, workload: api }
  production:
    region: ${region}
    account: "${MEMBER}"
    roleArn: arn:${partition}:iam::${MEMBER}:role/platform/drift-read
    sources:
      - ssm: { path: /prod/api/ }
      - ecs: { cluster: prod, service: api, container: api }
      - eks: { cluster: member-cluster, namespace: shop, workload: api }
      - secretsmanager: { secretId: prod/payments }
      - appconfig: { application: k3x9q2m, environment: p7d1w4s, profile: f9b3t7e }
baseline:
  keys:
    port: { type: int, value: 8080 }
`;

/** Every ARN in a stack's template, pseudo parameters written as they deploy in `region`. */
function arnsOf(stack: Stack, partition: string, region: string): string[] {
  const pseudo = { 'AWS::Partition': partition, 'AWS::AccountId': ACCOUNT, 'AWS::Region': region, 'AWS::URLSuffix': 'x' };
  const rendered = renderValue(Template.fromStack(stack).toJSON(), (id, attr) => `<${id}.${attr}>`, pseudo);
  return [...JSON.stringify(rendered).matchAll(/arn:[^:"]*:[^"]*/g)].map((m) => m[0]);
}

/** Every value of a `kms:ViaService` condition in a stack's template. */
function viaServicesOf(stack: Stack): string[] {
  const found: string[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object')
      for (const [k, x] of Object.entries(v)) {
        if (k === 'kms:ViaService') found.push(...[x].flat().map(String));
        else walk(x);
      }
  };
  walk(Template.fromStack(stack).toJSON());
  return found;
}

describe.each([
  { partition: 'aws-us-gov', region: 'us-gov-west-1', other: 'us-gov-east-1' },
  { partition: 'aws-cn', region: 'cn-north-1', other: 'cn-northwest-1' },
  // The European Sovereign Cloud has one region so far: the "other region" environment is in it too.
  { partition: 'aws-eusc', region: 'eusc-de-east-1', other: 'eusc-de-east-1' },
])('an installation in $region', ({ partition, region, other }) => {
  let built: Awaited<ReturnType<typeof buildWith>>;
  beforeAll(async () => {
    const dir = folderWith({ 'drift.yaml': estate(partition, region, other) });
    built = await buildWith(
      { ...SKIP_BUNDLING, estates: path.join(dir, 'drift.yaml'), envFileBuckets: '["shop-config"]' },
      { account: ACCOUNT, region },
    );
  });

  test(`every ARN of every stack (grants, trusts, conditions) is in ${partition}`, () => {
    const stacks = [built.installation, ...built.members, ...built.regions];
    expect(stacks.map((s) => s.stackName)).toEqual([
      'DriftInstallation',
      `DriftMemberRead-${MEMBER}-drift-read`,
      ...(other === region ? [] : [`DriftInstallation-${other}`]),
    ]);
    for (const stack of stacks) {
      const arns = arnsOf(stack, partition, region);
      expect(arns.length).toBeGreaterThan(0);
      expect(arns.filter((a) => !a.startsWith(`arn:${partition}:`))).toEqual([]);
    }
  });

  test("cdk-nag reports no unacknowledged error: the wildcards it is told of are the partition's", () => {
    for (const stack of [built.installation, ...built.members, ...built.regions]) {
      const report = new AwsSolutionsChecks(undefined).validateScope(stack);
      expect(
        report.violations.filter((v) => v.severity === 'error').map((v) => `${v.ruleName} ${JSON.stringify(v.violatingResources)}`),
      ).toEqual([]);
    }
  });

  test('the snapshot role is granted each live kind in the partition', () => {
    const arns = arnsOf(built.installation, partition, region);
    expect(arns).toEqual(
      expect.arrayContaining([
        `arn:${partition}:ssm:${region}:${ACCOUNT}:parameter/staging/api/*`,
        `arn:${partition}:ssm:${other}:${ACCOUNT}:parameter/other/api/*`,
        `arn:${partition}:ecs:${region}:${ACCOUNT}:service/staging/api`,
        `arn:${partition}:ecs:${region}:${ACCOUNT}:service/staging/worker`,
        `arn:${partition}:ecs:${region}:${ACCOUNT}:cluster/staging`,
        `arn:${partition}:ecs:${region}:${ACCOUNT}:task/staging/*`,
        `arn:${partition}:s3:::shop-config/*`,
        `arn:${partition}:eks:${region}:${ACCOUNT}:cluster/own-cluster`,
        `arn:${partition}:eks:${other}:${ACCOUNT}:cluster/other-cluster`,
        `arn:${partition}:secretsmanager:${region}:${ACCOUNT}:secret:staging/payments-??????`,
        `arn:${partition}:appconfig:${region}:${ACCOUNT}:application/k3x9q2m/environment/s2h8v5n/configuration/c4f6j1r`,
        `arn:${partition}:iam::${MEMBER}:role/platform/drift-read`,
      ]),
    );
  });

  test('SecureStrings and secrets are decrypted through the services by every name they go by in the region', () => {
    const suffix = { 'aws-cn': 'amazonaws.com.cn', 'aws-eusc': 'amazonaws.eu' }[partition];
    const via = (service: string) => [`${service}.${region}.amazonaws.com`, ...(suffix ? [`${service}.${region}.${suffix}`] : [])];
    expect(viaServicesOf(built.installation)).toEqual(expect.arrayContaining([...via('ssm'), ...via('secretsmanager')]));
    expect(viaServicesOf(built.members[0]!)).toEqual(expect.arrayContaining([...via('ssm'), ...via('secretsmanager')]));
  });

  test("the member's read role is granted its reads in the partition", () => {
    const arns = arnsOf(built.members[0]!, partition, region);
    expect(arns).toEqual(
      expect.arrayContaining([
        `arn:${partition}:ssm:${region}:${MEMBER}:parameter/prod/api/*`,
        `arn:${partition}:ecs:${region}:${MEMBER}:service/prod/api`,
        `arn:${partition}:eks:${region}:${MEMBER}:cluster/member-cluster`,
        `arn:${partition}:secretsmanager:${region}:${MEMBER}:secret:prod/payments-??????`,
        `arn:${partition}:appconfig:${region}:${MEMBER}:application/k3x9q2m/environment/p7d1w4s/deployment/*`,
        `arn:${partition}:iam::${ACCOUNT}:role/drift-snapshot-reader`,
      ]),
    );
  });
});

test('an installation synthesized without a region: reads declared in GovCloud are granted there, the rest in AWS::Partition', async () => {
  const dir = folderWith({ 'drift.yaml': estate('aws-us-gov', 'us-gov-west-1', 'us-gov-east-1') });
  const built = await buildWith(
    { ...SKIP_BUNDLING, estates: path.join(dir, 'drift.yaml'), envFileBuckets: '["shop-config"]' },
    { account: ACCOUNT },
  );
  const arns = arnsOf(built.installation, 'aws-us-gov', 'us-gov-west-1');
  expect(arns.filter((a) => !a.startsWith('arn:aws-us-gov:'))).toEqual([]);
  expect(JSON.stringify(Template.fromStack(built.installation).toJSON())).not.toContain('arn:aws:');
});

describe('ARNs of the other partitions are read as ARNs', () => {
  test.each(['aws-us-gov', 'aws-cn', 'aws-eusc'])('a roleArn in %s names its account, path and role', (partition) => {
    const arn = `arn:${partition}:iam::${MEMBER}:role/platform/drift-read`;
    expect(roleArn(arn)).toEqual({ value: arn });
    expect(parseRoleArn(arn)).toEqual({ account: MEMBER, path: '/platform/', name: 'drift-read' });
  });

  test.each(['aws-us-gov', 'aws-cn'])('an ECS service ARN in %s is normalised to its names, account and region', (partition) => {
    const at = `arn:${partition}:ecs:${partition === 'aws-cn' ? 'cn-north-1' : 'us-gov-west-1'}:${MEMBER}`;
    expect(ecsService(`${at}:cluster/prod`, `${at}:service/prod/api`)).toEqual({
      cluster: 'prod',
      service: 'api',
      account: MEMBER,
      region: partition === 'aws-cn' ? 'cn-north-1' : 'us-gov-west-1',
    });
  });
});

describe('the region names an estate or `-c installationRegion` may give', () => {
  test("every region aws-cdk-lib's region-info knows is one (eusc-de-east-1 too)", () => {
    expect(RegionInfo.regions.map((r) => r.name).filter((name) => 'problem' in region(name))).toEqual([]);
    expect(region('eusc-de-east-1')).toEqual({ value: 'eusc-de-east-1' });
  });

  test.each(['eu-west', 'eu_west_1', 'EU-WEST-1', 'eu-west-1*', 'arn:aws:ssm'])('%s is refused', (name) => {
    expect(region(name)).toHaveProperty('problem');
  });
});
