import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { CfnElement } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { parseAllDocuments } from 'yaml';
import { TABLE_SCHEMA } from '../../lambdas/adapters/dynamodb/table-schema';
import { buildDriftApp } from '../../lib/app';
import type { InstallationStack } from '../../lib/installation-stack';

const REPO = path.resolve(__dirname, '../..');
// Real bundling of the four handlers is `npx cdk synth`'s job; these tests only read the template.
const SKIP = { 'drift:skipBundling': true };

/** The example estate's SSM paths, read live (the example itself records them), plus ECS, EKS and a member role. */
const LIVE_ESTATE = `version: 1
name: checkout-live
environments:
  staging:
    region: us-east-1
    sources:
      - ssm: { path: /staging/checkout/ }
      - ecs: { cluster: staging, service: api-server, container: api }
  production-us:
    region: us-east-1
    sources:
      - ssm: { path: /production-us/checkout/ }
  production-eu:
    region: eu-west-1
    account: "222222222222"
    roleArn: arn:aws:iam::222222222222:role/drift-read
    sources:
      - ssm: { path: /production-eu/checkout/ }
      - eks: { cluster: prod-eu, namespace: checkout, workload: checkout-api, container: api }
`;

async function synth(context: Record<string, unknown>): Promise<{ stack: InstallationStack; template: Template; rbac: string }> {
  const { installation, rbacYaml } = await buildDriftApp({
    cwd: REPO,
    context: { ...SKIP, ...context },
    outdir: mkdtempSync(path.join(tmpdir(), 'drift-cdk-')),
  });
  return { stack: installation, template: Template.fromStack(installation), rbac: rbacYaml };
}

const resources = (t: Template, type: string) => Object.values(t.findResources(type)) as Array<{ Properties: Record<string, unknown> }>;

describe('the installation stack of the live example estate', () => {
  let stack: InstallationStack;
  let t: Template;
  beforeAll(async () => {
    ({ stack, template: t } = await synth({
      estates: ['examples/live/drift.yaml'],
      schedule: 'cron(0 3 * * ? *)',
      timezone: 'Europe/Berlin',
      alarmEmail: 'oncall@example.com',
    }));
  });

  test('the table: on-demand, PITR, TTL, encrypted, the events-by-time LSI from TABLE_SCHEMA, retained', () => {
    t.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: {
        BillingMode: 'PAY_PER_REQUEST',
        KeySchema: [
          { AttributeName: TABLE_SCHEMA.partitionKey, KeyType: 'HASH' },
          { AttributeName: TABLE_SCHEMA.sortKey, KeyType: 'RANGE' },
        ],
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
        SSESpecification: { SSEEnabled: true },
        LocalSecondaryIndexes: [
          {
            IndexName: 'events-by-time',
            KeySchema: [
              { AttributeName: 'pk', KeyType: 'HASH' },
              { AttributeName: 'atKey', KeyType: 'RANGE' },
            ],
            Projection: { ProjectionType: 'ALL' },
          },
        ],
        AttributeDefinitions: Match.arrayWith([{ AttributeName: 'atKey', AttributeType: 'S' }]),
      },
    });
  });

  test('the bucket: versioned, encrypted, private, SSL only, runs/ expire; the estate is seeded under estates/', () => {
    t.hasResourceProperties('AWS::S3::Bucket', {
      VersioningConfiguration: { Status: 'Enabled' },
      BucketEncryption: Match.objectLike({}),
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      LifecycleConfiguration: { Rules: Match.arrayWith([Match.objectLike({ Id: 'runs', Prefix: 'runs/', Status: 'Enabled' })]) },
    });
    t.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]),
      },
    });
    // Staged under seed/, then seeded to estates/ by the seeding function (never over a newer publish).
    t.hasResourceProperties('Custom::CDKBucketDeployment', { DestinationBucketKeyPrefix: 'seed/', Prune: false });
    t.hasResourceProperties('Custom::DriftEstateSeeding', { Files: [Match.objectLike({ key: 'checkout-live/drift.yaml' })] });
  });

  test('the topics are KMS-encrypted with a rotating key; the alarm topic mails the given address, and is an output for other subscribers', () => {
    const topics = resources(t, 'AWS::SNS::Topic');
    expect(topics).toHaveLength(2);
    for (const topic of topics) expect(topic.Properties.KmsMasterKeyId).toBeDefined();
    t.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
    t.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'oncall@example.com' });
    const alarmTopic = stack.getLogicalId(stack.auditor.alarms.topic.node.defaultChild as CfnElement);
    t.hasOutput('AlarmTopicArn', { Value: { Ref: alarmTopic } });
  });

  test('the secrets: a Slack placeholder, and a generated fingerprint key that is retained', () => {
    t.resourceCountIs('AWS::SecretsManager::Secret', 2);
    t.hasResource('AWS::SecretsManager::Secret', {
      DeletionPolicy: 'Retain',
      Properties: { GenerateSecretString: { PasswordLength: 64, ExcludePunctuation: true, IncludeSpace: false } },
    });
  });

  test('five functions (the four stages and route-events) on the newest Node.js, arm64, with the contract environment and log retention', () => {
    const fns = resources(t, 'AWS::Lambda::Function').filter((f) => String(f.Properties.Description ?? '').startsWith('drift '));
    expect(fns.map((f) => f.Properties.Description).sort()).toEqual([
      'drift audit-run',
      'drift notify-run',
      'drift plan-run',
      'drift route-events',
      'drift snapshot-target',
    ]);
    for (const fn of fns) {
      expect(fn.Properties).toMatchObject({ Runtime: 'nodejs24.x', Architectures: ['arm64'] });
      const vars = (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
      expect(Object.keys(vars)).toEqual(
        expect.arrayContaining([
          'DRIFT_TABLE',
          'DRIFT_BUCKET',
          'DRIFT_TOPIC_ARN',
          'DRIFT_FINGERPRINT_SECRET_ARN',
          'POWERTOOLS_SERVICE_NAME',
        ]),
      );
      expect(vars.POWERTOOLS_SERVICE_NAME).toBe('drift');
      // plan-run, snapshot-target and audit-run key targets and limiters by it (an environment naming it is read with those that name none).
      expect(vars.DRIFT_ACCOUNT).toEqual({ Ref: 'AWS::AccountId' });
      // Only the notify function reads the Slack webhook secret, so only it is told where it is.
      expect('DRIFT_SLACK_SECRET_ARN' in vars).toBe(fn.Properties.Description === 'drift notify-run');
      expect(fn.Properties.LoggingConfig).toMatchObject({ LogGroup: expect.anything() });
    }
    const groups = resources(t, 'AWS::Logs::LogGroup');
    expect(groups.length).toBeGreaterThanOrEqual(5);
    for (const g of groups) expect(g.Properties.RetentionInDays).toBe(90);
    // CDK's own functions too (the seeding's BucketDeployment handler, its provider framework): a function without a
    // group of its own logs to one Lambda makes at run time, kept forever.
    for (const fn of resources(t, 'AWS::Lambda::Function'))
      expect(fn.Properties.LoggingConfig).toMatchObject({ LogGroup: expect.anything() });
  });

  test('the schedule: EventBridge Scheduler, cron in the time zone, starting the state machine with {}', () => {
    t.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(0 3 * * ? *)',
      ScheduleExpressionTimezone: 'Europe/Berlin',
      FlexibleTimeWindow: { Mode: 'OFF' },
      Target: Match.objectLike({ Arn: { Ref: Match.stringLikeRegexp('RunStateMachine') }, Input: '{}' }),
    });
  });

  test('the state machine: plan → Map(snapshot, Catch → DLQ) → Map(audit, Catch → DLQ) → notify → check, with retries', () => {
    const sm = resources(t, 'AWS::StepFunctions::StateMachine')[0]!;
    const def = JSON.parse(
      stack
        .resolve(sm.Properties.DefinitionString)
        ['Fn::Join'][1].map((p: unknown) => (typeof p === 'string' ? p : 'REF'))
        .join(''),
    ) as {
      StartAt: string;
      States: Record<string, Record<string, unknown>>;
    };
    expect(def.StartAt).toBe('plan-run');
    const plan = def.States['plan-run']!;
    expect(plan.Parameters).toMatchObject({ Payload: { 'runId.$': '$$.Execution.Name' } });
    expect(plan.Retry).toEqual([
      expect.objectContaining({
        ErrorEquals: expect.arrayContaining(['Lambda.ServiceException', 'Lambda.TooManyRequestsException']),
        BackoffRate: 2,
      }),
      expect.objectContaining({ ErrorEquals: ['States.ALL'] }),
    ]);
    const map = def.States['snapshot-targets']!;
    expect(map).toMatchObject({ Type: 'Map', ItemsPath: '$.targets', MaxConcurrency: 4, ResultPath: '$.snapshots' });
    expect(map.ItemSelector).toEqual({ 'runId.$': '$.runId', 'estates.$': '$.estates', 'target.$': '$$.Map.Item.Value' });
    const inner = (map.ItemProcessor as { States: Record<string, Record<string, unknown>> }).States;
    expect(inner['snapshot-target']!.Catch).toEqual([{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'send-failure-to-dlq' }]);
    expect(inner['send-failure-to-dlq']).toMatchObject({
      Type: 'Task',
      Resource: expect.stringContaining('sqs:sendMessage'),
      ResultPath: null,
      Next: 'snapshot-failed',
    });
    expect(inner['send-failure-to-dlq']!.Catch).toEqual([
      { ErrorEquals: ['States.ALL'], ResultPath: '$.deadLetterError', Next: 'snapshot-failed' },
    ]);
    expect(inner['snapshot-failed']).toMatchObject({
      Type: 'Pass',
      Parameters: { 'target.$': '$.target', error: { 'Error.$': '$.error.Error' } },
    });
    const audits = def.States['audit-estates']!;
    expect(audits).toMatchObject({ Type: 'Map', ItemsPath: '$.estates', ResultPath: '$.audits' });
    const perEstate = (audits.ItemProcessor as { States: Record<string, Record<string, unknown>> }).States;
    expect(perEstate['audit-run']).toMatchObject({
      Parameters: { Payload: { 'runId.$': '$.runId', 'estates.$': 'States.Array($.estate)', 'snapshots.$': '$.snapshots' } },
      ResultSelector: { 'value.$': '$.Payload' },
      Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'send-audit-failure-to-dlq' }],
    });
    expect(def.States['notify-run']).toMatchObject({ Parameters: { Payload: { 'runId.$': '$.runId', 'estates.$': '$.estates' } } });
    const order = ['plan-run', 'snapshot-targets', 'audit-estates', 'notify-run', 'check-audits'].map((n) => def.States[n]!.Type);
    expect(order).toEqual(['Task', 'Map', 'Map', 'Task', 'Map']);
  });

  test('the DLQ is encrypted and alarmed; function errors, throttles and failed runs raise alarms', () => {
    t.hasResourceProperties('AWS::SQS::Queue', { KmsMasterKeyId: Match.anyValue() });
    t.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'ApproximateNumberOfMessagesVisible', Threshold: 1 });
    t.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'ExecutionsFailed', Namespace: 'AWS/States' });
    const metrics = resources(t, 'AWS::CloudWatch::Alarm').map((a) => a.Properties.MetricName);
    expect(metrics.filter((m) => m === 'Errors')).toHaveLength(5);
    expect(metrics.filter((m) => m === 'Throttles')).toHaveLength(5);
  });

  test('cdk-nag AwsSolutions reports no unacknowledged error', () => {
    const report = new AwsSolutionsChecks(undefined).validateScope(stack);
    expect(report.violations.filter((v) => v.severity === 'error').map((v) => v.ruleName)).toEqual([]);
  });
});

describe('the installation stack of an estate with live sources', () => {
  let stack: InstallationStack;
  let t: Template;
  let rbac: string;
  beforeAll(async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'drift-live-'));
    writeFileSync(path.join(dir, 'drift.yaml'), LIVE_ESTATE);
    ({
      stack,
      template: t,
      rbac,
    } = await synth({ estates: [path.join(dir, 'drift.yaml')], memberRoles: ['arn:aws:iam::333333333333:role/drift-read'] }));
  });

  const snapshotStatements = () => {
    const policies = t.findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: Match.stringLikeRegexp('SnapshotRole') }] } });
    return Object.values(policies).flatMap((p) =>
      stack.resolve((p as { Properties: { PolicyDocument: { Statement: unknown[] } } }).Properties.PolicyDocument.Statement),
    ) as Array<{
      Sid?: string;
      Action: string | string[];
      Resource: unknown;
      Condition?: unknown;
    }>;
  };
  const bySid = (sid: string) => snapshotStatements().find((s) => s.Sid === sid);
  const join = (...parts: unknown[]) => ({ 'Fn::Join': ['', parts] });

  test('SSM: exactly the declared paths of the environments read directly, DescribeParameters on *', () => {
    expect(bySid('ReadDeclaredParameters')).toEqual({
      Sid: 'ReadDeclaredParameters',
      Effect: 'Allow',
      Action: 'ssm:GetParameters',
      Resource: [
        join('arn:aws:ssm:us-east-1:', { Ref: 'AWS::AccountId' }, ':parameter/production-us/checkout/*'),
        join('arn:aws:ssm:us-east-1:', { Ref: 'AWS::AccountId' }, ':parameter/staging/checkout/*'),
      ],
    });
    expect(bySid('DescribeParameters')).toMatchObject({ Action: 'ssm:DescribeParameters', Resource: '*' });
    // production-eu is read through its member role: no direct grant for its path.
    expect(JSON.stringify(snapshotStatements())).not.toContain('production-eu');
  });

  test('kms:Decrypt only via Parameter Store', () => {
    expect(bySid('DecryptSecureStringsViaSsm')).toMatchObject({
      Action: 'kms:Decrypt',
      Resource: '*',
      Condition: { StringEquals: { 'kms:ViaService': 'ssm.us-east-1.amazonaws.com' } },
    });
  });

  test('ECS: DescribeServices on the declared service; task definitions and scaling on *', () => {
    expect(bySid('DescribeDeclaredServices')).toMatchObject({
      Action: 'ecs:DescribeServices',
      Resource: join('arn:aws:ecs:us-east-1:', { Ref: 'AWS::AccountId' }, ':service/staging/api-server'),
    });
    expect(bySid('DescribeTaskDefinitionsAndScaling')).toMatchObject({
      Action: ['ecs:DescribeTaskDefinition', 'application-autoscaling:DescribeScalableTargets'],
      Resource: '*',
    });
  });

  test('sts:AssumeRole only on the declared member roles', () => {
    const assume = snapshotStatements().filter((s) => [s.Action].flat().includes('sts:AssumeRole'));
    expect(assume).toEqual([
      {
        Sid: 'AssumeMemberReadRoles',
        Effect: 'Allow',
        Action: 'sts:AssumeRole',
        Resource: ['arn:aws:iam::222222222222:role/drift-read', 'arn:aws:iam::333333333333:role/drift-read'],
      },
    ]);
  });

  test('the snapshot role has the fixed name member roles trust', () => {
    t.hasResourceProperties('AWS::IAM::Role', { RoleName: 'drift-snapshot-reader' });
  });

  test('the cluster owners get a namespaced Role that can get named objects only, and list the namespace’s pods', () => {
    const docs = parseAllDocuments(rbac).map(
      (d) =>
        d.toJS() as {
          kind: string;
          metadata: { name: string; namespace: string };
          rules?: Array<{ apiGroups: string[]; resources: string[]; resourceNames?: string[]; verbs: string[] }>;
        },
    );
    expect(docs.map((d) => [d.kind, d.metadata])).toEqual([
      ['Role', { name: 'drift-read-checkout-api', namespace: 'checkout' }],
      ['RoleBinding', { name: 'drift-read-checkout-api', namespace: 'checkout' }],
    ]);
    expect(docs[0]!.rules!.map((r) => [r.resources, r.resourceNames, r.verbs])).toEqual([
      [['daemonsets', 'deployments', 'statefulsets'], ['checkout-api'], ['get']],
      [['cronjobs', 'jobs'], ['checkout-api'], ['get']],
      [['rollouts'], ['checkout-api'], ['get']],
      [['horizontalpodautoscalers'], undefined, ['list']],
      [['pods'], undefined, ['list']],
    ]);
    expect(docs[0]!.rules![4]!.apiGroups).toEqual(['']);
    expect(rbac).toMatch(/authentication mode must allow access entries/);
    const active = rbac.split('\n').filter((l) => !l.trimStart().startsWith('#'));
    expect(active.join('\n')).not.toMatch(/secrets|watch|\*/);
    expect(active.filter((l) => /list/.test(l))).toEqual(['      - list', '      - list']);
    t.hasOutput('ClusterOwnerRbac', {});
  });

  test('cdk-nag AwsSolutions reports no unacknowledged error', () => {
    const report = new AwsSolutionsChecks(undefined).validateScope(stack);
    expect(report.violations.filter((v) => v.severity === 'error').map((v) => v.ruleName)).toEqual([]);
  });
});

describe('the app and a broken estate file', () => {
  test('synth fails with the positioned error drift validate prints', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'drift-broken-'));
    writeFileSync(path.join(dir, 'drift.yaml'), 'version: 1\nenvironments:\n  dev:\n    sourcs: []\n');
    const rel = path.relative(REPO, path.join(dir, 'drift.yaml'));
    const failure = buildDriftApp({ cwd: REPO, context: { ...SKIP, estates: [rel] } });
    await expect(failure).rejects.toThrow(`${rel}:4:5: environments.dev: unknown field "sourcs" (did you mean "sources"?)`);
    await expect(failure).rejects.toMatchObject({ name: 'EstateFileError' });
  });

  test('synth refuses a baseline file named drift.yaml (the bucket reads every one as an estate), at baseline:', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'drift-misnamed-'));
    writeFileSync(path.join(dir, 'drift.yaml'), LIVE_ESTATE.replace(/^baseline:.*$/m, '') + 'baseline: base/drift.yaml\n');
    mkdirSync(path.join(dir, 'base'));
    writeFileSync(path.join(dir, 'base', 'drift.yaml'), 'keys:\n  port: { type: int, value: 8080 }\n');
    const rel = path.relative(REPO, path.join(dir, 'drift.yaml'));
    await expect(buildDriftApp({ cwd: REPO, context: { ...SKIP, estates: [rel] } })).rejects.toThrow(
      /drift\.yaml:\d+:\d+: baseline: the baseline file cannot be named drift\.yaml/,
    );
  });
});
