import { ACCOUNT, REGION } from './support/estates';
import { buildWith, folderWith, SKIP_BUNDLING } from './support/synth';

// cdk.json pins where the installation runs (README: "best kept in cdk.json"); the shell deploying
// it may default to another region, or hold a member's credentials.
const ESTATE = `version: 1
name: shop
environments:
  home:
    sources:
      - ssm: { path: /home/shop/ }
  west:
    region: us-west-2
    sources:
      - eks: { cluster: west, namespace: shop, workload: api }
  member:
    account: "222222222222"
    roleArn: arn:aws:iam::222222222222:role/drift-read
    sources:
      - ssm: { path: /member/shop/ }
baseline:
  keys:
    port: { type: int, value: 8080 }
`;

describe('-c installationAccount and -c installationRegion say where the installation runs', () => {
  test.each([
    ['credentials defaulting to another region', { account: ACCOUNT, region: 'eu-central-1' }],
    ['a member’s credentials', { account: '222222222222', region: 'eu-central-1' }],
  ])(
    '%s: the installation stack is still theirs, and its other regions are counted from its own',
    async (_, creds) => {
      const dir = folderWith({ 'drift.yaml': ESTATE });
      const built = await buildWith(
        { ...SKIP_BUNDLING, estates: `${dir}/drift.yaml`, installationAccount: ACCOUNT, installationRegion: REGION },
        creds,
      );
      // Deployed anywhere else, it is a second installation the members' events and grants never reach.
      expect({ account: built.installation.account, region: built.installation.region }).toEqual({ account: ACCOUNT, region: REGION });
      // The own account's one other region (us-west-2) gets its stack; the installation's region none.
      expect(built.regions.map((r) => [r.stackName, r.account, r.region])).toEqual([['DriftInstallation-us-west-2', ACCOUNT, 'us-west-2']]);
    },
    120_000,
  );
});
