import type { AppConfigClient } from '@aws-sdk/client-appconfig';
import type { AppConfigDataClient } from '@aws-sdk/client-appconfigdata';
import type { AppConfigKept } from '../../../core/recordings/appconfig-recording';
import type { SpecOf } from '../../../core/source-kinds/registry';
import { defineLiveKind } from '../live-kind';
import { appConfigAccess, type AppConfigRead } from './appconfig-access';

export interface AppConfigClients {
  appconfigData: AppConfigDataClient;
  appconfig: AppConfigClient;
}

/** `appconfig` live: a configuration session and its latest configuration, and the profile's latest deployment (appconfig-sdk.ts). */
export const appConfigLive = defineLiveKind<SpecOf<'appconfig'>, AppConfigClients, object, AppConfigKept, AppConfigRead>({
  // Two to four calls a source: well under the data plane's and the control plane's per-account quotas.
  limits: {
    appconfigdata: { rate: 10, burst: 10, concurrency: 4 },
    appconfig: { rate: 5, burst: 5, concurrency: 2 },
  },
  access: appConfigAccess,
  load: () => import('./appconfig-sdk').then((m) => m.appConfigSdk),
});
