import * as path from 'node:path';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { InstallationStack } from '../../lib/installation-stack';
import type { MemberReadRoleStack } from '../../lib/member-read-role-stack';
import { ACCOUNT, REGION, SHOP, SHOP_CONTEXT } from './support/estates';
import { buildWith, folderWith, SKIP_BUNDLING } from './support/synth';
import { matchesPattern } from '../helpers/event-pattern';
import {
  deploymentStateChange,
  parameterChange,
  registerTaskDefinitionCall,
  serviceAction,
  updateServiceCall,
  updateServicePrimaryTaskSetCall,
} from '../fixtures/change-events/events';

// "Done when": the synthesized template has the rules, the buffer, its dead-letter queue, and the member forwarding rule.

let installation: InstallationStack;
let members: MemberReadRoleStack[];
let t: Template;

beforeAll(async () => {
  const dir = folderWith({ 'drift.yaml': SHOP });
  ({ installation, members } = await buildWith(
    { ...SKIP_BUNDLING, ...SHOP_CONTEXT, estates: path.join(dir, 'drift.yaml') },
    { account: ACCOUNT, region: REGION },
  ));
  t = Template.fromStack(installation);
});

const PATTERNS = [
  { source: ['aws.ssm'], 'detail-type': ['Parameter Store Change'], detail: { operation: ['Create', 'Delete', 'Update'] } },
  { source: ['aws.ecs'], 'detail-type': ['ECS Deployment State Change'] },
  {
    source: ['aws.ecs'],
    'detail-type': ['AWS API Call via CloudTrail'],
    detail: { eventSource: ['ecs.amazonaws.com'], eventName: ['UpdateService', 'UpdateServicePrimaryTaskSet'] },
  },
];
const bufferId = () => installation.getLogicalId(installation.auditor.changeEvents.queue.node.defaultChild as never);

describe('change events in the installation', () => {
  test('three rules on the default bus send SSM, ECS and CloudTrail ECS-call events to the buffer', () => {
    for (const EventPattern of PATTERNS) {
      t.hasResourceProperties('AWS::Events::Rule', {
        EventPattern,
        State: 'ENABLED',
        Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [bufferId(), 'Arn'] } })],
      });
    }
  });

  test('the buffer is encrypted, TLS-only and redrives to its own dead-letter queue after 5 receives', () => {
    const dlq = installation.getLogicalId(installation.auditor.changeEvents.deadLetterQueue.node.defaultChild as never);
    t.hasResourceProperties('AWS::SQS::Queue', {
      SqsManagedSseEnabled: true,
      VisibilityTimeout: 480,
      RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [dlq, 'Arn'] }, maxReceiveCount: 5 },
    });
    t.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true, MessageRetentionPeriod: 14 * 24 * 3600 });
    t.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [{ Ref: bufferId() }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          // Each rule may send, and only from itself.
          Match.objectLike({
            Effect: 'Allow',
            Action: Match.arrayWith(['sqs:SendMessage']),
            Principal: { Service: 'events.amazonaws.com' },
            Condition: { ArnEquals: { 'aws:SourceArn': Match.anyValue() } },
          }),
        ]),
      },
    });
  });

  test('anything in the buffer’s dead-letter queue raises an alarm', () => {
    const dlq = installation.getLogicalId(installation.auditor.changeEvents.deadLetterQueue.node.defaultChild as never);
    t.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [dlq, 'QueueName'] } }],
      Threshold: 1,
      AlarmActions: [Match.anyValue()],
    });
  });

  test('route-events consumes the buffer in batches gathered for a minute', () => {
    t.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: { 'Fn::GetAtt': [bufferId(), 'Arn'] },
      BatchSize: 100,
      MaximumBatchingWindowInSeconds: 60,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      FunctionName: { Ref: Match.stringLikeRegexp('^DriftFunctionsrouteevents') },
    });
    t.hasResourceProperties('AWS::Lambda::Function', {
      Description: 'drift route-events',
      Environment: { Variables: Match.objectLike({ DRIFT_ACCOUNT: { Ref: 'AWS::AccountId' }, DRIFT_STATE_MACHINE_ARN: Match.anyValue() }) },
    });
  });

  test('the run hands its execution input to plan-run: a targeted run’s estates reach the plan', () => {
    const sm = Object.values(t.findResources('AWS::StepFunctions::StateMachine'))[0]!;
    const parts = (sm.Properties.DefinitionString as { 'Fn::Join': [string, unknown[]] })['Fn::Join'][1];
    const text = parts.map((p) => (typeof p === 'string' ? p : 'REF')).join('');
    const plan = (JSON.parse(text) as { States: Record<string, { Parameters: { Payload: unknown } }> }).States['plan-run']!;
    expect(plan.Parameters.Payload).toEqual({ 'runId.$': '$$.Execution.Name', 'execution.$': '$' });
  });

  test('the default bus admits exactly the declared member accounts', () => {
    const policies = Object.values(t.findResources('AWS::Events::EventBusPolicy')).map((r) => r.Properties);
    expect(policies.map((p) => p.Statement.Principal)).toEqual([
      {
        AWS: [
          { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::222222222222:root']] },
          { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::333333333333:root']] },
        ],
      },
    ]);
    for (const p of policies)
      expect(p).toMatchObject({ EventBusName: 'default', Statement: { Effect: 'Allow', Action: 'events:PutEvents' } });
  });

  test('a member may put only the change events the rules route on the default bus: nothing else of its own making', () => {
    // The installation account's default bus serves every other rule of the account too.
    const policies = Object.values(t.findResources('AWS::Events::EventBusPolicy')).map((r) => r.Properties);
    expect(policies.length).toBeGreaterThan(0);
    for (const p of policies)
      expect(p.Statement.Condition).toEqual({
        'ForAllValues:StringEquals': { 'events:source': ['aws.ecs', 'aws.ssm'] },
        StringEquals: {
          'events:detail-type': ['AWS API Call via CloudTrail', 'ECS Deployment State Change', 'Parameter Store Change'],
        },
      });
  });

  test('cdk-nag AwsSolutions reports no unacknowledged error on the change-event resources', () => {
    const report = new AwsSolutionsChecks(undefined).validateScope(installation.auditor.changeEvents);
    expect(report.violations.filter((v) => v.severity === 'error').map((v) => v.ruleName)).toEqual([]);
  });
});

describe('the rules match the events as AWS sends them', () => {
  const rulePatterns = (template: Template): unknown[] =>
    Object.values(template.findResources('AWS::Events::Rule')).map((r) => r.Properties.EventPattern);
  const matching = (template: Template, event: unknown): number => rulePatterns(template).filter((p) => matchesPattern(p, event)).length;

  test.each([
    ['a Parameter Store Change', parameterChange('/prod/shop/a')],
    ['a parameter deleted', parameterChange('/prod/shop/db/password', { operation: 'Delete' })],
    ['an ECS Deployment State Change', deploymentStateChange('prod', 'api')],
    ['UpdateService via CloudTrail', updateServiceCall('prod', 'api')],
    ['a blue/green deployment’s UpdateServicePrimaryTaskSet via CloudTrail', updateServicePrimaryTaskSetCall('prod', 'api')],
  ])('%s reaches the buffer through one rule, and each member forwards it', (_, event) => {
    expect(matching(t, event)).toBe(1);
    for (const member of members) expect(matching(Template.fromStack(member), event)).toBe(1);
  });

  test.each(['SERVICE_STEADY_STATE', 'TASKS_STOPPED', 'SERVICE_TASK_START_IMPAIRED'])(
    'an ECS Service Action (%s) is neither buffered nor forwarded: the scheduler reports health, repeatedly, and no configuration changed',
    (eventName) => {
      const event = { ...serviceAction('prod', 'api'), detail: { ...serviceAction('prod', 'api').detail, eventName } };
      expect(matching(t, event)).toBe(0);
      for (const member of members) expect(matching(Template.fromStack(member), event)).toBe(0);
    },
  );

  test('a parameter label moved is neither buffered nor forwarded: it changes no value, and a run would read the parameter for nothing', () => {
    const event = parameterChange('/prod/shop/a', { operation: 'LabelParameterVersion' });
    expect(matching(t, event)).toBe(0);
    for (const member of members) expect(matching(Template.fromStack(member), event)).toBe(0);
  });

  test('RegisterTaskDefinition is neither buffered nor forwarded: its request holds every container’s plain environment values, and a revision changes nothing running', () => {
    const event = registerTaskDefinitionCall('api');
    expect(JSON.stringify(event.detail.requestParameters)).toContain('"environment"');
    expect(matching(t, event)).toBe(0);
    for (const member of members) expect(matching(Template.fromStack(member), event)).toBe(0);
  });
});

describe('change events in a member account', () => {
  test('each member stack forwards the same events to the installation’s default bus', () => {
    expect(members.length).toBeGreaterThan(0);
    for (const member of members) {
      const m = Template.fromStack(member);
      for (const EventPattern of PATTERNS) {
        m.hasResourceProperties('AWS::Events::Rule', {
          EventPattern,
          Targets: [
            Match.objectLike({
              Arn: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:events:${REGION}:${ACCOUNT}:event-bus/default`]] },
              RoleArn: Match.anyValue(),
            }),
          ],
        });
      }
    }
  });

  test('synthesized with the member’s credentials (another region): forwards to the installation’s region, given or refused', async () => {
    const dir = folderWith({ 'drift.yaml': SHOP });
    const memberCredentials = { account: '222222222222', region: 'eu-west-1' };
    const context = { ...SKIP_BUNDLING, estates: path.join(dir, 'drift.yaml'), installationAccount: ACCOUNT };
    const refused = await buildWith(context, memberCredentials).then(
      () => 'built',
      (e: Error) => `${e.name}: ${e.message}`,
    );
    expect(refused).toMatch(/^ContextError: .*-c installationRegion=/);
    const built = await buildWith({ ...context, installationRegion: REGION }, memberCredentials);
    const member = Template.fromStack(built.members.find((m) => m.stackName === 'DriftMemberRead-222222222222-drift-read')!);
    member.hasResourceProperties('AWS::Events::Rule', {
      Targets: [
        Match.objectLike({
          Arn: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:events:${REGION}:${ACCOUNT}:event-bus/default`]] },
        }),
      ],
    });
  });

  test('the role forwarding a member’s events may be assumed by EventBridge only for those forwarding rules', () => {
    for (const member of members) {
      const m = Template.fromStack(member);
      const rules = Object.values(m.findResources('AWS::Events::Rule')).map((r) => r.Properties);
      const roles = m.findResources('AWS::IAM::Role');
      for (const rule of rules) {
        const roleId = (rule.Targets[0].RoleArn as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
        const trust = roles[roleId]!.Properties.AssumeRolePolicyDocument.Statement;
        expect(trust).toEqual([
          expect.objectContaining({
            Principal: { Service: 'events.amazonaws.com' },
            Condition: {
              StringEquals: {
                'aws:SourceAccount': expect.anything(),
                'aws:SourceArn': expect.arrayContaining([
                  expect.objectContaining({ 'Fn::Join': ['', expect.arrayContaining([expect.stringContaining(`:rule/${rule.Name}`)])] }),
                ]),
              },
            },
          }),
        ]);
      }
    }
  });

  test('cdk-nag AwsSolutions reports no unacknowledged error on a member stack', () => {
    for (const member of members) {
      const report = new AwsSolutionsChecks(undefined).validateScope(member);
      expect(report.violations.filter((v) => v.severity === 'error').map((v) => v.ruleName)).toEqual([]);
    }
  });
});
