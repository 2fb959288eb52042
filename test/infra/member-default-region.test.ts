import { Template } from 'aws-cdk-lib/assertions';
import { ACCOUNT, REGION } from './support/estates';
import { buildWith, folderWith, SKIP_BUNDLING } from './support/synth';

// A member environment that declares no region is read where the installation runs (plan-run's
// default region is its function's). Its read role's stack must grant, map and forward there, not in
// whatever region the member's credentials happen to default to when it is deployed.
const ESTATE = `version: 1
name: noregion
environments:
  production:
    account: "222222222222"
    roleArn: arn:aws:iam::222222222222:role/drift-read
    sources:
      - ssm: { path: /production/app/ }
      - eks: { cluster: prod, namespace: app, workload: api }
baseline:
  keys:
    port: { type: int, value: 8080 }
`;

const statements = (t: Template): Array<{ Sid?: string; Resource?: unknown; Condition?: unknown }> =>
  Object.values(t.findResources('AWS::IAM::Policy')).flatMap((p) => p.Properties.PolicyDocument.Statement);

describe('a member environment without a region', () => {
  test.each([
    ['with the installation’s credentials', { account: ACCOUNT, region: REGION }, {}],
    [
      'with the member’s credentials (another default region)',
      { account: '222222222222', region: 'eu-west-1' },
      { installationAccount: ACCOUNT, installationRegion: REGION },
    ],
  ])(
    '%s: its read role’s stack is in the installation’s region, granting and mapping there',
    async (_, creds, context) => {
      const dir = folderWith({ 'drift.yaml': ESTATE });
      const built = await buildWith({ ...SKIP_BUNDLING, ...context, estates: `${dir}/drift.yaml` }, creds);
      const [member] = built.members;
      expect(member!.region).toBe(REGION);
      const t = Template.fromStack(member!);
      expect(statements(t).find((s) => s.Sid === 'ReadDeclaredParameters')?.Resource).toBe(
        `arn:aws:ssm:${REGION}:222222222222:parameter/production/app/*`,
      );
      // The cluster's access entry is made unconditionally in its region.
      const entries = Object.values(t.findResources('AWS::EKS::AccessEntry'));
      expect(entries.map((e) => [e.Properties.ClusterName, e.Condition])).toEqual([['prod', undefined]]);
      expect(built.regions).toEqual([]);
    },
    120_000,
  );
});
