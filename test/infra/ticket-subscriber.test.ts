import type { CfnElement, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { InstallationStack } from '../../lib/installation-stack';
import { ACCOUNT, REGION } from './support/estates';
import { buildWith, resourcesOf, roleStatements, SKIP_BUNDLING } from './support/synth';

const GITHUB = 'github:acme/platform';
const ESTATES = { estates: 'examples/live/drift.yaml' };
const build = async (context: Record<string, unknown>) =>
  (await buildWith({ ...SKIP_BUNDLING, ...ESTATES, ...context }, { account: ACCOUNT, region: REGION })).installation;

const functionsOf = (t: Template) =>
  Object.values(t.findResources('AWS::Lambda::Function')).map((f) => f.Properties as Record<string, unknown> & { Description?: string });
const syncTickets = (t: Template) => functionsOf(t).find((f) => f.Description === 'drift sync-tickets');
const envOf = (t: Template) => (syncTickets(t)!.Environment as { Variables: Record<string, unknown> }).Variables;
const idOf = (stack: Stack, c: { node: { defaultChild?: unknown } }) => stack.getLogicalId(c.node.defaultChild as CfnElement);

describe('without `tickets` context', () => {
  test('the installation has no ticket subscriber: no function, queue, subscription, token secret or alarm', async () => {
    const stack = await build({});
    const t = Template.fromStack(stack);
    expect(stack.auditor.tickets).toBeUndefined();
    expect(stack.auditor.secrets.ticketsToken).toBeUndefined();
    expect(syncTickets(t)).toBeUndefined();
    t.resourceCountIs('AWS::SNS::Subscription', 0);
    t.resourceCountIs('AWS::SecretsManager::Secret', 2);
    // The run's dead-letter queue and the change-event buffer with its own.
    t.resourceCountIs('AWS::SQS::Queue', 3);
    const template = t.toJSON() as { Resources: object; Outputs: object };
    expect([...Object.keys(template.Resources), ...Object.keys(template.Outputs)].filter((id) => /ticket/i.test(id))).toEqual([]);
    expect(JSON.stringify(template)).not.toContain('DRIFT_TICKETS');
  });
});

describe('with `-c tickets=github:OWNER/REPO`', () => {
  let stack: InstallationStack;
  let t: Template;
  beforeAll(async () => {
    stack = await build({ tickets: GITHUB, reportBaseUrl: 'https://drift.example.com/reports/' });
    t = Template.fromStack(stack);
  });

  test('sync-tickets: 512 MB, one minute, the tracker as JSON, the token secret, the report base URL', () => {
    expect(syncTickets(t)).toMatchObject({ MemorySize: 512, Timeout: 60, Architectures: ['arm64'] });
    const env = envOf(t);
    expect(JSON.parse(env.DRIFT_TICKETS as string)).toEqual({ tracker: 'github', repo: 'acme/platform' });
    expect(env.DRIFT_TICKETS_SECRET_ARN).toEqual({ Ref: idOf(stack, stack.auditor.secrets.ticketsToken as never) });
    expect(env.DRIFT_REPORT_BASE_URL).toBe('https://drift.example.com/reports');
    expect(env).toMatchObject({ DRIFT_TABLE: expect.anything(), DRIFT_BUCKET: expect.anything(), POWERTOOLS_SERVICE_NAME: 'drift' });
  });

  test('the token secret is created with the placeholder, like the Slack one; outputs name it and the dead-letter queue', () => {
    t.resourceCountIs('AWS::SecretsManager::Secret', 3);
    t.hasResourceProperties('AWS::SecretsManager::Secret', {
      Description: Match.stringLikeRegexp('issue tracker token'),
      SecretString: 'not-configured',
    });
    expect(Object.keys(t.findOutputs('*')).filter((o) => o.startsWith('Tickets'))).toEqual([
      'TicketsSecretArn',
      'TicketsDeadLetterQueueUrl',
    ]);
  });

  test('the queue: SSE-SQS, TLS only, six times the function timeout, eight receives before its dead-letter queue (14 days)', () => {
    const queueId = idOf(stack, stack.auditor.tickets!.queue);
    const dlqId = idOf(stack, stack.auditor.tickets!.deadLetterQueue);
    const resources = resourcesOf(stack);
    expect(resources[queueId]!.Properties).toMatchObject({
      SqsManagedSseEnabled: true,
      VisibilityTimeout: 360,
      RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [dlqId, 'Arn'] }, maxReceiveCount: 8 },
    });
    expect(resources[dlqId]!.Properties).toMatchObject({ SqsManagedSseEnabled: true, MessageRetentionPeriod: 14 * 24 * 3600 });
    for (const id of [queueId, dlqId]) {
      t.hasResourceProperties('AWS::SQS::QueuePolicy', {
        Queues: [{ Ref: id }],
        PolicyDocument: {
          Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]),
        },
      });
    }
  });

  test('the subscription: the findings topic, raw delivery, only opened, escalated and resolved (any severity); SNS may send to the queue', () => {
    const topic = { Ref: idOf(stack, stack.auditor.topic) };
    const queueId = idOf(stack, stack.auditor.tickets!.queue);
    t.resourceCountIs('AWS::SNS::Subscription', 1);
    t.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'sqs',
      TopicArn: topic,
      Endpoint: { 'Fn::GetAtt': [queueId, 'Arn'] },
      RawMessageDelivery: true,
      FilterPolicy: { event: ['opened', 'escalated', 'resolved'] },
    });
    t.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [{ Ref: queueId }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Allow',
            Action: 'sqs:SendMessage',
            Principal: { Service: 'sns.amazonaws.com' },
            Condition: { ArnEquals: { 'aws:SourceArn': topic } },
          }),
        ]),
      },
    });
  });

  test('the event source: batches of ten, partial batch failures, at most two at once', () => {
    t.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: { 'Fn::GetAtt': [idOf(stack, stack.auditor.tickets!.queue), 'Arn'] },
      FunctionName: { Ref: idOf(stack, stack.auditor.functions.optional['sync-tickets']!) },
      BatchSize: 10,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      ScalingConfig: { MaximumConcurrency: 2 },
    });
  });

  test('alarms: the dead-letter queue says tickets are late and what to do; the function’s errors and throttles', () => {
    const alarms = Object.values(t.findResources('AWS::CloudWatch::Alarm')).map((a) => a.Properties as Record<string, unknown>);
    const dlqAlarm = alarms.find((a) => /tickets are late/.test(String(a.AlarmDescription)));
    expect(dlqAlarm).toMatchObject({
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [idOf(stack, stack.auditor.tickets!.deadLetterQueue), 'QueueName'] } }],
    });
    expect(String(dlqAlarm!.AlarmDescription)).toMatch(/token/);
    expect(String(dlqAlarm!.AlarmDescription)).toMatch(/redrive/);
    const descriptions = alarms.map((a) => a.AlarmDescription);
    expect(descriptions).toEqual(
      expect.arrayContaining(['drift sync-tickets: the function failed', 'drift sync-tickets: invocations were throttled']),
    );
  });

  test('its role: estates, the ledger’s items only (Get, Put, Query), its token, its queue; nothing else', () => {
    const role = stack.auditor.functions.optional['sync-tickets']!.role!;
    const readable = (id: string, attr: string) => `<${id.replace(/[0-9A-F]{8}$/, '')}${attr === 'Ref' ? '' : `.${attr}`}>`;
    const statements = roleStatements(stack, idOf(stack, role), readable, { 'AWS::Partition': 'aws' });
    expect(statements).toEqual(
      [
        { Action: ['s3:GetObject', 's3:GetObjectVersion'], Resource: ['<DriftEstatesBucket.Arn>/estates/*'] },
        { Action: ['s3:ListBucket'], Resource: ['<DriftEstatesBucket.Arn>'], Condition: { StringLike: { 's3:prefix': ['estates/*'] } } },
        {
          Action: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query'],
          Resource: ['<DriftStoreTable.Arn>'],
          Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['TICKET#*'] } },
        },
        { Action: ['secretsmanager:GetSecretValue'], Resource: ['<DriftSecretsTicketsToken>'] },
        {
          Action: ['sqs:ChangeMessageVisibility', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:ReceiveMessage'],
          Resource: ['<DriftTicketsQueue.Arn>'],
        },
      ]
        .map((s) => ({ Effect: 'Allow', ...s }))
        .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
    );
  });

  test('cdk-nag AwsSolutions reports no unacknowledged error', () => {
    const report = new AwsSolutionsChecks(undefined).validateScope(stack);
    expect(report.violations.filter((v) => v.severity === 'error').map((v) => v.ruleName)).toEqual([]);
  });
});

describe('the tracker from cdk.json (an object) and an existing token secret', () => {
  const SECRET = `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:drift/jira-AbCdEf`;

  test('Jira with its optional settings reaches the function; the given secret is read, none is created', async () => {
    const stack = await build({
      tickets: {
        tracker: 'jira',
        site: 'https://acme.atlassian.net/',
        project: 'OPS',
        closeTransition: 'Resolve',
        priorities: { critical: 'P1' },
      },
      ticketsSecretArn: SECRET,
    });
    const t = Template.fromStack(stack);
    t.resourceCountIs('AWS::SecretsManager::Secret', 2);
    const env = envOf(t);
    expect(JSON.parse(env.DRIFT_TICKETS as string)).toEqual({
      tracker: 'jira',
      site: 'https://acme.atlassian.net',
      project: 'OPS',
      issueType: 'Task',
      closeTransition: 'Resolve',
      priorities: { critical: 'P1', high: 'High', medium: 'Medium', low: 'Low', info: 'Lowest' },
    });
    expect(env.DRIFT_TICKETS_SECRET_ARN).toBe(SECRET);
    const role = stack.auditor.functions.optional['sync-tickets']!.role!;
    expect(roleStatements(stack, idOf(stack, role), (id) => `<${id}>`, { 'AWS::Partition': 'aws' })).toContainEqual({
      Effect: 'Allow',
      Action: ['secretsmanager:GetSecretValue'],
      Resource: [SECRET],
    });
  });
});

describe('bad ticket context stops synth with a ContextError saying what to write', () => {
  test.each([
    ['an unknown tracker', { tickets: 'gitlab:acme/platform' }, '-c tickets: the value is not a tracker'],
    ['a repository without its owner', { tickets: 'github:platform' }, 'repo: OWNER/REPOSITORY'],
    ['a Jira site over http', { tickets: 'jira:http://acme.atlassian.net/OPS' }, 'site: an https:// URL'],
    ['JSON that does not parse', { tickets: '{"tracker":' }, '-c tickets: the value is not JSON'],
    [
      'an incomplete secret ARN',
      { tickets: GITHUB, ticketsSecretArn: `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:drift` },
      'is not the complete ARN of a secret',
    ],
    [
      'a token secret without a tracker',
      { ticketsSecretArn: `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:drift-AbCdEf` },
      '-c ticketsSecretArn: given without -c tickets',
    ],
  ])('%s', async (_what, context, message) => {
    await expect(build(context)).rejects.toMatchObject({ name: 'ContextError', message: expect.stringContaining(message) });
  });
});
