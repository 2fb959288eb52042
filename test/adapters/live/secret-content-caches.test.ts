process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
import { DescribeParametersCommand, GetParametersCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { SsmCollector } from '../../../lambdas/adapters/live/ssm/ssm-collector';
import type { Observation } from '../../../lambdas/core/model';
import { testContext, testLabel } from '../../helpers/context';

describe('what live collectors keep across runs never holds a credential by content', () => {
  it('a plain value stored by an earlier drift that is a credential by content is read again, not reused', async () => {
    const client = new SSMClient({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });
    const mock = mockClient(client);
    const path = '/production/shop/';
    const meta = [
      { Name: `${path}payments`, Type: 'String' as const, Version: 3 },
      { Name: `${path}log_level`, Type: 'String' as const, Version: 1 },
    ];
    mock.on(DescribeParametersCommand).resolves({ Parameters: meta });
    mock.on(GetParametersCommand).callsFake((input: { Names: string[] }) => ({
      Parameters: input.Names.map((n) => ({
        Name: n,
        Type: 'String',
        Version: n.endsWith('payments') ? 3 : 1,
        Value: n.endsWith('payments') ? 'sk_live_CANARYstr1pe9xQ2mLk7PzR4vW' : 'INFO',
      })),
    }));
    const ctx = testContext(testLabel('ssm'));
    const previous: Observation[] = [
      {
        key: 'payments',
        rawKey: `${path}payments`,
        value: { kind: 'text', text: 'sk_live_CANARYstr1pe9xQ2mLk7PzR4vW' },
        origin: { source: ctx.source, location: `${path}payments`, version: 3 },
      },
      {
        key: 'log.level',
        rawKey: `${path}log_level`,
        value: { kind: 'text', text: 'INFO' },
        origin: { source: ctx.source, location: `${path}log_level`, version: 1 },
      },
    ];
    const r = await new SsmCollector({ ssm: client, limit: (_f, call) => call() }).collect(path, ctx, async () => previous);
    expect(mock.commandCalls(GetParametersCommand).flatMap((c) => c.args[0].input.Names)).toEqual([`${path}payments`]);
    expect(r.observations.find((o) => o.key === 'payments')?.value.kind).toBe('secret');
    expect(JSON.stringify(r.observations)).not.toContain('CANARY');
  });
});
