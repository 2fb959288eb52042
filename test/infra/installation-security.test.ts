import * as path from 'node:path';
import type { CfnElement } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { runSimulation } from '@cloud-copilot/iam-simulate';
import type { IConstruct } from 'constructs';
import type { InstallationStack } from '../../lib/installation-stack';
import { METRICS, NOTIFY_METRICS } from '../../lambdas/use-cases/metric-names';
import { concreteRefs, PSEUDO } from './support/concrete';
import { ACCOUNT, SHOP, SHOP_CONTEXT, REGION } from './support/estates';
import { buildWith, folderWith, renderValue, resourcesOf, roleStatements, SKIP_BUNDLING, type Statement } from './support/synth';

// What an installation does for its secrets and its deliveries, read from the synthesized stack.
let stack: InstallationStack;
beforeAll(async () => {
  const dir = folderWith({ 'drift.yaml': SHOP });
  stack = (
    await buildWith({ ...SKIP_BUNDLING, ...SHOP_CONTEXT, estates: path.join(dir, 'drift.yaml') }, { account: ACCOUNT, region: REGION })
  ).installation;
});

const idOf = (c: IConstruct) => stack.getLogicalId(c.node.defaultChild as CfnElement);

async function decide(principal: string, statements: Statement[], secretArn: string, resourcePolicy: unknown): Promise<string> {
  const r = await runSimulation(
    {
      identityPolicies: [{ name: 'role', policy: { Version: '2012-10-17', Statement: statements } as never }],
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      resourcePolicy: resourcePolicy as never,
      // The simulator does not derive aws:PrincipalArn from the principal, as AWS does: it is given.
      request: {
        action: 'secretsmanager:GetSecretValue',
        principal,
        resource: { accountId: ACCOUNT, resource: secretArn },
        contextVariables: { 'aws:SecureTransport': 'true', 'aws:PrincipalArn': principal },
      },
    },
    {},
  );
  if (r.resultType === 'error') throw new Error(JSON.stringify(r.errors));
  return r.overallResult;
}

// The fingerprint key keeps fingerprints from being guessed offline: only the function that
// fingerprints reads it, whatever broad grants other roles of the account hold.
describe('the fingerprint key secret', () => {
  test('has a resource policy: the snapshot function reads it, an administrator of the account does not', async () => {
    const secret = stack.auditor.secrets.fingerprintKey;
    const secretId = idOf(secret);
    const attached = Object.values(resourcesOf(stack)).find(
      (r) => r.Type === 'AWS::SecretsManager::ResourcePolicy' && (r.Properties.SecretId as { Ref?: string }).Ref === secretId,
    );
    expect(attached).toBeDefined();
    const refs = concreteRefs(stack);
    const policy = renderValue(attached!.Properties.ResourcePolicy, refs, PSEUDO);
    const secretArn = refs(secretId, 'Ref');
    const fns = stack.auditor.functions.byName;
    const snapshot = refs(idOf(fns['snapshot-target'].role!), 'Arn');
    expect(await decide(snapshot, roleStatements(stack, idOf(fns['snapshot-target'].role!), refs, PSEUDO), secretArn, policy)).toBe(
      'Allowed',
    );

    const admin: Statement[] = [{ Effect: 'Allow', Action: ['*'], Resource: ['*'] }];
    expect(await decide(`arn:aws:iam::${ACCOUNT}:role/Admin`, admin, secretArn, policy)).toBe('ExplicitlyDenied');
    for (const name of ['plan-run', 'audit-run', 'notify-run'] as const) {
      expect(
        await decide(
          refs(idOf(fns[name].role!), 'Arn'),
          [...roleStatements(stack, idOf(fns[name].role!), refs, PSEUDO), ...admin],
          secretArn,
          policy,
        ),
      ).toBe('ExplicitlyDenied');
    }
    Template.fromStack(stack).resourceCountIs('AWS::SecretsManager::ResourcePolicy', 1);
  });
});

describe('deliveries that fail', () => {
  test('failed SNS publishes, failed digests and failed immediate messages raise alarms, on the metrics notify-run emits', () => {
    const t = Template.fromStack(stack);
    for (const metric of [NOTIFY_METRICS.snsFailed, NOTIFY_METRICS.digestsFailed, NOTIFY_METRICS.immediateFailed]) {
      t.hasResourceProperties('AWS::CloudWatch::Alarm', {
        MetricName: metric,
        Namespace: METRICS.namespace,
        Dimensions: [{ Name: 'service', Value: METRICS.service }],
        Statistic: 'Sum',
        Threshold: 1,
        AlarmActions: [{ Ref: Match.stringLikeRegexp('AlarmsTopic') }],
      });
    }
    const functions = Object.values(
      t.findResources('AWS::Lambda::Function', { Properties: { Description: Match.stringLikeRegexp('^drift ') } }),
    );
    expect(functions).toHaveLength(5);
    for (const f of functions) {
      expect((f as { Properties: { Environment: { Variables: Record<string, string> } } }).Properties.Environment.Variables).toMatchObject({
        POWERTOOLS_SERVICE_NAME: METRICS.service,
        POWERTOOLS_METRICS_NAMESPACE: METRICS.namespace,
      });
    }
  });
});
