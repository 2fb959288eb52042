import { AppConfigClient } from '@aws-sdk/client-appconfig';
import { AppConfigDataClient } from '@aws-sdk/client-appconfigdata';
import type { AppConfigKept } from '../../../core/recordings/appconfig-recording';
import type { SpecOf } from '../../../core/source-kinds/registry';
import { defineLiveKind } from '../live-kind';
import { appConfigAccess, type AppConfigRead } from './appconfig-access';
import { AppConfigCollector } from './appconfig-collector';

interface AppConfigClients {
  appconfigData: AppConfigDataClient;
  appconfig: AppConfigClient;
}

/** `appconfig` live: a configuration session and its latest configuration, and the latest completed deployment of the profile. */
export const appConfigLive = defineLiveKind<SpecOf<'appconfig'>, AppConfigClients, object, AppConfigKept, AppConfigRead>({
  clients: (config) => ({ appconfigData: new AppConfigDataClient(config), appconfig: new AppConfigClient(config) }),
  // Two to four calls a source: well under the data plane's and the control plane's per-account quotas.
  limits: {
    appconfigdata: { rate: 10, burst: 10, concurrency: 4 },
    appconfig: { rate: 5, burst: 5, concurrency: 2 },
  },
  reader: () => ({
    collect: async (spec, ctx, call) => {
      const { deployment, ...result } = await new AppConfigCollector({
        data: call.clients.appconfigData,
        appconfig: call.clients.appconfig,
        limit: call.limit,
        now: call.now,
        keepInputs: call.keepInputs,
      }).collect(spec, ctx);
      return { ...result, ...(call.keepInputs ? { kept: deployment ? { deployment } : {} } : {}) };
    },
  }),
  access: appConfigAccess,
});
