import { Template } from 'aws-cdk-lib/assertions';
import { ACCOUNT, REGION } from './support/estates';
import { buildWith, folderWith, SKIP_BUNDLING } from './support/synth';

// An environment read through a role in the installation's own account (README: "a read role in the
// installation's own account needs -c installationAccount"), in the installation's region.
const OWN = `version: 1
name: own
environments:
  prod:
    region: ${REGION}
    account: "${ACCOUNT}"
    roleArn: arn:aws:iam::${ACCOUNT}:role/drift-read
    sources:
      - ssm: { path: /prod/ }
`;

describe("a read role in the installation's own account and region", () => {
  test('its stack forwards no change events: they are already on the bus the installation listens to, and a rule back to that bus would loop them', async () => {
    const dir = folderWith({ 'drift.yaml': OWN });
    const built = await buildWith(
      { ...SKIP_BUNDLING, estates: `${dir}/drift.yaml`, installationAccount: ACCOUNT },
      { account: ACCOUNT, region: REGION },
    );
    const [member] = built.members;
    expect(member!.stackName).toBe(`DriftMemberRead-${ACCOUNT}-drift-read`);
    const t = Template.fromStack(member!);
    t.resourceCountIs('AWS::Events::Rule', 0);
    t.resourceCountIs('AWS::IAM::Role', 1);
    // The installation itself still routes this account's events.
    Template.fromStack(built.installation).resourceCountIs('AWS::Events::Rule', 3);
  });
});
