import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import * as path from 'node:path';
import { MemberReadRoleStack } from '../../lib/member-read-role-stack';
import { ACCOUNT, MEMBER_ROLE, REGION, SHOP } from './support/estates';
import { buildWith, folderWith, SKIP_BUNDLING } from './support/synth';

function member() {
  const app = new App();
  const stack = new MemberReadRoleStack(app, 'Member', {
    env: { account: '222222222222', region: 'eu-west-1' },
    installationAccount: '999999999999',
    roleName: 'drift-read',
    ssm: [{ path: '/production-eu/checkout/', region: 'eu-west-1' }],
    ecs: [{ cluster: 'prod', service: 'api' }],
    eks: [{ cluster: 'prod-eu', namespace: 'checkout', workload: 'checkout-api' }],
    envFileBuckets: ['checkout-config-eu'],
  });
  return { stack, t: Template.fromStack(stack) };
}

describe('the member read-role stack', () => {
  const { stack, t } = member();

  test('trusts only the installation account’s snapshot role', () => {
    t.hasResourceProperties('AWS::IAM::Role', {
      RoleName: 'drift-read',
      MaxSessionDuration: 3600,
      AssumeRolePolicyDocument: {
        Statement: [
          {
            Action: 'sts:AssumeRole',
            Effect: 'Allow',
            Principal: { AWS: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::999999999999:root']] } },
            Condition: {
              ArnEquals: {
                'aws:PrincipalArn': {
                  'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::999999999999:role/drift-snapshot-reader']],
                },
              },
            },
          },
        ],
      },
    });
  });

  test('reads exactly the declared paths, services and clusters; Describe-only calls on *', () => {
    const policy = Object.values(
      t.findResources('AWS::IAM::Policy', { Properties: { PolicyName: Match.stringLikeRegexp('ReadRole') } }),
    )[0] as {
      Properties: { PolicyDocument: { Statement: unknown[] } };
    };
    expect(policy.Properties.PolicyDocument.Statement).toEqual([
      {
        Sid: 'ReadDeclaredParameters',
        Effect: 'Allow',
        Action: 'ssm:GetParameters',
        Resource: 'arn:aws:ssm:eu-west-1:222222222222:parameter/production-eu/checkout/*',
      },
      { Sid: 'DescribeParameters', Effect: 'Allow', Action: 'ssm:DescribeParameters', Resource: '*' },
      {
        Sid: 'DecryptSecureStringsViaSsm',
        Effect: 'Allow',
        Action: 'kms:Decrypt',
        Resource: '*',
        Condition: { StringEquals: { 'kms:ViaService': 'ssm.eu-west-1.amazonaws.com' } },
      },
      {
        Sid: 'DescribeDeclaredServices',
        Effect: 'Allow',
        Action: 'ecs:DescribeServices',
        Resource: 'arn:aws:ecs:eu-west-1:222222222222:service/prod/api',
      },
      {
        Sid: 'DescribeTaskDefinitionsAndScaling',
        Effect: 'Allow',
        Action: ['ecs:DescribeTaskDefinition', 'application-autoscaling:DescribeScalableTargets'],
        Resource: '*',
      },
      {
        Sid: 'ListDeclaredClustersTasks',
        Effect: 'Allow',
        Action: 'ecs:ListTasks',
        Resource: '*',
        Condition: { ArnEquals: { 'ecs:cluster': 'arn:aws:ecs:eu-west-1:222222222222:cluster/prod' } },
      },
      {
        Sid: 'DescribeDeclaredClustersTasks',
        Effect: 'Allow',
        Action: 'ecs:DescribeTasks',
        Resource: 'arn:aws:ecs:eu-west-1:222222222222:task/prod/*',
      },
      { Sid: 'ReadEnvironmentFiles', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::checkout-config-eu/*' },
      {
        Sid: 'DecryptEnvironmentFilesViaS3',
        Effect: 'Allow',
        Action: 'kms:Decrypt',
        Resource: '*',
        Condition: { StringLike: { 'kms:ViaService': 's3.*.amazonaws.com' } },
      },
      {
        Sid: 'DescribeDeclaredClusters',
        Effect: 'Allow',
        Action: 'eks:DescribeCluster',
        Resource: 'arn:aws:eks:eu-west-1:222222222222:cluster/prod-eu',
      },
    ]);
  });

  test('maps the role to the drift Kubernetes group with an EKS access entry, and emits the RBAC', () => {
    t.hasResourceProperties('AWS::EKS::AccessEntry', {
      ClusterName: 'prod-eu',
      PrincipalArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('ReadRole'), 'Arn'] },
      KubernetesGroups: ['drift-readers'],
      Type: 'STANDARD',
    });
    expect(stack.rbacYaml).toContain('subjects:\n  - apiGroup: rbac.authorization.k8s.io\n    kind: Group\n    name: drift-readers\n');
  });

  test('cdk-nag AwsSolutions reports no unacknowledged error', () => {
    const report = new AwsSolutionsChecks(undefined).validateScope(stack);
    expect(report.violations.filter((v) => v.severity === 'error').map((v) => v.ruleName)).toEqual([]);
  });
});

describe('a roleArn with an IAM path (arn:aws:iam::222222222222:role/platform/drift-read)', () => {
  test('the member stack creates the role at that path: the ARN the installation may assume and assumes is the role’s', async () => {
    const arn = 'arn:aws:iam::222222222222:role/platform/drift-read';
    const dir = folderWith({ 'drift.yaml': SHOP.replace(MEMBER_ROLE, arn) });
    const built = await buildWith({ ...SKIP_BUNDLING, estates: path.join(dir, 'drift.yaml') }, { account: ACCOUNT, region: REGION });
    const stack = built.members.find((m) => m.stackName === 'DriftMemberRead-222222222222-drift-read')!;
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Role', { RoleName: 'drift-read', Path: '/platform/' });
    const snapshot = Template.fromStack(built.installation);
    snapshot.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Sid: 'AssumeMemberReadRoles', Resource: arn })]) },
    });
  });
});
