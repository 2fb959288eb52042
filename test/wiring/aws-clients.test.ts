process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
process.env.AWS_ACCESS_KEY_ID = 'AKIDTOOLING';
process.env.AWS_SECRET_ACCESS_KEY = 'tooling-secret';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { loadLive } from '../../lambdas/adapters/live/live-kinds';
import { AwsClientFactory } from '../../lambdas/wiring/aws-clients';

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
