import * as path from 'node:path';
import type { CfnElement, Stack } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { runSimulation } from '@cloud-copilot/iam-simulate';
import type { InstallationStack } from '../../lib/installation-stack';
import type { MemberReadRoleStack } from '../../lib/member-read-role-stack';
import { concreteRefs, PSEUDO } from './support/concrete';
import { ACCOUNT, MEMBER_ROLE, REGION } from './support/estates';
import { buildWith, folderWith, roleStatements, SKIP_BUNDLING, type Statement } from './support/synth';

// An installation reading AppConfig live, in its own account and in a member's: each call the
// collector makes is allowed on the declared profile, and denied on the profile, environment or
// application next to it.

const ESTATE = `version: 1
name: checkout
environments:
  staging:
    region: ${REGION}
    sources:
      - appconfig: { application: k3x9q2m, environment: s2h8v5n, profile: c4f6j1r }
  production:
    region: eu-west-1
    account: "222222222222"
    roleArn: ${MEMBER_ROLE}
    sources:
      - appconfig: { application: k3x9q2m, environment: p7d1w4s, profile: f9b3t7e }
`;

let installation: InstallationStack;
let member: MemberReadRoleStack;
beforeAll(async () => {
  const dir = folderWith({ 'drift.yaml': ESTATE });
  const built = await buildWith({ ...SKIP_BUNDLING, estates: path.join(dir, 'drift.yaml') }, { account: ACCOUNT, region: REGION });
  installation = built.installation;
  member = built.members.find((m) => m.stackName === 'DriftMemberRead-222222222222-drift-read')!;
});

const statementsOf = (stack: Stack, role: IConstruct, pseudo: Record<string, string>): Statement[] =>
  roleStatements(stack, stack.getLogicalId(role.node.defaultChild as CfnElement), concreteRefs(stack), pseudo);
const appConfigOnly = (xs: Statement[]) => xs.filter((s) => s.Action.some((a) => a.startsWith('appconfig:')));

async function decide(statements: Statement[], action: string, resource: string, account: string): Promise<string> {
  const r = await runSimulation(
    {
      identityPolicies: [{ name: 'role', policy: { Version: '2012-10-17', Statement: statements } as never }],
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      request: {
        action,
        principal: `arn:aws:iam::${account}:role/drift-reader`,
        resource: { accountId: account, resource },
        contextVariables: { 'aws:SecureTransport': 'true' },
      },
    },
    {},
  );
  if (r.resultType === 'error') throw new Error(`${action} ${resource}: ${JSON.stringify(r.errors)}`);
  return r.overallResult;
}

/** Every call of the collector on `app/env/profile` in `at` (region:account), as `action resource → decision` lines. */
async function decisions(statements: Statement[], at: string, account: string, ids: [string, string, string]): Promise<string[]> {
  const [app, env, profile] = ids;
  const application = `arn:aws:appconfig:${at}:application/${app}`;
  const environment = `${application}/environment/${env}`;
  const calls: Array<[string, string]> = [
    ['appconfig:StartConfigurationSession', `${environment}/configuration/${profile}`],
    ['appconfig:GetLatestConfiguration', `${environment}/configuration/${profile}`],
    ['appconfig:ListDeployments', environment],
    ['appconfig:GetDeployment', `${environment}/deployment/14`],
  ];
  return Promise.all(
    calls.map(async ([action, resource]) => `${action} ${resource} → ${await decide(statements, action, resource, account)}`),
  );
}

const all = (lines: string[], outcome: string) => lines.map((l) => `${l.slice(0, l.lastIndexOf(' → '))} → ${outcome}`);

describe('AppConfig read access', () => {
  test('the snapshot function reads the declared profile in its own account, and nothing next to it', async () => {
    const role = installation.auditor.functions.byName['snapshot-target'].role!;
    const statements = statementsOf(installation, role, PSEUDO);
    const application = `arn:aws:appconfig:${REGION}:${ACCOUNT}:application/k3x9q2m`;
    expect(appConfigOnly(statements)).toEqual([
      {
        Effect: 'Allow',
        Action: ['appconfig:GetDeployment'],
        Resource: [application, `${application}/environment/s2h8v5n`, `${application}/environment/s2h8v5n/deployment/*`],
      },
      {
        Effect: 'Allow',
        Action: ['appconfig:GetLatestConfiguration', 'appconfig:StartConfigurationSession'],
        Resource: [`${application}/environment/s2h8v5n/configuration/c4f6j1r`],
      },
      { Effect: 'Allow', Action: ['appconfig:ListDeployments'], Resource: [application, `${application}/environment/s2h8v5n`] },
    ]);
    const at = `${REGION}:${ACCOUNT}`;
    const allowed = await decisions(statements, at, ACCOUNT, ['k3x9q2m', 's2h8v5n', 'c4f6j1r']);
    expect(allowed).toEqual(all(allowed, 'Allowed'));
    const otherProfile = await decisions(statements, at, ACCOUNT, ['k3x9q2m', 's2h8v5n', 'zzzzzzz']);
    expect(otherProfile.slice(0, 2)).toEqual(all(otherProfile.slice(0, 2), 'ImplicitlyDenied'));
    for (const ids of [
      ['k3x9q2m', 'p7d1w4s', 'c4f6j1r'],
      ['a1b2c3d', 's2h8v5n', 'c4f6j1r'],
    ] as Array<[string, string, string]>) {
      const denied = await decisions(statements, at, ACCOUNT, ids);
      expect(denied).toEqual(all(denied, 'ImplicitlyDenied'));
    }
  });

  test("the member's read role reads the member's declared profile in its region", async () => {
    const MEMBER = '222222222222';
    const statements = statementsOf(member, member.role, { ...PSEUDO, 'AWS::AccountId': MEMBER, 'AWS::Region': 'eu-west-1' });
    const allowed = await decisions(statements, `eu-west-1:${MEMBER}`, MEMBER, ['k3x9q2m', 'p7d1w4s', 'f9b3t7e']);
    expect(allowed).toEqual(all(allowed, 'Allowed'));
    const elsewhere = await decisions(statements, `${REGION}:${MEMBER}`, MEMBER, ['k3x9q2m', 'p7d1w4s', 'f9b3t7e']);
    expect(elsewhere).toEqual(all(elsewhere, 'ImplicitlyDenied'));
  });
});
