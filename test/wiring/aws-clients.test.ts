import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { loadLive } from '../../lambdas/adapters/live/live-kinds';
import { AwsClientFactory } from '../../lambdas/wiring/aws-clients';

// The tooling account's own credentials, read when a client first resolves them.
process.env.AWS_ACCESS_KEY_ID = 'AKIDTOOLING';
process.env.AWS_SECRET_ACCESS_KEY = 'tooling-secret';

const sts = mockClient(STSClient);

describe('clients per account and region', () => {
  test("a target's clients are those of the live kinds loaded so far, each kind's made once it is", async () => {
    const factory = new AwsClientFactory();
    const target = factory.for({ region: 'eu-west-1' });
    // Nothing in this test file has read a source yet: no kind's SDK part is loaded.
    expect(Object.keys(target).sort()).toEqual(['credentials', 'region']);
    await loadLive('ssm');
    const again = factory.for({ region: 'eu-west-1' });
    expect(again).toBe(target);
    expect(Object.keys(again).sort()).toEqual(['credentials', 'region', 'ssm']);
    const ssm = again.ssm;
    await loadLive('ecs');
    const later = factory.for({ region: 'eu-west-1' });
    expect(later.ssm).toBe(ssm);
    expect(Object.keys(later).sort()).toEqual(['autoscaling', 'credentials', 'ecs', 'region', 's3', 'ssm']);
    factory.destroy();
  });

  test('a member environment is read through its read role, assumed once and cached', async () => {
    await loadLive('ssm');
    sts.on(AssumeRoleCommand).resolves({
      Credentials: { AccessKeyId: 'ASIAMEMBER', SecretAccessKey: 's', SessionToken: 't', Expiration: new Date(Date.now() + 3_600_000) },
    });
    const factory = new AwsClientFactory();
    const roleArn = 'arn:aws:iam::222222222222:role/drift-read';
    const member = factory.for({ region: 'eu-west-1', roleArn });
    expect(factory.for({ region: 'eu-west-1', roleArn })).toBe(member);
    expect((await member.credentials()).accessKeyId).toBe('ASIAMEMBER');
    expect((await member.credentials()).accessKeyId).toBe('ASIAMEMBER');
    const calls = sts.commandCalls(AssumeRoleCommand);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.args[0].input).toMatchObject({ RoleArn: roleArn, RoleSessionName: 'drift-audit' });
    expect(await member.ssm.config.region()).toBe('eu-west-1');

    const own = factory.for({ region: 'us-east-1' });
    expect(own).not.toBe(member);
    expect((await own.credentials()).accessKeyId).toBe('AKIDTOOLING');
    factory.destroy();
  });
});

describe('AssumeRole goes to STS in the installation’s region', () => {
  beforeEach(() => {
    sts.reset();
    sts.on(AssumeRoleCommand).resolves({
      Credentials: { AccessKeyId: 'ASIAMEMBER', SecretAccessKey: 's', SessionToken: 't', Expiration: new Date(Date.now() + 3_600_000) },
    });
  });
  const stsRegionOfCall = async (i: number) => (sts.commandCalls(AssumeRoleCommand)[i]!.thisValue as STSClient).config.region();

  test('a member environment in an opt-in region (me-south-1) is assumed through the installation’s region, and read in its own', async () => {
    // An opt-in region must be enabled in the account that calls its STS endpoint: the member enabled it, the installation need not have.
    await loadLive('ssm');
    const factory = new AwsClientFactory(undefined, { stsRegion: 'eu-west-1' });
    const member = factory.for({ region: 'me-south-1', roleArn: 'arn:aws:iam::222222222222:role/drift-read' });
    expect((await member.credentials()).accessKeyId).toBe('ASIAMEMBER');
    expect(await stsRegionOfCall(0)).toBe('eu-west-1');
    expect(await member.ssm.config.region()).toBe('me-south-1');
    factory.destroy();
  });

  test('a region of another partition than the installation’s (a CLI run with another AWS_REGION) is assumed there', async () => {
    const factory = new AwsClientFactory(undefined, { stsRegion: 'eu-west-1' });
    await factory.for({ region: 'cn-north-1', roleArn: 'arn:aws-cn:iam::222222222222:role/drift-read' }).credentials();
    expect(await stsRegionOfCall(0)).toBe('cn-north-1');
    factory.destroy();
  });

  test('without an installation region, in the target’s', async () => {
    const factory = new AwsClientFactory();
    await factory.for({ region: 'eu-central-1', roleArn: 'arn:aws:iam::222222222222:role/drift-read' }).credentials();
    expect(await stsRegionOfCall(0)).toBe('eu-central-1');
    factory.destroy();
  });
});
