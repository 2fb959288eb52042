import { AppConfigClient } from '@aws-sdk/client-appconfig';
import { AppConfigDataClient } from '@aws-sdk/client-appconfigdata';
import type { AppConfigKept } from '../../../core/recordings/appconfig-recording';
import type { SpecOf } from '../../../core/source-kinds/registry';
import { defineLiveSdk } from '../live-kind';
import { AppConfigCollector } from './appconfig-collector';
import type { AppConfigClients } from './appconfig-kind';

/** `appconfig` live, its SDK part: a configuration session and its latest configuration, and the latest completed deployment of the profile. */
export const appConfigSdk = defineLiveSdk<SpecOf<'appconfig'>, AppConfigClients, object, AppConfigKept>({
  clients: (config) => ({ appconfigData: new AppConfigDataClient(config), appconfig: new AppConfigClient(config) }),
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
});
