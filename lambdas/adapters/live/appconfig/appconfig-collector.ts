import type { AppConfigClient } from '@aws-sdk/client-appconfig';
import { GetLatestConfigurationCommand, StartConfigurationSessionCommand, type AppConfigDataClient } from '@aws-sdk/client-appconfigdata';
import { appConfigLocation, parseAppConfig, type AppConfigDocument, type AppConfigIds } from '../../../core/sources/appconfig';
import type { ParseContext } from '../../../core/sources/context';
import type { SourceParseResult } from '../../../core/sources/result';
import { AwsCalls } from '../ecs/aws-calls';
import type { Limit } from '../limit';
import { latestDeployment, type DeploymentDocument } from './latest-deployment';

/** What the live collector needs: the data-plane client (content), the control-plane client (deployments) and the caller's limiter. */
export interface AppConfigCollectorDeps {
  data: AppConfigDataClient;
  appconfig: AppConfigClient;
  limit: Limit;
  /** When the snapshot is taken (the system clock by default). */
  now?: () => Date;
  /** Hand back the deployment read, for `drift snapshot --record`. */
  keepInputs?: boolean;
}

/** What one collection returns: the parser's result, when it was observed, and the calls it made. */
export type AppConfigLiveResult = SourceParseResult & {
  observedAt: string;
  calls: Record<string, number>;
  /** With `keepInputs`: the deployment as get-deployment prints it, when there is one. */
  deployment?: DeploymentDocument;
};

/**
 * Reads an AppConfig configuration profile live, as the applications receive it: a configuration
 * session and its latest configuration (content, Content-Type, version label), beside the latest
 * completed deployment of the profile (version, time, what triggered it). Both become the documents
 * the recorded form holds and go through `parseAppConfig`. Failures become error lines; without the
 * content there are no values, without the deployment the values are undated.
 */
export class AppConfigCollector {
  constructor(private readonly deps: AppConfigCollectorDeps) {}

  async collect(ids: AppConfigIds, ctx: ParseContext): Promise<AppConfigLiveResult> {
    const observedAt = (this.deps.now ?? (() => new Date()))().toISOString();
    const calls = new AwsCalls(this.deps.limit);
    // One list per step, joined in a fixed order: the steps run concurrently.
    const errs = { content: [] as string[], deployment: [] as string[] };
    const [content, deployment] = await Promise.all([
      this.latestConfiguration(ids, calls, errs.content),
      latestDeployment(this.deps.appconfig, calls, ids, errs.deployment),
    ]);
    const errors = [...errs.content, ...errs.deployment];
    if (!content) return { observations: [], dangling: [], errors, observedAt, calls: calls.counts };
    const documents: AppConfigDocument[] = [content.document];
    if (deployment) {
      const file = `appconfig get-deployment ${ids.application}/${ids.environment} ${String(deployment.DeploymentNumber)}`;
      documents.push({ file, text: JSON.stringify(deployment), role: 'deployment' });
    }
    const parsed = parseAppConfig({ documents, versionLabel: content.versionLabel }, ids, ctx);
    const kept = this.deps.keepInputs && deployment ? { deployment } : {};
    return { ...parsed, errors: [...errors, ...parsed.errors], observedAt, calls: calls.counts, ...kept };
  }

  /** The configuration the profile serves now, as one content document; undefined when a call failed. */
  private async latestConfiguration(
    ids: AppConfigIds,
    calls: AwsCalls,
    errors: string[],
  ): Promise<{ document: AppConfigDocument; versionLabel?: string } | undefined> {
    const subject = `${ids.application}/${ids.environment}/${ids.profile}`;
    const session = await calls.run('appconfigdata', 'StartConfigurationSession', subject, errors, () =>
      this.deps.data.send(
        new StartConfigurationSessionCommand({
          ApplicationIdentifier: ids.application,
          EnvironmentIdentifier: ids.environment,
          ConfigurationProfileIdentifier: ids.profile,
        }),
      ),
    );
    if (!session) return undefined;
    if (!session.InitialConfigurationToken) {
      errors.push(`appconfigdata StartConfigurationSession on ${subject}: the response holds no configuration token`);
      return undefined;
    }
    const token = session.InitialConfigurationToken;
    const out = await calls.run('appconfigdata', 'GetLatestConfiguration', subject, errors, () =>
      this.deps.data.send(new GetLatestConfigurationCommand({ ConfigurationToken: token })),
    );
    if (!out) return undefined;
    const text = new TextDecoder().decode(out.Configuration ?? new Uint8Array());
    const document: AppConfigDocument = { file: `appconfig GetLatestConfiguration ${appConfigLocation(ids)}`, text, role: 'content' };
    if (out.ContentType) document.contentType = out.ContentType;
    return { document, ...(out.VersionLabel ? { versionLabel: out.VersionLabel } : {}) };
  }
}
