import * as path from 'node:path';
import type { CfnElement, Stack } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { runSimulation } from '@cloud-copilot/iam-simulate';
import type { InstallationStack } from '../../lib/installation-stack';
import type { MemberReadRoleStack } from '../../lib/member-read-role-stack';
import { concreteRefs, PSEUDO } from './support/concrete';
import { ACCOUNT, REGION, SHOP, SHOP_CONTEXT } from './support/estates';
import { buildWith, folderWith, renderValue, resourcesOf, roleStatements, SKIP_BUNDLING, type Statement } from './support/synth';

// Every AWS call each bundled handler makes, simulated against that function's synthesized policy
// (and the resource's own policy where it has one): allowed on what was declared, denied next door.

let shop: InstallationStack;
let member: MemberReadRoleStack;
beforeAll(async () => {
  const dir = folderWith({ 'drift.yaml': SHOP });
  const built = await buildWith(
    { ...SKIP_BUNDLING, ...SHOP_CONTEXT, estates: path.join(dir, 'drift.yaml') },
    { account: ACCOUNT, region: REGION },
  );
  shop = built.installation;
  member = built.members.find((m) => m.stackName === 'DriftMemberRead-222222222222-drift-read')!;
});

const MEMBER = '222222222222';
const idOf = (stack: Stack, c: IConstruct) => stack.getLogicalId(c.node.defaultChild as CfnElement);
const arn = (stack: Stack, c: IConstruct, attr = 'Arn') => concreteRefs(stack)(idOf(stack, c), attr);
const identity = (stack: Stack, role: IConstruct, pseudo = PSEUDO): Statement[] =>
  roleStatements(stack, idOf(stack, role), concreteRefs(stack), pseudo);
/** The resource policy of a resource (bucket, topic, key, role trust) in the template, rendered. */
function resourcePolicy(stack: Stack, id: string, pseudo = PSEUDO): unknown {
  const resources = resourcesOf(stack);
  const own = resources[id]!;
  if (own.Type === 'AWS::KMS::Key') return renderValue(own.Properties.KeyPolicy, concreteRefs(stack), pseudo);
  if (own.Type === 'AWS::IAM::Role') return renderValue(own.Properties.AssumeRolePolicyDocument, concreteRefs(stack), pseudo);
  const attached = Object.values(resources).find(
    (r) =>
      (r.Type === 'AWS::S3::BucketPolicy' && (r.Properties.Bucket as { Ref?: string }).Ref === id) ||
      (r.Type === 'AWS::SNS::TopicPolicy' && (r.Properties.Topics as Array<{ Ref?: string }>).some((t) => t.Ref === id)) ||
      (r.Type === 'AWS::SQS::QueuePolicy' && (r.Properties.Queues as Array<{ Ref?: string }>).some((q) => q.Ref === id)),
  );
  return attached ? renderValue(attached.Properties.PolicyDocument, concreteRefs(stack), pseudo) : undefined;
}

interface Call {
  action: string;
  resource: string;
  context?: Record<string, string | string[]>;
  /** The resource's own policy (bucket, topic, key policy, role trust). */
  policy?: unknown;
  account?: string;
}

async function decide(principal: string, statements: Statement[] | undefined, call: Call): Promise<string> {
  const r = await runSimulation(
    {
      identityPolicies: statements ? [{ name: 'role', policy: { Version: '2012-10-17', Statement: statements } as never }] : [],
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      ...(call.policy ? { resourcePolicy: call.policy as never } : {}),
      request: {
        action: call.action,
        principal,
        resource: { accountId: call.account ?? ACCOUNT, resource: call.resource },
        contextVariables: { 'aws:SecureTransport': 'true', ...call.context },
      },
    },
    {},
  );
  if (r.resultType === 'error') throw new Error(`${call.action} ${call.resource}: ${JSON.stringify(r.errors)}`);
  return r.overallResult;
}

/** Each call's decision, as `action resource → decision` lines (one failure shows them all). */
async function decisions(principal: string, statements: Statement[] | undefined, calls: Call[]): Promise<string[]> {
  return Promise.all(
    calls.map(
      async (c) =>
        `${c.action} ${c.resource}${c.context ? ` ${JSON.stringify(c.context)}` : ''} → ${await decide(principal, statements, c)}`,
    ),
  );
}
const expectAll = async (
  principal: string,
  statements: Statement[] | undefined,
  calls: Call[],
  outcome: 'Allowed' | 'ImplicitlyDenied' | 'ExplicitlyDenied',
) => {
  const got = await decisions(principal, statements, calls);
  expect(got).toEqual(got.map((line) => `${line.slice(0, line.lastIndexOf(' → '))} → ${outcome}`));
};

// A KMS key whose policy delegates to IAM in the account (as Parameter Store's keys do).
const delegatingKey = (account: string) => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: 'kms:*', Resource: '*' }],
});
const SSM_KEY = `arn:aws:kms:${REGION}:${ACCOUNT}:key/ssm-key`;
// What the functions' store sends, and what only the CLI's store does (housekeeping, creating the table) or nothing does.
const [GET, QUERY, PUT, UPDATE] = ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:UpdateItem'];
const CLI_ONLY = ['dynamodb:Scan', 'dynamodb:DeleteItem', 'dynamodb:DescribeTable', 'dynamodb:BatchWriteItem'];

const world = (installation: InstallationStack = shop) => {
  const a = installation.auditor;
  const bucket = arn(installation, a.bucket.bucket);
  const table = arn(installation, a.store.table);
  const fns = a.functions.byName;
  const role = (name: keyof typeof fns) => fns[name].role!;
  return {
    bucket,
    bucketPolicy: resourcePolicy(installation, idOf(installation, a.bucket.bucket)),
    table,
    /** Calls on the table, and a Query of its events index when `eventsByTime`. */
    tableCalls: (actions: string[], eventsByTime = false): Call[] =>
      actions
        .map((action) => ({ action, resource: table }))
        .concat(eventsByTime ? [{ action: 'dynamodb:Query', resource: `${table}/index/events-by-time` }] : []),
    estateFile: `${bucket}/estates/shop/drift.yaml`,
    topic: arn(installation, a.topic, 'Ref'),
    topicPolicy: resourcePolicy(installation, idOf(installation, a.topic)),
    alarmTopic: arn(installation, a.alarms.topic, 'Ref'),
    alarmTopicPolicy: resourcePolicy(installation, idOf(installation, a.alarms.topic)),
    key: arn(installation, installation.node.findChild('Drift').node.findChild('Key')),
    keyPolicy: resourcePolicy(installation, idOf(installation, installation.node.findChild('Drift').node.findChild('Key'))),
    fingerprintSecret: arn(installation, a.secrets.fingerprintKey, 'Ref'),
    slackSecret: arn(installation, a.secrets.slackWebhook as unknown as IConstruct, 'Ref'),
    principal: (name: keyof typeof fns) =>
      name === 'snapshot-target' ? `arn:aws:iam::${ACCOUNT}:role/drift-snapshot-reader` : arn(installation, role(name)),
    identity: (name: keyof typeof fns) => identity(installation, role(name)),
  };
};

describe('plan-run', () => {
  test('lists and reads estates/, and queries the list of audited estates only', async () => {
    const w = world();
    const s3 = (action: string, resource: string, context?: Call['context']): Call => ({
      action,
      resource,
      context,
      policy: w.bucketPolicy,
    });
    const audited = { 'dynamodb:LeadingKeys': ['INSTALLATION#ESTATES'] };
    await expectAll(
      w.principal('plan-run'),
      w.identity('plan-run'),
      [
        s3('s3:ListBucket', w.bucket, { 's3:prefix': 'estates/' }),
        s3('s3:GetObject', w.estateFile),
        s3('s3:GetObjectVersion', w.estateFile),
        { action: QUERY, resource: w.table, context: audited },
      ],
      'Allowed',
    );
    await expectAll(
      w.principal('plan-run'),
      w.identity('plan-run'),
      [
        s3('s3:ListBucket', w.bucket, { 's3:prefix': 'runs/' }),
        s3('s3:ListBucket', w.bucket),
        s3('s3:PutObject', w.estateFile),
        { action: QUERY, resource: w.table, context: { 'dynamodb:LeadingKeys': ['E#shop#F'] } },
        ...[GET, PUT, UPDATE].map((action) => ({ action, resource: w.table, context: audited })),
        // A Query always names its partition (dynamodb:LeadingKeys): one without would pass ForAllValues.
        ...w.tableCalls([GET, PUT, UPDATE, ...CLI_ONLY], true),
      ],
      'ImplicitlyDenied',
    );
  });
});

describe('route-events', () => {
  test('reads estates/, consumes its buffer and starts the run; nothing else', async () => {
    const w = world();
    const a = shop.auditor;
    const stateMachine = arn(shop, a.run.stateMachine, 'Ref');
    const buffer = arn(shop, a.changeEvents.queue);
    const s3 = (action: string, resource: string, context?: Call['context']): Call => ({
      action,
      resource,
      context,
      policy: w.bucketPolicy,
    });
    await expectAll(
      w.principal('route-events'),
      w.identity('route-events'),
      [
        s3('s3:ListBucket', w.bucket, { 's3:prefix': 'estates/' }),
        s3('s3:GetObject', w.estateFile),
        { action: 'states:StartExecution', resource: stateMachine },
        { action: 'sqs:ReceiveMessage', resource: buffer },
        { action: 'sqs:DeleteMessage', resource: buffer },
      ],
      'Allowed',
    );
    await expectAll(
      w.principal('route-events'),
      w.identity('route-events'),
      [
        s3('s3:PutObject', w.estateFile),
        s3('s3:GetObject', `${w.bucket}/runs/run-1/reports/shop.json`),
        { action: 'states:StopExecution', resource: `${stateMachine.replace(':stateMachine:', ':execution:')}:run-1` },
        { action: 'sqs:SendMessage', resource: buffer },
        { action: 'secretsmanager:GetSecretValue', resource: w.fingerprintSecret },
        ...w.tableCalls([GET, QUERY, PUT, UPDATE], true),
      ],
      'ImplicitlyDenied',
    );
  });
});

describe('snapshot-target', () => {
  const ssm = (name: string) => `arn:aws:ssm:${REGION}:${ACCOUNT}:parameter${name}`;
  // dynamodb:LeadingKeys is the partition key of every item a request touches.
  const leading = (...pks: string[]) => ({ 'dynamodb:LeadingKeys': pks });
  // A source's snapshot pointer, one save's chunks, an ECS task definition cached (what loadSnapshot and the cache touch).
  const SNAPSHOT_ITEMS = ['E#shop#SNAP', 'E#shop#SNAPC#staging#ssm%3A%2Fprod%2F#1a2b3c#run-1', 'C#ecs-task-definition'];
  const service = (name: string) => `arn:aws:ecs:${REGION}:${ACCOUNT}:service/${name}`;

  test('every call its collectors make, on the declared paths, services, cluster, buckets and member role', async () => {
    const w = world();
    const s3 = (action: string, resource: string): Call => ({ action, resource, policy: w.bucketPolicy });
    const memberRole = `arn:aws:iam::${MEMBER}:role/drift-read`;
    await expectAll(
      w.principal('snapshot-target'),
      w.identity('snapshot-target'),
      [
        s3('s3:GetObject', w.estateFile),
        s3('s3:GetObjectVersion', w.estateFile),
        s3('s3:PutObject', `${w.bucket}/runs/run-1/snapshots/shop/staging.json.gz`),
        { action: 'secretsmanager:GetSecretValue', resource: w.fingerprintSecret },
        ...[GET, QUERY, PUT].flatMap((action) => SNAPSHOT_ITEMS.map((pk) => ({ action, resource: w.table, context: leading(pk) }))),
        { action: 'ssm:DescribeParameters', resource: '*' },
        { action: 'ssm:GetParameters', resource: ssm('/prod/db/password') },
        { action: 'ssm:GetParameters', resource: ssm('/prod/api/timeout') },
        { action: 'ssm:GetParameters', resource: ssm('/shared/config/log/level') },
        {
          action: 'kms:Decrypt',
          resource: SSM_KEY,
          context: { 'kms:ViaService': `ssm.${REGION}.amazonaws.com` },
          policy: delegatingKey(ACCOUNT),
        },
        { action: 'ecs:DescribeServices', resource: service('staging/api') },
        { action: 'ecs:DescribeServices', resource: service('staging/worker') },
        { action: 'ecs:DescribeTaskDefinition', resource: '*' },
        { action: 'application-autoscaling:DescribeScalableTargets', resource: '*' },
        { action: 'ecs:ListTasks', resource: '*', context: { 'ecs:cluster': `arn:aws:ecs:${REGION}:${ACCOUNT}:cluster/staging` } },
        { action: 'ecs:DescribeTasks', resource: `arn:aws:ecs:${REGION}:${ACCOUNT}:task/staging/0f1e2d3c4b5a` },
        { action: 's3:GetObject', resource: 'arn:aws:s3:::shop-config-us/staging/api.env' },
        { action: 's3:GetObject', resource: 'arn:aws:s3:::shop-config-eu/production/api.env' },
        // An env-file bucket encrypted with a customer managed key (SSE-KMS), in any region: S3 decrypts for GetObject.
        {
          action: 'kms:Decrypt',
          resource: `arn:aws:kms:eu-west-1:${ACCOUNT}:key/config-key`,
          context: { 'kms:ViaService': 's3.eu-west-1.amazonaws.com' },
          policy: delegatingKey(ACCOUNT),
        },
        { action: 'eks:DescribeCluster', resource: `arn:aws:eks:${REGION}:${ACCOUNT}:cluster/own-cluster` },
        {
          action: 'sts:AssumeRole',
          resource: memberRole,
          account: MEMBER,
          policy: resourcePolicy(member, idOf(member, member.role), { ...PSEUDO, 'AWS::AccountId': MEMBER, 'AWS::Region': 'eu-west-1' }),
          context: { 'aws:PrincipalArn': w.principal('snapshot-target') },
        },
      ],
      'Allowed',
    );
  });

  test('the undeclared neighbours are denied: /production-x/… and /prod-admin/… under /prod, another service, cluster, bucket, role; KMS for another service', async () => {
    const w = world();
    await expectAll(
      w.principal('snapshot-target'),
      w.identity('snapshot-target'),
      [
        { action: 'ssm:GetParameters', resource: ssm('/production-x/db/password') },
        { action: 'ssm:GetParameters', resource: ssm('/prod-admin/root') },
        { action: 'ssm:GetParametersByPath', resource: ssm('/prod') },
        {
          action: 'kms:Decrypt',
          resource: SSM_KEY,
          context: { 'kms:ViaService': `secretsmanager.${REGION}.amazonaws.com` },
          policy: delegatingKey(ACCOUNT),
        },
        { action: 'kms:Decrypt', resource: SSM_KEY, context: { 'kms:ViaService': 's3.evil.example.com' }, policy: delegatingKey(ACCOUNT) },
        { action: 'kms:Decrypt', resource: SSM_KEY, policy: delegatingKey(ACCOUNT) },
        { action: 'ecs:DescribeServices', resource: service('staging/payments') },
        { action: 'ecs:DescribeServices', resource: service('other/api') },
        { action: 'ecs:ListTasks', resource: '*', context: { 'ecs:cluster': `arn:aws:ecs:${REGION}:${ACCOUNT}:cluster/other` } },
        { action: 'ecs:ListTasks', resource: '*' },
        { action: 'ecs:DescribeTasks', resource: `arn:aws:ecs:${REGION}:${ACCOUNT}:task/other/0f1e2d3c4b5a` },
        { action: 'eks:DescribeCluster', resource: `arn:aws:eks:${REGION}:${ACCOUNT}:cluster/other-cluster` },
        { action: 's3:GetObject', resource: 'arn:aws:s3:::other-bucket/api.env' },
        { action: 's3:PutObject', resource: `${w.bucket}/estates/shop/drift.yaml`, policy: w.bucketPolicy },
        { action: 'sts:AssumeRole', resource: `arn:aws:iam::${MEMBER}:role/admin`, account: MEMBER },
        { action: 'secretsmanager:GetSecretValue', resource: w.slackSecret },
        { action: 'secretsmanager:DescribeSecret', resource: w.fingerprintSecret },
        { action: 's3:GetObject', resource: `${w.bucket}/runs/run-1/snapshots/shop/staging.json.gz`, policy: w.bucketPolicy },
        { action: 's3:PutObject', resource: `${w.bucket}/runs/run-1/reports/shop.json`, policy: w.bucketPolicy },
        ...w.tableCalls([UPDATE, ...CLI_ONLY], true),
      ],
      'ImplicitlyDenied',
    );
  });

  test('the table beyond its snapshots and cache is denied: finding states, events, runs, markers, history, the ticket ledger, the audited estates', async () => {
    const w = world();
    const elsewhere = [
      'E#shop#F',
      'E#shop#EV',
      'E#shop#RUN',
      'E#shop',
      'E#shop#MARK',
      'E#shop#H#staging#db.host',
      // An environment named SNAPC: its history is still not a snapshot's chunks.
      'E#shop#H#SNAPC#db.host',
      'TICKET#shop',
      'INSTALLATION#ESTATES',
      'HOUSEKEEPING',
    ];
    await expectAll(
      w.principal('snapshot-target'),
      w.identity('snapshot-target'),
      [
        ...[GET, QUERY, PUT].flatMap((action) => elsewhere.map((pk) => ({ action, resource: w.table, context: leading(pk) }))),
        // One item of a request outside the snapshots denies the whole request.
        { action: GET, resource: w.table, context: leading('E#shop#SNAP', 'E#shop#F') },
      ],
      'ImplicitlyDenied',
    );
  });
});

describe('audit-run and notify-run', () => {
  test('audit-run: estates, the run’s snapshots and reports, the table; no secret, no topic', async () => {
    const w = world();
    const s3 = (action: string, resource: string): Call => ({ action, resource, policy: w.bucketPolicy });
    await expectAll(
      w.principal('audit-run'),
      w.identity('audit-run'),
      [
        s3('s3:GetObject', w.estateFile),
        s3('s3:GetObjectVersion', w.estateFile),
        s3('s3:GetObject', `${w.bucket}/runs/run-1/snapshots/shop/staging.json.gz`),
        s3('s3:PutObject', `${w.bucket}/runs/run-1/reports/shop.json`),
        // What S3 asks before it answers a GET of a missing object (code-scan.json not published yet) 404, not 403.
        s3('s3:ListBucket', w.bucket),
        ...w.tableCalls([GET, QUERY, PUT, UPDATE]),
      ],
      'Allowed',
    );
    await expectAll(
      w.principal('audit-run'),
      w.identity('audit-run'),
      [
        { action: 'secretsmanager:GetSecretValue', resource: w.fingerprintSecret },
        { action: 'sns:Publish', resource: w.topic, policy: w.topicPolicy },
        s3('s3:PutObject', w.estateFile),
        s3('s3:PutObject', `${w.bucket}/runs/run-1/snapshots/shop/staging.json.gz`),
        ...w.tableCalls(CLI_ONLY, true),
      ],
      'ImplicitlyDenied',
    );
  });

  test('notify-run: SNS Publish (PublishBatch is authorized as sns:Publish) on the findings topic with its key, the Slack secret, reports, the run page; not the alarm topic', async () => {
    const w = world();
    const s3 = (action: string, resource: string): Call => ({ action, resource, policy: w.bucketPolicy });
    await expectAll(
      w.principal('notify-run'),
      w.identity('notify-run'),
      [
        s3('s3:GetObject', w.estateFile),
        s3('s3:GetObjectVersion', w.estateFile),
        s3('s3:GetObject', `${w.bucket}/runs/run-1/reports/shop.json`),
        s3('s3:PutObject', `${w.bucket}/runs/run-1/report.html`),
        // The report of an estate whose audit failed is missing: 404, not 403.
        s3('s3:ListBucket', w.bucket),
        ...w.tableCalls([GET, QUERY, PUT, UPDATE], true),
        { action: 'sns:Publish', resource: w.topic, policy: w.topicPolicy },
        { action: 'kms:GenerateDataKey', resource: w.key, policy: w.keyPolicy },
        { action: 'kms:Decrypt', resource: w.key, policy: w.keyPolicy },
        { action: 'secretsmanager:GetSecretValue', resource: w.slackSecret },
      ],
      'Allowed',
    );
    await expectAll(
      w.principal('notify-run'),
      w.identity('notify-run'),
      [
        { action: 'sns:Publish', resource: w.alarmTopic, policy: w.alarmTopicPolicy },
        { action: 'secretsmanager:GetSecretValue', resource: w.fingerprintSecret },
        s3('s3:PutObject', `${w.bucket}/runs/run-1/reports/shop.json`),
        s3('s3:PutObject', `${w.bucket}/runs/run-1/report.html.evil`),
        s3('s3:GetObject', `${w.bucket}/runs/run-1/snapshots/shop/staging.json.gz`),
        ...w.tableCalls(CLI_ONLY),
      ],
      'ImplicitlyDenied',
    );
  });
});

describe('sync-tickets (an installation with `-c tickets=github:acme/platform`)', () => {
  let installation: InstallationStack;
  beforeAll(async () => {
    const dir = folderWith({ 'drift.yaml': SHOP });
    ({ installation } = await buildWith(
      { ...SKIP_BUNDLING, ...SHOP_CONTEXT, estates: path.join(dir, 'drift.yaml'), tickets: 'github:acme/platform' },
      { account: ACCOUNT, region: REGION },
    ));
  });
  // dynamodb:LeadingKeys is the partition key of every item a request touches.
  const keys = (...pks: string[]) => ({ 'dynamodb:LeadingKeys': pks });

  test('its ledger items (pk TICKET#…), its token, its queue and the estate files; nothing else in the table, no other secret, no publishing', async () => {
    const w = world(installation);
    const a = installation.auditor;
    const fn = a.functions.optional['sync-tickets']!;
    const principal = arn(installation, fn.role!);
    const statements = identity(installation, fn.role!);
    const queue = arn(installation, a.tickets!.queue);
    const tokenSecret = arn(installation, a.secrets.ticketsToken as unknown as IConstruct, 'Ref');
    const s3 = (action: string, resource: string, context?: Call['context']): Call => ({
      action,
      resource,
      context,
      policy: w.bucketPolicy,
    });
    const table = (action: string, context: Call['context']): Call => ({ action, resource: w.table, context });
    await expectAll(
      principal,
      statements,
      [
        s3('s3:ListBucket', w.bucket, { 's3:prefix': 'estates/' }),
        s3('s3:GetObject', w.estateFile),
        table(GET, keys('TICKET#shop')),
        table(PUT, keys('TICKET#shop')),
        table(QUERY, keys('TICKET#shop')),
        { action: 'secretsmanager:GetSecretValue', resource: tokenSecret },
        { action: 'sqs:ReceiveMessage', resource: queue },
        { action: 'sqs:DeleteMessage', resource: queue },
        { action: 'sqs:ChangeMessageVisibility', resource: queue },
      ],
      'Allowed',
    );
    await expectAll(
      principal,
      statements,
      [
        table(GET, keys('E#shop#F')),
        table(QUERY, keys('E#shop#EV')),
        table(PUT, keys('E#shop')),
        table(GET, keys('C#task-definition')),
        table(GET, keys('TICKET#shop', 'E#shop#F')),
        table(UPDATE, keys('TICKET#shop')),
        ...CLI_ONLY.map((action) => table(action, keys('TICKET#shop'))),
        { action: QUERY, resource: `${w.table}/index/events-by-time`, context: keys('TICKET#shop') },
        { action: 'secretsmanager:GetSecretValue', resource: w.slackSecret },
        { action: 'secretsmanager:GetSecretValue', resource: w.fingerprintSecret },
        { action: 'sns:Publish', resource: w.topic, policy: w.topicPolicy },
        { action: 'sqs:SendMessage', resource: queue },
        s3('s3:ListBucket', w.bucket, { 's3:prefix': 'runs/' }),
        s3('s3:PutObject', w.estateFile),
        s3('s3:GetObject', `${w.bucket}/runs/run-1/reports/shop.json`),
      ],
      'ImplicitlyDenied',
    );
  });

  test('the findings topic (and no other) may send to its queue', async () => {
    const w = world(installation);
    const queue = installation.auditor.tickets!.queue;
    const send = (sourceArn: string): Call => ({
      action: 'sqs:SendMessage',
      resource: arn(installation, queue),
      policy: resourcePolicy(installation, idOf(installation, queue)),
      context: { 'aws:SourceArn': sourceArn },
    });
    expect(await decide('sns.amazonaws.com', undefined, send(w.topic))).toBe('Allowed');
    expect(await decide('sns.amazonaws.com', undefined, send(w.alarmTopic))).toBe('ImplicitlyDenied');
  });
});

describe('the member read role (account 222222222222)', () => {
  test('reads its environment’s path, service and cluster; the neighbours are denied', async () => {
    const pseudo = { ...PSEUDO, 'AWS::AccountId': MEMBER, 'AWS::Region': 'eu-west-1' };
    const statements = identity(member, member.role, pseudo);
    const principal = `arn:aws:iam::${MEMBER}:role/drift-read`;
    const at = `eu-west-1:${MEMBER}`;
    const call = (action: string, resource: string, context?: Call['context']): Call => ({
      action,
      resource,
      account: MEMBER,
      context,
      ...(action.startsWith('kms:') ? { policy: delegatingKey(MEMBER) } : {}),
    });
    await expectAll(
      principal,
      statements,
      [
        call('ssm:DescribeParameters', '*'),
        call('ssm:GetParameters', `arn:aws:ssm:${at}:parameter/prod/shop/db/password`),
        call('kms:Decrypt', `arn:aws:kms:${at}:key/ssm-key`, { 'kms:ViaService': 'ssm.eu-west-1.amazonaws.com' }),
        call('ecs:DescribeServices', `arn:aws:ecs:${at}:service/prod/api`),
        call('ecs:DescribeTaskDefinition', '*'),
        call('application-autoscaling:DescribeScalableTargets', '*'),
        call('ecs:ListTasks', '*', { 'ecs:cluster': `arn:aws:ecs:${at}:cluster/prod` }),
        call('ecs:DescribeTasks', `arn:aws:ecs:${at}:task/prod/0f1e2d3c4b5a`),
        call('eks:DescribeCluster', `arn:aws:eks:${at}:cluster/member-cluster`),
        call('s3:GetObject', 'arn:aws:s3:::shop-config-eu/production/api.env'),
        call('kms:Decrypt', `arn:aws:kms:${at}:key/config-key`, { 'kms:ViaService': 's3.eu-west-1.amazonaws.com' }),
      ],
      'Allowed',
    );
    await expectAll(
      principal,
      statements,
      [
        call('ssm:GetParameters', `arn:aws:ssm:${at}:parameter/prod/shopping/x`),
        call('ssm:GetParameters', `arn:aws:ssm:${at}:parameter/prod/other`),
        call('ecs:DescribeServices', `arn:aws:ecs:${at}:service/prod/payments`),
        call('ecs:ListTasks', '*', { 'ecs:cluster': `arn:aws:ecs:${at}:cluster/staging` }),
        call('ecs:DescribeTasks', `arn:aws:ecs:${at}:task/staging/0f1e2d3c4b5a`),
        call('eks:DescribeCluster', `arn:aws:eks:${at}:cluster/own-cluster`),
      ],
      'ImplicitlyDenied',
    );
  });

  test('only the installation’s snapshot role may assume it', async () => {
    const trust = resourcePolicy(member, idOf(member, member.role), { ...PSEUDO, 'AWS::AccountId': MEMBER, 'AWS::Region': 'eu-west-1' });
    // (The simulator does not derive aws:PrincipalArn from the principal: it is given as AWS would set it.)
    const assume = (principal: string): Call => ({
      action: 'sts:AssumeRole',
      resource: `arn:aws:iam::${MEMBER}:role/drift-read`,
      account: MEMBER,
      policy: trust,
      context: { 'aws:PrincipalArn': principal },
    });
    const anyRole = [{ Effect: 'Allow' as const, Action: ['sts:AssumeRole'], Resource: ['*'] }];
    const snapshotRole = `arn:aws:iam::${ACCOUNT}:role/drift-snapshot-reader`;
    expect(await decide(snapshotRole, anyRole, assume(snapshotRole))).toBe('Allowed');
    const other = `arn:aws:iam::${ACCOUNT}:role/someone-else`;
    expect(await decide(other, anyRole, assume(other))).toBe('ImplicitlyDenied');
  });
});

describe('the alarm topic (of the default installation)', () => {
  let installation: InstallationStack;
  beforeAll(async () => {
    ({ installation } = await buildWith({ ...SKIP_BUNDLING }, { account: ACCOUNT, region: REGION }));
  });

  test('CloudWatch may publish the installation’s alarms to it (and nothing else may, nor anything without TLS)', async () => {
    const w = world(installation);
    const alarmArns = installation.auditor.alarms.alarms.map((al) => arn(installation, al));
    // Errors and throttles of five functions (the four stages, route-events), failed and timed-out runs, the DLQ and the change-event DLQ (each: its depth and each arrival), failed SNS publishes, digests and immediate messages.
    expect(alarmArns).toHaveLength(19);
    const publish = (sourceArn: string, account = ACCOUNT, tls = 'true'): Call => ({
      action: 'sns:Publish',
      resource: w.alarmTopic,
      policy: w.alarmTopicPolicy,
      context: { 'aws:SourceAccount': account, 'aws:SourceArn': sourceArn, 'aws:SecureTransport': tls },
    });
    await expectAll(
      'cloudwatch.amazonaws.com',
      undefined,
      alarmArns.map((a) => publish(a)),
      'Allowed',
    );
    await expectAll(
      'cloudwatch.amazonaws.com',
      undefined,
      [
        publish(`arn:aws:cloudwatch:${REGION}:${ACCOUNT}:alarm:someone-elses`),
        publish(`arn:aws:cloudwatch:${REGION}:999999999999:alarm:x`, '999999999999'),
      ],
      'ImplicitlyDenied',
    );
    expect(await decide('cloudwatch.amazonaws.com', undefined, publish(alarmArns[0]!, ACCOUNT, 'false'))).toBe('ExplicitlyDenied');
    // …and the alarm topic's key lets CloudWatch encrypt for it, in this account and region only.
    const kms = (sourceArn: string, account = ACCOUNT): Call => ({
      action: 'kms:GenerateDataKey',
      resource: w.key,
      policy: w.keyPolicy,
      context: { 'aws:SourceAccount': account, 'aws:SourceArn': sourceArn },
    });
    expect(await decide('cloudwatch.amazonaws.com', undefined, kms(alarmArns[0]!))).toBe('Allowed');
    expect(
      await decide('cloudwatch.amazonaws.com', undefined, kms(`arn:aws:cloudwatch:${REGION}:999999999999:alarm:x`, '999999999999')),
    ).toBe('ImplicitlyDenied');
  });
});

describe('the service roles', () => {
  test('Step Functions invokes the four stage functions (never route-events) and writes to the DLQ; Scheduler starts the run and writes its dead letters', async () => {
    const w = world();
    const installation = shop;
    const a = installation.auditor;
    const sfnRole = a.run.stateMachine.role;
    const { 'route-events': router, ...stages } = a.functions.byName;
    const functions = Object.values(stages).map((f) => ({ action: 'lambda:InvokeFunction', resource: arn(installation, f) }));
    await expectAll(
      arn(installation, sfnRole),
      identity(installation, sfnRole),
      [{ action: 'lambda:InvokeFunction', resource: arn(installation, router) }],
      'ImplicitlyDenied',
    );
    const dlq = arn(installation, a.deadLetterQueue);
    const dlqCalls: Call[] = [
      { action: 'sqs:SendMessage', resource: dlq },
      { action: 'kms:GenerateDataKey', resource: w.key, policy: w.keyPolicy },
    ];
    await expectAll(arn(installation, sfnRole), identity(installation, sfnRole), [...functions, ...dlqCalls], 'Allowed');
    const scheduler = a.schedule.node.findChild('Role');
    await expectAll(
      arn(installation, scheduler),
      identity(installation, scheduler),
      [{ action: 'states:StartExecution', resource: arn(installation, a.run.stateMachine, 'Ref') }, ...dlqCalls],
      'Allowed',
    );
    await expectAll(arn(installation, scheduler), identity(installation, scheduler), functions, 'ImplicitlyDenied');
  });
});
