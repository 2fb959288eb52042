import * as path from 'node:path';
import type { Stack } from 'aws-cdk-lib';
import { membersStatementId } from '../../lib/change-events';
import { ACCOUNT, REGION, SHOP, SHOP_CONTEXT } from './support/estates';
import { buildWith, folderWith, resourcesOf, SKIP_BUNDLING } from './support/synth';

// Two installations in one account and region (two teams, `-c stackName` and `-c readerRoleName` on the
// second), auditing the same member account: CloudFormation refuses a resource whose physical name or
// id another stack already holds, so the second one's first deploy would roll back on any shared name.

/** The properties that are a resource's physical name or id, unique in an account and region (IAM: in the account). */
const PHYSICAL_NAMES: Record<string, string[]> = {
  'AWS::Events::EventBusPolicy': ['StatementId'],
  'AWS::Scheduler::ScheduleGroup': ['Name'],
  'AWS::Scheduler::Schedule': ['Name'],
  'AWS::Logs::LogGroup': ['LogGroupName'],
  'AWS::IAM::Role': ['RoleName'],
  'AWS::IAM::ManagedPolicy': ['ManagedPolicyName'],
  'AWS::SQS::Queue': ['QueueName'],
  'AWS::SNS::Topic': ['TopicName'],
  'AWS::Lambda::Function': ['FunctionName'],
  'AWS::DynamoDB::Table': ['TableName'],
  'AWS::S3::Bucket': ['BucketName'],
  'AWS::StepFunctions::StateMachine': ['StateMachineName'],
  'AWS::SecretsManager::Secret': ['Name'],
  'AWS::Events::Rule': ['Name'],
  'AWS::KMS::Alias': ['AliasName'],
};

/** `type name` for every fixed physical name in the stack (names built from the stack's own tokens are its own). */
function physicalNames(stack: Stack): string[] {
  return Object.values(resourcesOf(stack)).flatMap((r) =>
    (PHYSICAL_NAMES[r.Type] ?? []).flatMap((p) => {
      const v = r.Properties?.[p];
      return typeof v === 'string' ? [`${r.Type} ${v}`] : [];
    }),
  );
}

describe('two installations in one account and region, auditing the same member', () => {
  test('share no physical name: the second deploys beside the first', async () => {
    const dir = folderWith({ 'drift.yaml': SHOP });
    const context = { ...SKIP_BUNDLING, ...SHOP_CONTEXT, estates: path.join(dir, 'drift.yaml') };
    const first = await buildWith(context, { account: ACCOUNT, region: REGION });
    const second = await buildWith(
      { ...context, stackName: 'DriftPayments', readerRoleName: 'drift-payments-reader' },
      { account: ACCOUNT, region: REGION },
    );
    expect(second.installation.stackName).toBe('DriftPayments');
    const mine = new Set(physicalNames(first.installation));
    expect(mine.size).toBeGreaterThan(0);
    expect(physicalNames(second.installation).filter((n) => mine.has(n))).toEqual([]);

    // Metrics are account-wide by namespace and dimensions: each alarm reads its own installation's only.
    const services = (stack: Stack) => ({
      emitted: new Set(
        Object.values(resourcesOf(stack))
          .filter((r) => r.Type === 'AWS::Lambda::Function' && r.Properties.Environment)
          .map((r) => (r.Properties.Environment as { Variables: Record<string, unknown> }).Variables.POWERTOOLS_SERVICE_NAME)
          .filter(Boolean),
      ),
      alarmed: new Set(
        Object.values(resourcesOf(stack))
          .filter((r) => r.Type === 'AWS::CloudWatch::Alarm' && r.Properties.Namespace === 'drift')
          .flatMap((r) => (r.Properties.Dimensions as Array<{ Name: string; Value: unknown }>).map((d) => `${d.Name}=${String(d.Value)}`)),
      ),
    });
    expect(services(first.installation)).toEqual({ emitted: new Set(['drift']), alarmed: new Set(['service=drift']) });
    expect(services(second.installation)).toEqual({
      emitted: new Set(['drift-DriftPayments']),
      alarmed: new Set(['service=drift-DriftPayments']),
    });
  }, 120_000);
});

test('two installations whose long stack names (up to 128 characters) begin alike share no physical name either', async () => {
  const dir = folderWith({ 'drift.yaml': SHOP });
  const context = { ...SKIP_BUNDLING, ...SHOP_CONTEXT, estates: path.join(dir, 'drift.yaml') };
  const long = (team: string) => `DriftInstallation-platform-engineering-configuration-audit-${team}`;
  const [first, second] = await Promise.all(
    (['payments', 'checkout'] as const).map((team) =>
      buildWith({ ...context, stackName: long(team), readerRoleName: `drift-${team}-reader` }, { account: ACCOUNT, region: REGION }),
    ),
  );
  const mine = new Set(physicalNames(first!.installation));
  expect(physicalNames(second!.installation).filter((n) => mine.has(n))).toEqual([]);
}, 120_000);

test('the members statement id stays within EventBridge’s 64 characters and distinct for long stack names', () => {
  const long = (end: string) => `Drift${'x'.repeat(100)}${end}`;
  const ids = [long('A'), long('B'), 'DriftInstallation'].map((s) => membersStatementId(s));
  for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
  expect(new Set(ids).size).toBe(3);
  expect(ids[2]).toBe('drift-DriftInstallation-members');
});
