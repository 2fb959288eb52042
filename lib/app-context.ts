import {
  accountId,
  bucketName,
  emailAddress,
  httpsBaseUrl,
  iamRoleName,
  roleArn,
  scheduleExpression,
  secretCompleteArn,
  stackName,
  timeZone,
  vpcId,
  type Checked,
} from './aws-identifiers';
import { parseTrackerConfig, type TrackerConfig } from '../lambdas/core/tickets/tracker-config';
import { checked, contextList, contextString, ContextError } from './context-values';
import { region } from './declared-names';
import { didYouMean } from '../lambdas/core/estate/did-you-mean';

/** The installation's settings from `cdk.json` and `-c key=value`, parsed and checked. */
export interface DriftContext {
  estates: string[];
  stackName?: string;
  schedule?: string;
  timezone?: string;
  slackWebhookSecretArn?: string;
  alarmEmail?: string;
  vpcId?: string;
  memberRoles: string[];
  envFileBuckets: string[];
  readerRoleName?: string;
  installationAccount?: string;
  /** The installation's region, when synth runs with other credentials (a member's): its default bus receives the members' change events. */
  installationRegion?: string;
  /** A base URL that serves the bucket's `runs/` to the installation's people: the digest links reports under it. */
  reportBaseUrl?: string;
  /** The ticket subscriber's tracker (`github:OWNER/REPO`, `jira:https://SITE/PROJECT` or a JSON object), and its token's secret. */
  tickets?: { config: TrackerConfig; secretArn?: string };
}

/** The estate `cdk synth` installs when no `estates` context is given: live sources only. */
export const DEFAULT_ESTATE = 'examples/live/drift.yaml';

/**
 * Reads every context value drift uses; lists as JSON arrays or comma lists (the CLI passes `-c`
 * values as strings). A value that is not what it names stops synth with a ContextError saying so.
 */
export function readDriftContext(given: (key: string) => unknown, keys: readonly string[] = []): DriftContext {
  const read = new Set<string>();
  const get = (key: string): unknown => {
    read.add(key);
    return given(key);
  };
  const str = (key: string, check?: (v: string) => Checked): string | undefined => {
    const v = contextString(key, get(key));
    return v === undefined || !check ? v : checked(key, v, check);
  };
  const list = (key: string, check?: (v: string) => Checked): string[] =>
    contextList(key, get(key)).map((v) => (check ? checked(key, v, check) : v));
  const estates = list('estates');
  const ctx: DriftContext = {
    estates: estates.length ? estates : [DEFAULT_ESTATE],
    stackName: str('stackName', stackName),
    schedule: str('schedule', scheduleExpression),
    timezone: str('timezone', timeZone),
    slackWebhookSecretArn: str('slackWebhookSecretArn', secretCompleteArn),
    alarmEmail: str('alarmEmail', emailAddress),
    vpcId: str('vpcId', vpcId),
    memberRoles: list('memberRoles', roleArn),
    envFileBuckets: [...new Set(list('envFileBuckets', bucketName))],
    readerRoleName: str('readerRoleName', iamRoleName),
    installationAccount: str('installationAccount', accountId),
    installationRegion: str('installationRegion', region),
    reportBaseUrl: str('reportBaseUrl', httpsBaseUrl),
    tickets: ticketsContext(get('tickets'), str('ticketsSecretArn', secretCompleteArn)),
  };
  refuseMisspeltKeys(keys, read);
  return ctx;
}

/**
 * A context key that is almost one of drift's (`-c alarmMail=…`, `-c envFileBucket=…`) would be
 * ignored, and the installation deploy without what it says: no alarm mail, no grant on the
 * buckets. Keys of the CDK's and its lookups (`aws:cdk:…`, `@aws-cdk/…`, `vpc-provider:…`) hold
 * a `:`; any other key far from drift's is someone else's and left alone.
 */
function refuseMisspeltKeys(keys: readonly string[], known: ReadonlySet<string>): void {
  for (const key of keys) {
    if (known.has(key) || key.includes(':')) continue;
    // A typo only: `-c env=prod`, which a team's wrapper may pass every app, is no cut-short envFileBuckets.
    const meant = didYouMean(key, known, { abbreviations: false });
    if (meant) throw new ContextError(`-c ${key}: drift has no setting of that name (did you mean ${meant}?): it would be ignored`);
  }
}

/** `tickets` as `-c` passes it (a string) or cdk.json holds it (a string or an object); `ticketsSecretArn` only with it. */
function ticketsContext(value: unknown, secretArn: string | undefined): DriftContext['tickets'] {
  const blank = value === undefined || value === null || (typeof value === 'string' && !value.trim());
  if (blank) {
    if (secretArn)
      throw new ContextError(
        '-c ticketsSecretArn: given without -c tickets; add -c tickets=github:OWNER/REPO or -c tickets=jira:https://SITE.atlassian.net/PROJECT',
      );
    return undefined;
  }
  const r = parseTrackerConfig(value);
  // Not quoted: a token set here by mistake would be printed in every deploy log.
  if ('problem' in r) throw new ContextError(`-c tickets: the value ${r.problem}`);
  return { config: r.config, secretArn };
}

/**
 * Secrets Manager answers for a secret only in its region, and the functions ask in the
 * installation's: a secret given by ARN elsewhere could never be read. Unchecked while the region is unknown.
 */
export function checkSecretRegions(ctx: DriftContext, installationRegion: string | undefined): void {
  if (!installationRegion) return;
  const given: Array<[string, string | undefined]> = [
    ['slackWebhookSecretArn', ctx.slackWebhookSecretArn],
    ['ticketsSecretArn', ctx.tickets?.secretArn],
  ];
  for (const [key, arn] of given) {
    const secretRegion = arn?.split(':')[3];
    if (secretRegion && secretRegion !== installationRegion)
      throw new ContextError(
        `-c ${key}: the secret is in ${secretRegion}, the installation in ${installationRegion}, and Secrets Manager answers only in a secret's own region: ` +
          `replicate it to ${installationRegion} (Secrets Manager replication) and give the replica's ARN`,
      );
  }
}
