import type { SourceSnapshot } from '../model';
import { appConfigLocation, type AppConfigIds } from '../sources/appconfig';
import { formatOf, parseStructured } from '../sources/appconfig-content';
import { isDeploymentDocument } from '../sources/appconfig-deployment';
import { isRecord, type Rec } from '../sources/shape';
import type { TextFile } from '../source-kinds/source-kind';
import { dotenvRecording, fileRecording } from './flat-recording';
import type { SourceRecording } from './recorded-text';

/** What a live read hands its recording: the deployment as get-deployment prints it, when there is one. */
export interface AppConfigKept {
  deployment?: Rec;
}

/** The fields of a deployment the parser reads, and its name and state for people. */
const DEPLOYMENT_FIELDS = [
  'ApplicationId',
  'EnvironmentId',
  'ConfigurationProfileId',
  'DeploymentNumber',
  'ConfigurationName',
  'ConfigurationVersion',
  'VersionLabel',
  'State',
  'StartedAt',
  'CompletedAt',
];

/** A deployment as get-deployment prints it, with only what the parser reads (no description, no extensions). */
function deploymentAsRead(doc: Rec): Rec {
  const out: Rec = {};
  for (const field of DEPLOYMENT_FIELDS) if (doc[field] !== undefined) out[field] = doc[field];
  const events = Array.isArray(doc.EventLog) ? doc.EventLog.filter(isRecord) : [];
  out.EventLog = events.map((e) => ({ EventType: e.EventType, TriggeredBy: e.TriggeredBy, OccurredAt: e.OccurredAt }));
  return out;
}

/**
 * An `appconfig` source as its recorded form: the values as read (text profiles as KEY=VALUE lines,
 * the rest as flat JSON, whose keys flatten back to the same keys and locations; flags as the values
 * they serve), secrets as markers, and the deployment beside them. Undefined when nothing was read.
 */
export function appConfigRecording(
  snapshot: SourceSnapshot,
  spec: AppConfigIds & { region?: string },
  deployment?: Rec,
): SourceRecording | undefined {
  if (snapshot.observations.length === 0 && snapshot.errors.length > 0) return undefined;
  const at = appConfigLocation(spec);
  const text = snapshot.observations.length > 0 && snapshot.observations.every((o) => o.origin.location.startsWith(`${at}:`));
  const content = text ? dotenvRecording(snapshot) : fileRecording(snapshot);
  const files = content.files.map((f) => ({ ...f, path: text ? 'configuration.env' : 'configuration.json' }));
  const losses = [...content.losses];
  if (deployment) files.push({ path: 'deployment.json', text: `${JSON.stringify(deploymentAsRead(deployment), null, 4)}\n` });
  else if (snapshot.observations.some((o) => o.origin.version !== undefined))
    losses.push(`${snapshot.source.label}: the version label is not recorded without a deployment`);
  const { application, environment, profile, region } = spec;
  return { files, spec: { application, environment, profile, ...(region ? { region } : {}) }, losses };
}

/** The deployment among a recorded source's files, if one is there (a file that does not parse is the snapshot's error already). */
export function recordedDeployment(files: readonly TextFile[]): Rec | undefined {
  for (const { file, text } of files) {
    const format = formatOf(text, file);
    if (format !== 'json' && format !== 'yaml') continue;
    try {
      const doc = parseStructured(text, file, format);
      if (isDeploymentDocument(doc)) return doc;
    } catch {
      // the content, or a file the snapshot reported
    }
  }
  return undefined;
}
