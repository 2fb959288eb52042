import { readFileSync } from 'node:fs';
import path from 'node:path';
import { AppConfigClient, GetDeploymentCommand, ListDeploymentsCommand, type DeploymentSummary } from '@aws-sdk/client-appconfig';
import {
  AppConfigDataClient,
  GetLatestConfigurationCommand,
  ResourceNotFoundException,
  type GetLatestConfigurationCommandOutput,
  StartConfigurationSessionCommand,
} from '@aws-sdk/client-appconfigdata';
import { mockClient } from 'aws-sdk-client-mock';
import { AppConfigCollector } from '../../../../lambdas/adapters/live/appconfig/appconfig-collector';
import { MAX_DEPLOYMENT_PAGES } from '../../../../lambdas/adapters/live/appconfig/latest-deployment';
import type { Limit } from '../../../../lambdas/adapters/live/limit';
import { parseAppConfig } from '../../../../lambdas/core/sources/appconfig';
import { testContext, testLabel } from '../../../helpers/context';

const CANARY = 'CANARY-s3cr3t-7f1e';
const IDS = { application: 'k3x9q2m', environment: 'p7d1w4s', profile: 'c4f6j1r' };
const EXAMPLES = path.join(__dirname, '../../../../examples/more-sources/appconfig/production');
const example = (file: string): string => readFileSync(path.join(EXAMPLES, file), 'utf8');
const ctx = () => testContext(testLabel('appconfig', 'appconfig k3x9q2m/p7d1w4s/c4f6j1r'));

const dataMock = mockClient(AppConfigDataClient);
const controlMock = mockClient(AppConfigClient);
let families: string[];

function collector(): AppConfigCollector {
  const limit: Limit = (family, call) => {
    families.push(family);
    return call();
  };
  return new AppConfigCollector({
    data: new AppConfigDataClient({ region: 'eu-west-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } }),
    appconfig: new AppConfigClient({ region: 'eu-west-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } }),
    limit,
    now: () => new Date('2026-11-24T02:00:00Z'),
  });
}

/** What the SDK returns for the example's get-deployment output: dates as Dates. */
function sdkDeployment(): Record<string, unknown> {
  const json = JSON.parse(example('settings.deployment.json')) as Record<string, unknown>;
  const events = (json.EventLog as Array<Record<string, unknown>>).map((e) => ({ ...e, OccurredAt: new Date(e.OccurredAt as string) }));
  return { ...json, EventLog: events, StartedAt: new Date(json.StartedAt as string), CompletedAt: new Date(json.CompletedAt as string) };
}

const summary = (n: number, profile: string | undefined, state = 'COMPLETE', name = 'checkout-settings'): DeploymentSummary =>
  ({
    DeploymentNumber: n,
    ConfigurationName: name,
    State: state,
    ...(profile ? { ConfigurationProfileId: profile } : {}),
  }) as DeploymentSummary;

function serveContent(text: string, contentType = 'application/json', versionLabel?: string) {
  // The SDK wraps the bytes in a Uint8Array subclass; the collector reads them as plain bytes.
  const bytes = new TextEncoder().encode(text) as GetLatestConfigurationCommandOutput['Configuration'];
  dataMock.on(StartConfigurationSessionCommand).resolves({ InitialConfigurationToken: 'token-1' });
  dataMock.on(GetLatestConfigurationCommand, { ConfigurationToken: 'token-1' }).resolves({
    Configuration: bytes,
    ContentType: contentType,
    VersionLabel: versionLabel,
    NextPollConfigurationToken: 't2',
  });
}

beforeEach(() => {
  dataMock.reset();
  controlMock.reset();
  families = [];
});

describe('live AppConfig collector', () => {
  test('reads the served content and the latest completed deployment of the profile, newest first across pages', async () => {
    serveContent(example('settings.json'));
    controlMock
      .on(ListDeploymentsCommand, { NextToken: undefined })
      .resolves({ Items: [summary(16, IDS.profile, 'DEPLOYING'), summary(15, 'f9b3t7e', 'COMPLETE', 'checkout-flags')], NextToken: 'p2' })
      .on(ListDeploymentsCommand, { NextToken: 'p2' })
      .resolves({ Items: [summary(14, IDS.profile), summary(9, IDS.profile)] });
    controlMock.on(GetDeploymentCommand, { DeploymentNumber: 14 }).resolves(sdkDeployment());

    const r = await collector().collect(IDS, ctx());
    expect(r.errors).toEqual([]);
    expect(r.observedAt).toBe('2026-11-24T02:00:00.000Z');
    expect(r.calls).toEqual({ StartConfigurationSession: 1, GetLatestConfiguration: 1, ListDeployments: 2, GetDeployment: 1 });
    expect(controlMock.commandCalls(ListDeploymentsCommand)[0]?.args[0].input).toEqual({
      ApplicationId: 'k3x9q2m',
      EnvironmentId: 'p7d1w4s',
      MaxResults: 50,
      NextToken: undefined,
    });
    expect(dataMock.commandCalls(StartConfigurationSessionCommand)[0]?.args[0].input).toEqual({
      ApplicationIdentifier: 'k3x9q2m',
      EnvironmentIdentifier: 'p7d1w4s',
      ConfigurationProfileIdentifier: 'c4f6j1r',
    });
    expect(new Set(families)).toEqual(new Set(['appconfigdata', 'appconfig']));
    expect(families).toHaveLength(5);
    expect(r.observations.find((o) => o.key === 'payment.timeout')).toMatchObject({
      value: { kind: 'text', text: '45s' },
      origin: { location: 'k3x9q2m/p7d1w4s/c4f6j1r#payment.timeout', version: 9, modifiedAt: '2026-11-20T10:01:12.482Z' },
    });
  });

  test('live and recorded give the same observations', async () => {
    serveContent(example('settings.json'));
    controlMock.on(ListDeploymentsCommand).resolves({ Items: [summary(14, IDS.profile)] });
    controlMock.on(GetDeploymentCommand).resolves(sdkDeployment());
    const live = await collector().collect(IDS, ctx());
    const recorded = parseAppConfig(
      {
        documents: [
          { file: 'appconfig/settings.json', text: example('settings.json') },
          { file: 'appconfig/settings.deployment.json', text: example('settings.deployment.json') },
        ],
      },
      IDS,
      ctx(),
    );
    expect(recorded.errors).toEqual([]);
    expect(live.observations).toEqual(recorded.observations);
    expect(live.observations[0]?.origin.modifiedBy).toBe('deployment 14 (triggered by USER)');
  });

  test('summaries without a profile ID: the first deployment of each name is read to learn whose it is', async () => {
    serveContent('{"a": 1}');
    controlMock.on(ListDeploymentsCommand).resolves({
      Items: [
        summary(20, undefined, 'COMPLETE', 'checkout-flags'),
        summary(19, undefined, 'COMPLETE', 'checkout-flags'),
        summary(18, undefined),
      ],
    });
    controlMock
      .on(GetDeploymentCommand, { DeploymentNumber: 20 })
      .resolves({ DeploymentNumber: 20, ConfigurationProfileId: 'f9b3t7e', ConfigurationName: 'checkout-flags' })
      .on(GetDeploymentCommand, { DeploymentNumber: 18 })
      .resolves({
        ...IDS,
        DeploymentNumber: 18,
        ConfigurationProfileId: IDS.profile,
        ConfigurationVersion: '4',
        StartedAt: new Date('2026-11-01T00:00:00Z'),
      });
    const r = await collector().collect(IDS, ctx());
    expect(controlMock.commandCalls(GetDeploymentCommand).map((c) => c.args[0].input.DeploymentNumber)).toEqual([20, 18]);
    expect(r.observations[0]?.origin).toMatchObject({ version: 4, modifiedAt: '2026-11-01T00:00:00.000Z', modifiedBy: 'deployment 18' });
  });

  test('a profile never deployed among the latest deployments is undated: its version label stands, and reading stops at the page budget', async () => {
    serveContent('{"a": 1}', 'application/json', 'v3');
    controlMock.on(ListDeploymentsCommand).resolves({ Items: [summary(7, 'zzzzzzz')], NextToken: 'more' });
    const r = await collector().collect(IDS, ctx());
    expect(r.errors).toEqual([]);
    expect(r.calls?.ListDeployments).toBe(MAX_DEPLOYMENT_PAGES);
    expect(r.observations[0]?.origin).toEqual({ source: ctx().source, location: 'k3x9q2m/p7d1w4s/c4f6j1r#a', version: 'v3' });
  });

  test('content that cannot be read is a source error with no values; the deployment lookup still runs', async () => {
    dataMock
      .on(StartConfigurationSessionCommand)
      .rejects(
        new ResourceNotFoundException({ message: 'Requested resource not found', $metadata: {}, ResourceType: 'ConfigurationProfile' }),
      );
    controlMock.on(ListDeploymentsCommand).resolves({ Items: [] });
    const r = await collector().collect(IDS, ctx());
    expect(r.observations).toEqual([]);
    expect(r.errors).toEqual([
      'appconfigdata StartConfigurationSession on k3x9q2m/p7d1w4s/c4f6j1r: ResourceNotFoundException: Requested resource not found',
    ]);
    expect(r.calls).toEqual({ StartConfigurationSession: 1, ListDeployments: 1 });
  });

  test('a denied deployment lookup is an error line; the values are still read, undated', async () => {
    serveContent('{"a": 1}');
    controlMock.on(ListDeploymentsCommand).rejects(
      Object.assign(new Error('User: arn:aws:sts::222222222222:assumed-role/drift-read is not authorized'), {
        name: 'AccessDeniedException',
        $fault: 'client',
      }),
    );
    const r = await collector().collect(IDS, ctx());
    expect(r.errors).toEqual([
      'appconfig ListDeployments on k3x9q2m/p7d1w4s: AccessDeniedException (not authorised): User: arn:aws:sts::222222222222:assumed-role/drift-read is not authorized',
    ]);
    expect(r.observations.map((o) => [o.key, o.origin.version])).toEqual([['a', undefined]]);
  });

  test('served feature flags are read like the document, secrets fingerprinted and never in an error', async () => {
    serveContent(JSON.stringify({ partner_api: { enabled: true, api_token: CANARY, timeout_ms: 800 }, beta: { enabled: false } }));
    controlMock.on(ListDeploymentsCommand).resolves({ Items: [] });
    const r = await collector().collect(IDS, ctx());
    expect(r.observations.map((o) => [o.key, o.value.kind === 'text' ? o.value.text : o.value.kind])).toEqual([
      ['partner.api.enabled', 'true'],
      ['partner.api.api.token', 'secret'],
      ['partner.api.timeout.ms', '800'],
      ['beta.enabled', 'false'],
    ]);
    expect(JSON.stringify(r)).not.toContain(CANARY);
  });

  test('a programming error throws instead of becoming data', async () => {
    dataMock.on(StartConfigurationSessionCommand).rejects(new TypeError('cannot read properties of undefined'));
    controlMock.on(ListDeploymentsCommand).resolves({ Items: [] });
    await expect(collector().collect(IDS, ctx())).rejects.toThrow(TypeError);
  });
});
