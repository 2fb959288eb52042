import {
  AppConfigClient,
  GetDeploymentCommand,
  ListDeploymentsCommand,
  type DeploymentState,
  type DeploymentSummary,
  type GetDeploymentCommandOutput,
} from '@aws-sdk/client-appconfig';
import {
  AppConfigDataClient,
  GetLatestConfigurationCommand,
  StartConfigurationSessionCommand,
  type GetLatestConfigurationCommandOutput,
} from '@aws-sdk/client-appconfigdata';
import { mockClient } from 'aws-sdk-client-mock';
import { AppConfigCollector } from '../../../../lambdas/adapters/live/appconfig/appconfig-collector';
import { testContext, testLabel } from '../../../helpers/context';

const IDS = { application: 'k3x9q2m', environment: 'p7d1w4s', profile: 'c4f6j1r' };
const ctx = () => testContext(testLabel('appconfig', 'appconfig k3x9q2m/p7d1w4s/c4f6j1r'));
const dataMock = mockClient(AppConfigDataClient);
const controlMock = mockClient(AppConfigClient);
const credentials = { accessKeyId: 'x', secretAccessKey: 'y' };

const summary = (n: number, state: DeploymentState): DeploymentSummary => ({
  DeploymentNumber: n,
  ConfigurationName: 'checkout-settings',
  ConfigurationProfileId: IDS.profile,
  State: state,
});

/** GetDeployment as the SDK returns it; a deployment still baking has no CompletedAt. */
const deployment = (
  n: number,
  version: string,
  state: DeploymentState,
  startedAt: string,
  completedAt?: string,
): GetDeploymentCommandOutput => ({
  $metadata: {},
  ApplicationId: IDS.application,
  EnvironmentId: IDS.environment,
  ConfigurationProfileId: IDS.profile,
  DeploymentNumber: n,
  ConfigurationName: 'checkout-settings',
  ConfigurationVersion: version,
  State: state,
  StartedAt: new Date(startedAt),
  ...(completedAt ? { CompletedAt: new Date(completedAt) } : {}),
  EventLog: [{ EventType: 'DEPLOYMENT_STARTED', TriggeredBy: 'USER', OccurredAt: new Date(startedAt) }],
});

beforeEach(() => {
  dataMock.reset();
  controlMock.reset();
  // AppConfig serves version 10 to every client: deployment 16 reached 100% and is baking.
  const bytes = new TextEncoder().encode('{"payment":{"timeout":"60s"}}') as GetLatestConfigurationCommandOutput['Configuration'];
  dataMock.on(StartConfigurationSessionCommand).resolves({ InitialConfigurationToken: 'token-1' });
  dataMock.on(GetLatestConfigurationCommand).resolves({ Configuration: bytes, ContentType: 'application/json' });
  controlMock.on(ListDeploymentsCommand).resolves({ Items: [summary(16, 'BAKING'), summary(14, 'COMPLETE')] });
  controlMock
    .on(GetDeploymentCommand, { DeploymentNumber: 16 })
    .resolves(deployment(16, '10', 'BAKING', '2026-11-24T01:40:00Z'))
    .on(GetDeploymentCommand, { DeploymentNumber: 14 })
    .resolves(deployment(14, '9', 'COMPLETE', '2026-11-20T09:01:00Z', '2026-11-20T10:01:12Z'));
});

describe('live AppConfig collector: a deployment in its final bake time', () => {
  test('dates and versions the values it serves: they are the baking deployment’s, not the previous one’s', async () => {
    const r = await new AppConfigCollector({
      data: new AppConfigDataClient({ region: 'eu-west-1', credentials }),
      appconfig: new AppConfigClient({ region: 'eu-west-1', credentials }),
      limit: (_family, call) => call(),
      now: () => new Date('2026-11-24T02:00:00Z'),
    }).collect(IDS, ctx());
    expect(r.errors).toEqual([]);
    expect(r.observations.find((o) => o.key === 'payment.timeout')?.origin).toMatchObject({
      version: 10,
      modifiedAt: '2026-11-24T01:40:00.000Z',
      modifiedBy: 'deployment 16 (triggered by USER)',
    });
  });
});
