import { GetDeploymentCommand, ListDeploymentsCommand, type AppConfigClient, type DeploymentSummary } from '@aws-sdk/client-appconfig';
import type { AppConfigIds } from '../../../core/sources/appconfig';
import type { AwsCalls } from '../ecs/aws-calls';
import { toCliJson } from '../ecs/cli-json';

/** ListDeployments pages read at most (50 deployments each): a profile not deployed among the latest 500 goes undated. */
export const MAX_DEPLOYMENT_PAGES = 10;

/**
 * The states of a deployment whose configuration every client is served: COMPLETE, and BAKING (it
 * reached all targets and AppConfig watches its alarms for the final bake time, which may last
 * hours). One still DEPLOYING reaches only some clients; a rolled-back one none.
 */
const IN_FORCE: ReadonlySet<string> = new Set(['COMPLETE', 'BAKING']);

/** GetDeployment as `aws appconfig get-deployment` prints it, for the parser. */
export type DeploymentDocument = Record<string, unknown>;

/**
 * The latest deployment of the profile to the environment that is in force (completed, or baking),
 * as get-deployment prints it;
 * undefined when there is none among the latest deployments or a call failed (then `errors` says so).
 * ListDeployments lists the environment's deployments of every profile, newest first; a summary
 * names its profile's ID (older responses give only its name: the first deployment of each name is
 * then read to learn whose it is).
 */
export async function latestDeployment(
  appconfig: AppConfigClient,
  calls: AwsCalls,
  ids: AppConfigIds,
  errors: string[],
): Promise<DeploymentDocument | undefined> {
  const where = `${ids.application}/${ids.environment}`;
  const otherProfiles = new Set<string>();
  const candidate = (s: DeploymentSummary): s is DeploymentSummary & { DeploymentNumber: number } =>
    IN_FORCE.has(s.State ?? '') &&
    s.DeploymentNumber !== undefined &&
    (s.ConfigurationProfileId !== undefined ? s.ConfigurationProfileId === ids.profile : !otherProfiles.has(s.ConfigurationName ?? ''));
  let token: string | undefined;
  let pages = 0;
  do {
    const page = await calls.run('appconfig', 'ListDeployments', where, errors, () =>
      appconfig.send(
        new ListDeploymentsCommand({ ApplicationId: ids.application, EnvironmentId: ids.environment, MaxResults: 50, NextToken: token }),
      ),
    );
    if (!page) return undefined;
    for (const summary of page.Items ?? []) {
      if (!candidate(summary)) continue;
      const number = summary.DeploymentNumber;
      const out = await calls.run('appconfig', 'GetDeployment', `${where} deployment ${number}`, errors, () =>
        appconfig.send(
          new GetDeploymentCommand({ ApplicationId: ids.application, EnvironmentId: ids.environment, DeploymentNumber: number }),
        ),
      );
      if (!out) return undefined;
      if (out.ConfigurationProfileId === ids.profile) return toCliJson(out) as DeploymentDocument;
      otherProfiles.add(out.ConfigurationName ?? summary.ConfigurationName ?? '');
    }
    token = page.NextToken;
  } while (token && ++pages < MAX_DEPLOYMENT_PAGES);
  return undefined;
}
