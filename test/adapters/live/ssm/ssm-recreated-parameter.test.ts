import { DescribeParametersCommand, GetParametersCommand, SSMClient, type Parameter } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { SsmCollector } from '../../../../lambdas/adapters/live/ssm/ssm-collector';
import { testContext, testLabel } from '../../../helpers/context';

const PATH = '/production-us/checkout/';
const client = new SSMClient({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' }, maxAttempts: 1 });
const mock = mockClient(client);
const noLimit = <T>(_f: string, call: () => Promise<T>) => call();
const ctx = () => testContext(testLabel('ssm'));

/** Parameter Store holding exactly `params`: DescribeParameters gives their metadata, GetParameters their values. */
function serve(params: Parameter[]): void {
  mock.reset();
  mock.on(DescribeParametersCommand).resolves({ Parameters: params.map(({ Value: _v, ...m }) => m) });
  mock.on(GetParametersCommand).callsFake((input: { Names: string[] }) => ({
    Parameters: params.filter((p) => input.Names.includes(p.Name!)),
    InvalidParameters: [],
  }));
}

const timeout = (value: string, at: string): Parameter => ({
  Name: `${PATH}db_timeout`,
  Type: 'String',
  Value: value,
  // Parameter Store numbers a new parameter's versions from 1 again, even under a name deleted before.
  Version: 1,
  LastModifiedDate: new Date(at),
});

describe('live SSM collector: a parameter deleted and created again', () => {
  test('is read again, though its version number is the one stored: the new value, not the old one', async () => {
    const collector = new SsmCollector({ ssm: client, limit: noLimit });
    serve([timeout('10s', '2026-11-01T00:00:00Z')]);
    const first = await collector.collect(PATH, ctx(), async () => undefined);
    expect(first.observations[0]!.value).toEqual({ kind: 'text', text: '10s' });

    // `aws ssm delete-parameter` then `put-parameter` (or a CloudFormation replacement) between two runs.
    serve([timeout('60s', '2026-11-23T15:00:00Z')]);
    const next = await collector.collect(PATH, ctx(), async () => first.observations);
    expect(next.calls.GetParameters).toBe(1);
    expect(next.observations[0]!.value).toEqual({ kind: 'text', text: '60s' });
    expect(next.observations[0]!.origin.modifiedAt).toBe('2026-11-23T15:00:00.000Z');
  });

  test('an unchanged parameter (same version, same date) is still not read again', async () => {
    const collector = new SsmCollector({ ssm: client, limit: noLimit });
    serve([timeout('10s', '2026-11-01T00:00:00Z')]);
    const first = await collector.collect(PATH, ctx(), async () => undefined);
    const next = await collector.collect(PATH, ctx(), async () => first.observations);
    expect(next.calls.GetParameters).toBe(0);
    expect(next.observations).toEqual(first.observations);
  });
});
