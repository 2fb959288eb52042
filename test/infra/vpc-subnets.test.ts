import * as path from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { ACCOUNT, REGION, SHOP } from './support/estates';
import { buildWith, folderWith, SKIP_BUNDLING } from './support/synth';

// -c vpcId (private EKS endpoints): the snapshot function runs in the VPC's private subnets. A VPC
// for private clusters often has no NAT, only isolated subnets and VPC endpoints.

const VPC = 'vpc-0123456789abcdef0';
/** What `cdk synth` caches for Vpc.fromLookup (cdk.context.json). */
const LOOKUP = `vpc-provider:account=${ACCOUNT}:filter.vpc-id=${VPC}:region=${REGION}:returnAsymmetricSubnets=true`;

const group = (type: 'Public' | 'Private' | 'Isolated', first: number) => ({
  name: type,
  type,
  subnets: [0, 1].map((i) => ({
    subnetId: `subnet-0${type.toLowerCase()}${i}`,
    cidr: `10.0.${first + i}.0/24`,
    availabilityZone: `${REGION}${'ab'[i]}`,
    routeTableId: `rtb-0${type.toLowerCase()}${i}`,
  })),
});
const lookup = (...subnetGroups: ReturnType<typeof group>[]) => ({
  vpcId: VPC,
  vpcCidrBlock: '10.0.0.0/16',
  ownerAccountId: ACCOUNT,
  availabilityZones: [],
  subnetGroups,
});

async function snapshotSubnets(vpc: ReturnType<typeof lookup>): Promise<unknown> {
  const dir = folderWith({ 'drift.yaml': SHOP });
  const built = await buildWith(
    { ...SKIP_BUNDLING, estates: path.join(dir, 'drift.yaml'), vpcId: VPC, [LOOKUP]: vpc },
    { account: ACCOUNT, region: REGION },
  );
  const fns = Object.values(Template.fromStack(built.installation).findResources('AWS::Lambda::Function'));
  return fns.flatMap((f) => (f.Properties.VpcConfig ? [f.Properties.VpcConfig.SubnetIds] : []));
}

describe('the snapshot function in -c vpcId', () => {
  test('runs in the private subnets (with egress) when the VPC has them', async () => {
    expect(await snapshotSubnets(lookup(group('Public', 0), group('Private', 10), group('Isolated', 20)))).toEqual([
      ['subnet-0private0', 'subnet-0private1'],
    ]);
  }, 120_000);

  test('runs in the isolated subnets of a VPC without NAT (VPC endpoints), rather than failing synth', async () => {
    expect(await snapshotSubnets(lookup(group('Isolated', 20)))).toEqual([['subnet-0isolated0', 'subnet-0isolated1']]);
  }, 120_000);

  test('a VPC with public subnets only stops synth naming -c vpcId (a function there reaches nothing)', async () => {
    await expect(snapshotSubnets(lookup(group('Public', 0)))).rejects.toMatchObject({
      name: 'ContextError',
      message: expect.stringContaining(`-c vpcId=${VPC}`),
    });
  }, 120_000);

  test('a synth without credentials (no account or region to look the VPC up in) stops naming -c vpcId, not with a stack trace', async () => {
    const dir = folderWith({ 'drift.yaml': SHOP });
    const estates = path.join(dir, 'drift.yaml');
    for (const where of [{}, { account: ACCOUNT }, { region: REGION }]) {
      const err = await buildWith({ ...SKIP_BUNDLING, estates, vpcId: VPC }, where).catch((e: unknown) => e);
      expect(err).toMatchObject({
        name: 'ContextError',
        message: expect.stringMatching(/^-c vpcId=vpc-0123456789abcdef0: .*-c installationRegion$/),
      });
    }
  });
});
