import { AppConfigClient, GetDeploymentCommand, ListDeploymentsCommand } from '@aws-sdk/client-appconfig';
import { AppConfigDataClient, GetLatestConfigurationCommand, StartConfigurationSessionCommand } from '@aws-sdk/client-appconfigdata';
import { mockClient } from 'aws-sdk-client-mock';
import { MemoryTaskDefinitionCache } from '../../../../lambdas/adapters/live/ecs/task-definition-cache';
import { LiveSourceCollector } from '../../../../lambdas/adapters/live/live-collector';
import { LimiterRegistry } from '../../../../lambdas/adapters/live/rate-limiter';
import { appConfigAccess } from '../../../../lambdas/adapters/live/appconfig/appconfig-access';
import type { LiveClients } from '../../../../lambdas/adapters/live/live-kinds';
import type { EnvironmentSpec } from '../../../../lambdas/core/estate/model';
import { sourceLabel } from '../../../../lambdas/core/estate/source-label';
import type { SpecOf } from '../../../../lambdas/core/source-kinds/registry';
import { testContext } from '../../../helpers/context';

const IDS = { application: 'k3x9q2m', environment: 'p7d1w4s', profile: 'c4f6j1r' };
const SPEC: SpecOf<'appconfig'> = { type: 'appconfig', index: 0, ...IDS };
const WHERE = { partition: 'aws', account: '123456789012', region: 'eu-west-1' };
const APP = 'arn:aws:appconfig:eu-west-1:123456789012:application/k3x9q2m';

describe('appconfig access', () => {
  test('grants the session and latest configuration on the declared profile, the deployment calls on its application and environment', () => {
    const read = appConfigAccess.read(SPEC, {})!;
    expect(appConfigAccess.grants([read], WHERE)).toEqual([
      {
        sid: 'ReadDeclaredAppConfigProfiles',
        actions: ['appconfig:GetLatestConfiguration', 'appconfig:StartConfigurationSession'],
        resources: [`${APP}/environment/p7d1w4s/configuration/c4f6j1r`],
      },
      { sid: 'ListDeclaredAppConfigDeployments', actions: ['appconfig:ListDeployments'], resources: [APP, `${APP}/environment/p7d1w4s`] },
      {
        sid: 'GetDeclaredAppConfigDeployments',
        actions: ['appconfig:GetDeployment'],
        resources: [APP, `${APP}/environment/p7d1w4s`, `${APP}/environment/p7d1w4s/deployment/*`],
      },
    ]);
    expect(appConfigAccess.wildcards([read], WHERE)).toEqual([`${APP}/environment/p7d1w4s/deployment/*`]);
  });

  test('a read declared in another account and region is granted there; a recorded source reads nothing live', () => {
    const read = appConfigAccess.read(SPEC, { account: '222222222222', region: 'us-east-1' })!;
    expect(appConfigAccess.grants([read], WHERE)[0]?.resources).toEqual([
      'arn:aws:appconfig:us-east-1:222222222222:application/k3x9q2m/environment/p7d1w4s/configuration/c4f6j1r',
    ]);
    expect(appConfigAccess.read({ ...SPEC, from: ['appconfig/'] }, {})).toBeUndefined();
  });

  test('a name where an ID belongs is a problem: IAM names AppConfig resources by ID', () => {
    const env: EnvironmentSpec = { name: 'production', sources: [] };
    expect(appConfigAccess.problems(SPEC, env)).toEqual([]);
    expect(appConfigAccess.problems({ ...SPEC, application: 'checkout-api' }, env)).toEqual([
      { field: 'application', message: '"checkout-api" is not an AppConfig ID (4-7 lowercase letters and digits)' },
    ]);
  });
});

describe('appconfig live, through the live collector', () => {
  const dataMock = mockClient(AppConfigDataClient);
  const controlMock = mockClient(AppConfigClient);
  const credentials = { accessKeyId: 'x', secretAccessKey: 'y' };
  const clients = (): LiveClients =>
    ({
      region: 'eu-west-1',
      credentials: async () => credentials,
      appconfigData: new AppConfigDataClient({ region: 'eu-west-1', credentials }),
      appconfig: new AppConfigClient({ region: 'eu-west-1', credentials }),
    }) as unknown as LiveClients;

  test('calls only what its kind declares, in the source region', async () => {
    dataMock.on(StartConfigurationSessionCommand).resolves({ InitialConfigurationToken: 't' });
    dataMock
      .on(GetLatestConfigurationCommand)
      .resolves({ Configuration: new TextEncoder().encode('{"a": 1}') as never, ContentType: 'application/json' });
    controlMock
      .on(ListDeploymentsCommand)
      .resolves({ Items: [{ DeploymentNumber: 3, ConfigurationProfileId: IDS.profile, State: 'COMPLETE' }] });
    controlMock
      .on(GetDeploymentCommand)
      .resolves({ ...IDS, ConfigurationProfileId: IDS.profile, DeploymentNumber: 3, ConfigurationVersion: '2' });
    const spec = { ...SPEC, region: 'eu-west-1' };
    const label = sourceLabel(spec);
    const collector = new LiveSourceCollector(
      { collect: async () => Promise.reject(new Error('no recorded sources here')) },
      {
        clients,
        limiters: new LimiterRegistry(),
        previous: async () => undefined,
        taskDefinitions: new MemoryTaskDefinitionCache(),
        now: () => new Date('2026-11-24T02:00:00Z'),
      },
    );
    const snapshot = await collector.collect(spec, label, testContext(label), { name: 'production', sources: [spec] });
    expect(snapshot.errors).toEqual([]);
    expect(snapshot.observations.map((o) => [o.key, o.origin.version])).toEqual([['a', 2]]);
    const sent = [...dataMock.calls(), ...controlMock.calls()].map(
      (c) => `appconfig:${(c.args[0] as object).constructor.name.replace(/Command$/, '')}`,
    );
    expect([...new Set(sent)].sort()).toEqual([...appConfigAccess.calls].sort());
  });
});
