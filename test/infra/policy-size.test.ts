import * as path from 'node:path';
import type { Stack } from 'aws-cdk-lib';
import { concreteRefs, PSEUDO } from './support/concrete';
import { ACCOUNT, REGION } from './support/estates';
import { buildWith, folderWith, renderValue, resourcesOf, SKIP_BUNDLING } from './support/synth';

// IAM's quotas, counted without whitespace: a role's inline policies together, each managed policy,
// and the managed policies attached to one role (the default quota).
const INLINE_PER_ROLE = 10_240;
const MANAGED_POLICY = 6_144;
const MANAGED_PER_ROLE = 10;

/** An estate of `n` services, each with its own SSM path and ECS service, in the installation's account and in a member's. */
function manyServices(n: number): string {
  const envs = Array.from({ length: n }, (_, i) => {
    const name = `checkout-service-${String(i).padStart(3, '0')}`;
    const own = `  own-${i}:\n    region: ${REGION}\n    sources:\n      - ssm: { path: /services/${name}/production/config/ }\n      - ecs: { cluster: cluster-${i % 10}, service: ${name}, container: api }\n`;
    const member = `  member-${i}:\n    region: eu-west-1\n    account: "222222222222"\n    roleArn: arn:aws:iam::222222222222:role/drift-read\n    sources:\n      - ssm: { path: /services/${name}/production/config/ }\n      - ecs: { cluster: cluster-${i % 10}, service: ${name}, container: api }\n`;
    return own + member;
  });
  return `version: 1\nname: big\nenvironments:\n${envs.join('')}baseline:\n  keys:\n    port: { type: int, value: 8080 }\n`;
}

/** Each role's inline policy characters, its managed policies' characters, and how many managed policies it has. */
function policySizes(stack: Stack): Array<{ role: string; inline: number; managed: number[]; attached: number }> {
  const resources = resourcesOf(stack);
  const render = (doc: unknown) => JSON.stringify(renderValue(doc, concreteRefs(stack), PSEUDO)).length;
  const refs = (r: unknown) => ((r as Array<{ Ref?: string }> | undefined) ?? []).map((x) => x.Ref);
  return Object.entries(resources)
    .filter(([, r]) => r.Type === 'AWS::IAM::Role')
    .map(([id, role]) => {
      const own = ((role.Properties.Policies as Array<{ PolicyDocument: unknown }> | undefined) ?? []).map((p) => render(p.PolicyDocument));
      const attached = Object.values(resources).filter((r) => refs(r.Properties.Roles).includes(id));
      const inline = attached.filter((r) => r.Type === 'AWS::IAM::Policy').map((r) => render(r.Properties.PolicyDocument));
      const managed = attached.filter((r) => r.Type === 'AWS::IAM::ManagedPolicy').map((r) => render(r.Properties.PolicyDocument));
      const awsManaged = ((role.Properties.ManagedPolicyArns as unknown[] | undefined) ?? []).length;
      return { role: id, inline: [...own, ...inline].reduce((a, b) => a + b, 0), managed, attached: managed.length + awsManaged };
    });
}

describe('a large estate still deploys: every role’s policies within IAM’s quotas', () => {
  test('150 services with their own SSM path and ECS service, in the installation’s account and a member’s', async () => {
    const dir = folderWith({ 'drift.yaml': manyServices(150) });
    const built = await buildWith({ ...SKIP_BUNDLING, estates: path.join(dir, 'drift.yaml') }, { account: ACCOUNT, region: REGION });
    const member = built.members.find((m) => m.stackName === 'DriftMemberRead-222222222222-drift-read')!;
    const over = [built.installation, member].flatMap((stack) =>
      policySizes(stack)
        .filter((r) => r.inline > INLINE_PER_ROLE || r.managed.some((m) => m > MANAGED_POLICY) || r.attached > MANAGED_PER_ROLE)
        .map((r) => `${stack.stackName} ${r.role}: inline ${r.inline}, managed [${r.managed.join(', ')}]`),
    );
    expect(over).toEqual([]);
  }, 120_000);
});

/** EventBridge's default quota on an event bus's resource policy (all its statements, in characters). */
const EVENT_BUS_POLICY = 10_240;

/** An estate with one environment in each of `n` member accounts, each read through its own read role. */
function manyAccounts(n: number): string {
  const envs = Array.from({ length: n }, (_, i) => {
    const account = String(300_000_000_000 + i);
    return `  team-${i}:\n    region: ${REGION}\n    account: "${account}"\n    roleArn: arn:aws:iam::${account}:role/drift-read\n    sources:\n      - ssm: { path: /team-${i}/api/ }\n`;
  });
  return `version: 1\nname: org\nenvironments:\n${envs.join('')}`;
}

describe('an organisation of many member accounts still deploys', () => {
  test('40 members: what the installation adds to the default event bus policy stays within its quota, a third of it at most', async () => {
    const dir = folderWith({ 'drift.yaml': manyAccounts(40) });
    const built = await buildWith({ ...SKIP_BUNDLING, estates: path.join(dir, 'drift.yaml') }, { account: ACCOUNT, region: REGION });
    const stack = built.installation;
    const statements = Object.values(resourcesOf(stack))
      .filter((r) => r.Type === 'AWS::Events::EventBusPolicy')
      .map((r) => renderValue(r.Properties.Statement, concreteRefs(stack), PSEUDO));
    const admitted = statements.flatMap((s) => [(s as { Principal: { AWS: string | string[] } }).Principal.AWS].flat());
    expect(admitted).toHaveLength(40);
    // The bus is the account's: other tools' statements share the quota with the installation's.
    const policy = JSON.stringify({ Version: '2012-10-17', Statement: statements });
    expect(policy.length).toBeLessThan(EVENT_BUS_POLICY / 3);
  }, 120_000);
});
