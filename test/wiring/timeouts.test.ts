import { LIVE, loadLive } from '../../lambdas/adapters/live/live-kinds';
import { AwsClientFactory } from '../../lambdas/wiring/aws-clients';
import { DEFAULT_TIMEOUTS, timeoutsFrom } from '../../lambdas/wiring/timeouts';

type WithHandler = { config: { requestHandler: unknown } };
/** The options the SDK built a client's Node.js handler from. */
const handlerOptions = (client: WithHandler) =>
  (client.config.requestHandler as { configProvider: Promise<Record<string, unknown>> }).configProvider;

describe('network timeouts', () => {
  test.each([
    ['nothing set: the defaults', {}, DEFAULT_TIMEOUTS],
    [
      'each variable',
      { DRIFT_CONNECT_TIMEOUT_MS: '250', DRIFT_REQUEST_TIMEOUT_MS: '1500', DRIFT_SOURCE_TIMEOUT_MS: '9000' },
      { connectMs: 250, requestMs: 1500, sourceMs: 9000 },
    ],
    [
      'not a positive whole number: the default',
      { DRIFT_CONNECT_TIMEOUT_MS: '0', DRIFT_REQUEST_TIMEOUT_MS: '2.5', DRIFT_SOURCE_TIMEOUT_MS: 'soon' },
      DEFAULT_TIMEOUTS,
    ],
  ])('%s', (_name, env, expected) => {
    expect(timeoutsFrom(env)).toEqual(expected);
  });

  test('every AWS client the live collectors use has a connection and a request timeout that throws', async () => {
    await Promise.all(LIVE.map(({ type }) => loadLive(type)));
    const factory = new AwsClientFactory({ connectMs: 111, requestMs: 222, sourceMs: 1 });
    const { ssm, ecs, eks, autoscaling, s3 } = factory.for({ region: 'eu-west-1' });
    // STS, which assumes members' read roles, is made on first use.
    const sts = factory['sts']('eu-west-1');
    for (const client of [ssm, ecs, eks, autoscaling, s3, sts] as WithHandler[]) {
      expect(await handlerOptions(client)).toMatchObject({ connectionTimeout: 111, requestTimeout: 222, throwOnRequestTimeout: true });
    }
    factory.destroy();
  });
});
