import { APPCONFIG_ID } from '../../../core/source-kinds/appconfig';
import type { SpecOf } from '../../../core/source-kinds/registry';
import { fieldProblem, must, no, ok, sorted, type Checked } from '../checked';
import { regionalArn, type GrantContext, type KindAccess, type ReadScope } from '../kind-access';

/** One declared configuration profile in one environment, by ID, read in its account and region. */
export interface AppConfigRead extends ReadScope {
  application: string;
  environment: string;
  profile: string;
}

const FIELDS = ['application', 'environment', 'profile'] as const;

/** An AppConfig ID as IAM names resources by it: a name would be granted nothing it reads. */
const appConfigId = (v: string): Checked =>
  APPCONFIG_ID.test(v) ? ok(v) : no('is not an AppConfig ID (4-7 lowercase letters and digits)');

const applicationArn = (r: AppConfigRead, w: GrantContext): string => `${regionalArn('appconfig', r, w)}:application/${r.application}`;
const environmentArn = (r: AppConfigRead, w: GrantContext): string => `${applicationArn(r, w)}/environment/${r.environment}`;
/** What StartConfigurationSession and GetLatestConfiguration act on: the profile as deployed to the environment. */
const configurationArn = (r: AppConfigRead, w: GrantContext): string => `${environmentArn(r, w)}/configuration/${r.profile}`;
/** Deployments are numbered as they are made: the environment's, all of them. */
const deploymentsArn = (r: AppConfigRead, w: GrantContext): string => `${environmentArn(r, w)}/deployment/*`;

const each = (reads: AppConfigRead[], w: GrantContext, ...arns: Array<(r: AppConfigRead, w: GrantContext) => string>): string[] =>
  sorted(reads.flatMap((r) => arns.map((arn) => arn(r, w))));

/**
 * AppConfig: the data plane's session and latest configuration on exactly the declared profiles in
 * their environments; ListDeployments and GetDeployment, which IAM authorises on the application and
 * the environment (and a deployment), on exactly the declared environments. Names never appear in
 * these ARNs, IDs do: the schema takes IDs only.
 */
export const appConfigAccess: KindAccess<SpecOf<'appconfig'>, AppConfigRead> = {
  calls: [
    'appconfig:StartConfigurationSession',
    'appconfig:GetLatestConfiguration',
    'appconfig:ListDeployments',
    'appconfig:GetDeployment',
  ],
  problems: (spec) => FIELDS.flatMap((f) => fieldProblem(f, spec[f], appConfigId(spec[f]))),
  read: (spec, scope) => {
    if (spec.from) return undefined;
    const [application, environment, profile] = FIELDS.map((f) => must(`appconfig ${f}`, appConfigId(spec[f])).value) as [
      string,
      string,
      string,
    ];
    return { ...scope, application, environment, profile };
  },
  key: (r) => `${r.account ?? ''}:${r.region ?? ''}:${r.application}/${r.environment}/${r.profile}`,
  grants: (reads, w) => [
    {
      sid: 'ReadDeclaredAppConfigProfiles',
      actions: ['appconfig:GetLatestConfiguration', 'appconfig:StartConfigurationSession'],
      resources: each(reads, w, configurationArn),
    },
    {
      sid: 'ListDeclaredAppConfigDeployments',
      actions: ['appconfig:ListDeployments'],
      resources: each(reads, w, applicationArn, environmentArn),
    },
    {
      sid: 'GetDeclaredAppConfigDeployments',
      actions: ['appconfig:GetDeployment'],
      resources: each(reads, w, applicationArn, environmentArn, deploymentsArn),
    },
  ],
  wildcards: (reads, w) => each(reads, w, deploymentsArn),
  wildcardReason:
    'an AppConfig deployment ARN ends in deployment/* because deployments are numbered as they are made: ' +
    'it covers the deployments of exactly the declared environment of the declared application (checked IDs, no wildcard in them)',
};
