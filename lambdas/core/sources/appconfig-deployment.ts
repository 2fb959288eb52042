import type { OriginMeta } from './observations';
import { isRecord, type Rec } from './shape';
import { ssmDate } from './ssm';

/** Which AppConfig configuration a source reads: the application, environment and configuration profile, by ID. */
export interface AppConfigIds {
  application: string;
  environment: string;
  profile: string;
}

/** True for what `aws appconfig get-deployment` prints (and GetDeployment returns): a numbered deployment of a profile. */
export const isDeploymentDocument = (doc: unknown): doc is Rec =>
  isRecord(doc) && typeof doc.DeploymentNumber === 'number' && typeof doc.ConfigurationProfileId === 'string';

const ID_FIELDS = [
  ['ApplicationId', 'application'],
  ['EnvironmentId', 'environment'],
  ['ConfigurationProfileId', 'profile'],
] as const;

/** Who or what started the deployment (`USER`, `APPCONFIG`, `CLOUDWATCH_ALARM`), from its event log. */
function triggeredBy(doc: Rec): string | undefined {
  const log = Array.isArray(doc.EventLog) ? doc.EventLog.filter(isRecord) : [];
  const started = log.find((e) => e.EventType === 'DEPLOYMENT_STARTED') ?? log[log.length - 1];
  return typeof started?.TriggeredBy === 'string' ? started.TriggeredBy : undefined;
}

/** A hosted configuration's version is a number; an S3 object's or a document's version stays text. */
const versionOf = (v: unknown): string | number | undefined =>
  typeof v !== 'string' || v === '' ? undefined : /^\d{1,15}$/.test(v) ? Number(v) : v;

/**
 * What a deployment says about the values it delivered: the configuration version (else its label),
 * when it completed (else started), and which deployment it was and what triggered it. A deployment
 * of another application, environment or profile is an error: it would date the wrong values.
 */
export function deploymentMeta(doc: Rec, file: string, ids: AppConfigIds, errors: string[]): OriginMeta {
  const wrong = ID_FIELDS.filter(([field, id]) => typeof doc[field] === 'string' && doc[field] !== ids[id]);
  if (wrong.length > 0) {
    errors.push(
      `${file}: a deployment of another ${wrong.map(([, id]) => id).join(' and ')} than ${ids.application}/${ids.environment}/${ids.profile}`,
    );
    return {};
  }
  const meta: OriginMeta = {};
  const version = versionOf(doc.ConfigurationVersion) ?? versionOf(doc.VersionLabel);
  if (version !== undefined) meta.version = version;
  const field = doc.CompletedAt !== undefined && doc.CompletedAt !== null ? 'CompletedAt' : 'StartedAt';
  const when = doc[field];
  if (typeof when === 'string' || typeof when === 'number') {
    const at = ssmDate(when);
    if (at === undefined) errors.push(`${file}: ${field} is not a date`);
    else meta.modifiedAt = at;
  }
  const by = triggeredBy(doc);
  meta.modifiedBy = `deployment ${doc.DeploymentNumber as number}${by ? ` (triggered by ${by})` : ''}`;
  return meta;
}
