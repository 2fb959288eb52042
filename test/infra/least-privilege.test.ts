import * as path from 'node:path';
import type { CfnElement, Stack } from 'aws-cdk-lib';
import type { IRole } from 'aws-cdk-lib/aws-iam';
import type { MemberReadRoleStack } from '../../lib/member-read-role-stack';
import type { InstallationStack } from '../../lib/installation-stack';
import { readWildcardFindings } from '../../lib/read-statements';
import { ACCOUNT, REGION, SHOP, SHOP_CONTEXT } from './support/estates';
import { buildWith, folderWith, resourcesOf, roleStatements, SKIP_BUNDLING, type Statement } from './support/synth';

// "Done when": one installation with every kind of live read, and each function's exact grants.

let installation: InstallationStack;
let members: MemberReadRoleStack[];

beforeAll(async () => {
  const dir = folderWith({ 'drift.yaml': SHOP });
  ({ installation, members } = await buildWith(
    { ...SKIP_BUNDLING, ...SHOP_CONTEXT, estates: path.join(dir, 'drift.yaml') },
    { account: ACCOUNT, region: REGION },
  ));
});

/** `<LogicalId.Attr>` without CDK's hash suffix: stable names for the installation's own resources. */
const readable = (id: string, attr: string) => `<${id.replace(/[0-9A-F]{8}$/, '')}${attr === 'Ref' ? '' : `.${attr}`}>`;
const PSEUDO = { 'AWS::Partition': 'aws', 'AWS::AccountId': ACCOUNT, 'AWS::Region': REGION, 'AWS::URLSuffix': 'amazonaws.com' };
const grants = (stack: Stack, role: IRole): Statement[] =>
  roleStatements(stack, stack.getLogicalId(role.node.defaultChild as CfnElement), readable, PSEUDO);
const allow = (Action: string[], Resource: string[], Condition?: Statement['Condition']): Statement => ({
  Effect: 'Allow',
  Action: [...Action].sort(),
  Resource: [...Resource].sort(),
  ...(Condition ? { Condition } : {}),
});
const sortedStatements = (xs: Statement[]) => [...xs].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

const TABLE = '<DriftStoreTable.Arn>';
const EVENTS_BY_TIME = '<DriftStoreTable.Arn>/index/events-by-time';
const STORE_READ_WRITE = ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:UpdateItem'];
const SNAPSHOTS = '<DriftEstatesBucket.Arn>/runs/*/snapshots/*';
const REPORTS = '<DriftEstatesBucket.Arn>/runs/*/reports/*';
const RUN_PAGE = '<DriftEstatesBucket.Arn>/runs/*/report.html';
const READ_ESTATES = allow(['s3:GetObject', 's3:GetObjectVersion'], ['<DriftEstatesBucket.Arn>/estates/*']);
const fn = (name: 'plan-run' | 'snapshot-target' | 'audit-run' | 'notify-run' | 'route-events') =>
  installation.auditor.functions.byName[name].role!;

describe('each function is granted exactly what its handler calls', () => {
  test('plan-run: lists and reads the estate files, and queries the list of estates the installation audited (nothing else of the table)', () => {
    expect(grants(installation, fn('plan-run'))).toEqual(
      sortedStatements([
        READ_ESTATES,
        allow(['dynamodb:Query'], [TABLE], { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['INSTALLATION#ESTATES'] } }),
        allow(['s3:ListBucket'], ['<DriftEstatesBucket.Arn>'], { StringLike: { 's3:prefix': ['estates/*'] } }),
      ]),
    );
  });

  test('snapshot-target: previous snapshots and the task-definition cache, only their partitions (no update, no event index), writes snapshots, the fingerprint key, the declared paths (always ending in /), services (a declared ARN normalised), clusters, env-file buckets given as JSON, and the member roles', () => {
    const ssm = ['arn:aws:ssm:us-east-1:123456789012:parameter/prod/*', 'arn:aws:ssm:us-east-1:123456789012:parameter/shared/config/*'];
    expect(grants(installation, fn('snapshot-target'))).toEqual(
      sortedStatements([
        READ_ESTATES,
        allow(['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query'], [TABLE], {
          'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['E#*#SNAP', 'E#*#SNAPC#*#*#*#*', 'C#*'] },
        }),
        allow(['s3:PutObject'], [SNAPSHOTS]),
        allow(['secretsmanager:GetSecretValue'], ['<DriftSecretsFingerprintKey>']),
        allow(['ssm:GetParameters'], ssm),
        allow(['ssm:DescribeParameters'], ['*']),
        allow(['kms:Decrypt'], ['*'], { StringEquals: { 'kms:ViaService': 'ssm.us-east-1.amazonaws.com' } }),
        allow(
          ['ecs:DescribeServices'],
          ['arn:aws:ecs:us-east-1:123456789012:service/staging/api', 'arn:aws:ecs:us-east-1:123456789012:service/staging/worker'],
        ),
        allow(['application-autoscaling:DescribeScalableTargets', 'ecs:DescribeTaskDefinition'], ['*']),
        allow(['ecs:ListTasks'], ['*'], { ArnEquals: { 'ecs:cluster': 'arn:aws:ecs:us-east-1:123456789012:cluster/staging' } }),
        allow(['ecs:DescribeTasks'], ['arn:aws:ecs:us-east-1:123456789012:task/staging/*']),
        allow(['s3:GetObject'], ['arn:aws:s3:::shop-config-eu/*', 'arn:aws:s3:::shop-config-us/*']),
        allow(['kms:Decrypt'], ['*'], { StringLike: { 'kms:ViaService': 's3.*.amazonaws.com' } }),
        allow(['eks:DescribeCluster'], ['arn:aws:eks:us-east-1:123456789012:cluster/own-cluster']),
        allow(['sts:AssumeRole'], ['arn:aws:iam::222222222222:role/drift-read', 'arn:aws:iam::333333333333:role/drift-read']),
      ]),
    );
  });

  test('audit-run: estates, reads snapshots and writes reports, lists the bucket (a code-scan.json not published yet is then 404, not 403), the table without its event index (no secret: it fingerprints nothing)', () => {
    expect(grants(installation, fn('audit-run'))).toEqual(
      sortedStatements([
        READ_ESTATES,
        allow(['s3:ListBucket'], ['<DriftEstatesBucket.Arn>']),
        allow(STORE_READ_WRITE, [TABLE]),
        allow(['s3:GetObject'], [SNAPSHOTS]),
        allow(['s3:PutObject'], [REPORTS]),
      ]),
    );
  });

  test("notify-run: estates, reads reports and writes the run page, lists the bucket (a failed estate's missing report is then 404, not 403), the table and its event index, the findings topic and its key, the Slack secret", () => {
    expect(grants(installation, fn('notify-run'))).toEqual(
      sortedStatements([
        READ_ESTATES,
        allow(['s3:ListBucket'], ['<DriftEstatesBucket.Arn>']),
        allow(STORE_READ_WRITE, [TABLE, EVENTS_BY_TIME]),
        allow(['s3:GetObject'], [REPORTS]),
        allow(['s3:PutObject'], [RUN_PAGE]),
        allow(['kms:Decrypt', 'kms:GenerateDataKey*'], ['<DriftKey.Arn>']),
        allow(['sns:Publish'], ['<DriftFindings>']),
        allow(['secretsmanager:GetSecretValue'], ['<DriftSecretsSlackWebhook>']),
      ]),
    );
  });

  test('the deploy-time seeding: lists estates/, reads estates/ and the staged seed/, writes and removes under estates/ only (never runs/)', () => {
    expect(grants(installation, installation.auditor.bucket.seeding!.function.role!)).toEqual(
      sortedStatements([
        allow(['s3:GetObject'], ['<DriftEstatesBucket.Arn>/estates/*', '<DriftEstatesBucket.Arn>/seed/*']),
        allow(['s3:DeleteObject', 's3:PutObject'], ['<DriftEstatesBucket.Arn>/estates/*']),
        allow(['s3:ListBucket'], ['<DriftEstatesBucket.Arn>'], { StringLike: { 's3:prefix': ['estates/*'] } }),
      ]),
    );
  });

  test('route-events: lists and reads the estate files, consumes its buffer, starts executions of the run state machine, nothing else (no table, no secret)', () => {
    expect(grants(installation, fn('route-events'))).toEqual(
      sortedStatements([
        READ_ESTATES,
        allow(['s3:ListBucket'], ['<DriftEstatesBucket.Arn>'], { StringLike: { 's3:prefix': ['estates/*'] } }),
        allow(['states:StartExecution'], ['<DriftRunStateMachine>']),
        allow(
          ['sqs:ChangeMessageVisibility', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:ReceiveMessage'],
          ['<DriftChangeEventsBuffer.Arn>'],
        ),
      ]),
    );
  });

  test('the member read role: the member environment’s path, service (cluster given by ARN), cluster and env-file buckets', () => {
    const member = members.find((m) => m.stackName === 'DriftMemberRead-222222222222-drift-read')!;
    expect(grants(member, member.role)).toEqual(
      sortedStatements([
        allow(['ssm:GetParameters'], ['arn:aws:ssm:eu-west-1:222222222222:parameter/prod/shop/*']),
        allow(['ssm:DescribeParameters'], ['*']),
        allow(['kms:Decrypt'], ['*'], { StringEquals: { 'kms:ViaService': 'ssm.eu-west-1.amazonaws.com' } }),
        allow(['ecs:DescribeServices'], ['arn:aws:ecs:eu-west-1:222222222222:service/prod/api']),
        allow(['application-autoscaling:DescribeScalableTargets', 'ecs:DescribeTaskDefinition'], ['*']),
        allow(['ecs:ListTasks'], ['*'], { ArnEquals: { 'ecs:cluster': 'arn:aws:ecs:eu-west-1:222222222222:cluster/prod' } }),
        allow(['ecs:DescribeTasks'], ['arn:aws:ecs:eu-west-1:222222222222:task/prod/*']),
        allow(['s3:GetObject'], ['arn:aws:s3:::shop-config-eu/*', 'arn:aws:s3:::shop-config-us/*']),
        allow(['kms:Decrypt'], ['*'], { StringLike: { 'kms:ViaService': 's3.*.amazonaws.com' } }),
        allow(['eks:DescribeCluster'], ['arn:aws:eks:eu-west-1:222222222222:cluster/member-cluster']),
      ]),
    );
    // memberRoles given on the command line: a role with nothing to read gets no policy at all.
    const other = members.find((m) => m.stackName === 'DriftMemberRead-333333333333-drift-read')!;
    expect(grants(other, other.role)).toEqual([]);
  });

  test('one EKS access entry per principal per cluster, in both stacks: the snapshot role on the own-account cluster, the read role on the member one', () => {
    const entries = (stack: Stack) =>
      Object.values(resourcesOf(stack))
        .filter((r) => r.Type === 'AWS::EKS::AccessEntry')
        .map((r) => r.Properties);
    expect(entries(installation)).toEqual([
      {
        ClusterName: 'own-cluster',
        PrincipalArn: { 'Fn::GetAtt': [expect.stringMatching(/^DriftSnapshotRole/), 'Arn'] },
        KubernetesGroups: ['drift-readers'],
        Type: 'STANDARD',
      },
    ]);
    const member = members.find((m) => m.stackName === 'DriftMemberRead-222222222222-drift-read')!;
    expect(entries(member)).toEqual([
      {
        ClusterName: 'member-cluster',
        PrincipalArn: { 'Fn::GetAtt': [expect.stringMatching(/^ReadRole/), 'Arn'] },
        KubernetesGroups: ['drift-readers'],
        Type: 'STANDARD',
      },
    ]);
  });

  test('cdk-nag acknowledges exactly the declared wildcards: `*` for Describe-only calls, each path’s /*, each bucket’s /*', () => {
    expect(readWildcardFindings(installation.auditor.directReads, ACCOUNT, REGION)).toEqual([
      'Resource::*',
      'Resource::arn:aws:ssm:us-east-1:123456789012:parameter/prod/*',
      'Resource::arn:aws:ssm:us-east-1:123456789012:parameter/shared/config/*',
      'Resource::arn:aws:ecs:us-east-1:123456789012:task/staging/*',
      'Resource::arn:aws:s3:::shop-config-eu/*',
      'Resource::arn:aws:s3:::shop-config-us/*',
    ]);
  });
});

describe('a Slack webhook secret given by ARN', () => {
  test('notify-run may decrypt it with whatever key encrypts it, only through Secrets Manager and only for that secret', async () => {
    const dir = folderWith({ 'drift.yaml': SHOP });
    const secretArn = `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:team/slack-AbCdEf`;
    const built = await buildWith(
      { ...SKIP_BUNDLING, ...SHOP_CONTEXT, estates: path.join(dir, 'drift.yaml'), slackWebhookSecretArn: secretArn },
      { account: ACCOUNT, region: REGION },
    );
    const notify = built.installation.auditor.functions.byName['notify-run'].role!;
    expect(grants(built.installation, notify)).toEqual(
      expect.arrayContaining([
        allow(['secretsmanager:GetSecretValue'], [secretArn]),
        allow(['kms:Decrypt'], ['*'], {
          StringEquals: { 'kms:ViaService': `secretsmanager.${REGION}.amazonaws.com`, 'kms:EncryptionContext:SecretARN': secretArn },
        }),
      ]),
    );
    // The secrets the installation creates use the account's AWS-managed key: no such grant.
    expect(grants(installation, fn('notify-run')).filter((st) => st.Action.includes('kms:Decrypt') && st.Resource.includes('*'))).toEqual(
      [],
    );
  });
});
