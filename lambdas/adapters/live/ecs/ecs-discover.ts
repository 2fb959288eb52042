import { ListServicesCommand, type ECSClient } from '@aws-sdk/client-ecs';
import type { Discovery } from '../discovery';
import { unlimited } from '../limit';
import { eachPage } from '../paging';

/** `ecs`: the services of `--ecs-cluster` (ListServices), each proposed as an environment to name. */
export const ecsDiscovery: Discovery<{ ecs: ECSClient }, object> = {
  async discover(scope, clients, _deps, limit = unlimited) {
    const cluster = scope.ecsCluster as string;
    const names: string[] = [];
    await eachPage(
      (nextToken) => limit('ecs', () => clients.ecs.send(new ListServicesCommand({ cluster, nextToken, maxResults: 100 }))),
      (page) => page.nextToken,
      (page) => {
        for (const arn of page.serviceArns ?? []) names.push(arn.slice(arn.lastIndexOf('/') + 1));
      },
    );
    return names.sort().map((service) => ({
      environment: service,
      type: 'ecs',
      fields: { cluster, service },
      note: `service of cluster ${cluster}; add container: when its task has several`,
    }));
  },
};
