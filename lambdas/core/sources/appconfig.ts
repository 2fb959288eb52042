import type { Observation } from '../model';
import { appConfigLocation } from './appconfig-location';
import { formatOf, parseStructuredLinked } from './appconfig-content';
import { deploymentMeta, isDeploymentDocument, type AppConfigIds } from './appconfig-deployment';
import { isFeatureFlagsDocument, servedFlags } from './appconfig-flags';
import { configFileObservations, dotenvObservations, type ParsedConfig } from './config-file';
import type { ParseContext } from './context';
import { SourceInputError } from './errors';
import { originOf, withOrigin, type OriginMeta } from './observations';
import type { SourceParseResult } from './result';
import type { Rec } from './shape';

export type { AppConfigIds } from './appconfig-deployment';

/**
 * One input of an AppConfig source: the configuration's content (what GetLatestConfiguration served,
 * or a recorded file of it), or a deployment (what `aws appconfig get-deployment` prints). A recorded
 * file says which it is by its shape; the live reader says so with `role`.
 */
export interface AppConfigDocument {
  file: string;
  text: string;
  /** The Content-Type AppConfig served the content with; recorded files go by their extension. */
  contentType?: string;
  role?: 'content' | 'deployment';
}

export interface AppConfigInputs {
  documents: AppConfigDocument[];
  /** The hosted version's label GetLatestConfiguration returned: the version when no deployment says one. */
  versionLabel?: string;
}

export { appConfigLocation } from './appconfig-location';

type Content = { file: string; kind: 'text'; text: string } | { file: string; kind: 'doc'; doc: unknown; links: ParsedConfig['links'] };

type Sorted = { contents: Content[]; deployments: Array<{ file: string; doc: Rec }>; unread: number };

/** Sorts each document into content or deployment, parsing it once; what cannot be read becomes an error line. */
function sortDocuments(documents: AppConfigDocument[], errors: string[]): Sorted {
  const sorted: Sorted = { contents: [], deployments: [], unread: 0 };
  const { contents, deployments } = sorted;
  for (const { file, text, contentType, role } of documents) {
    const format = role === 'deployment' ? 'json' : formatOf(text, file, contentType);
    if (format === 'ion') {
      errors.push(`${file}: multi-variant feature flags (served as Amazon Ion) are not read`);
      sorted.unread++;
      continue;
    }
    if (format === 'text') {
      contents.push({ file, kind: 'text', text });
      continue;
    }
    let parsed: ParsedConfig | undefined;
    try {
      parsed = parseStructuredLinked(text, file, format);
    } catch (err) {
      if (!(err instanceof SourceInputError)) throw err;
      errors.push(err.message.startsWith(file) ? err.message : `${file}: ${err.message}`);
      sorted.unread++;
      continue;
    }
    const doc = parsed?.doc;
    if (role === 'deployment' || (role === undefined && isDeploymentDocument(doc))) {
      if (isDeploymentDocument(doc)) deployments.push({ file, doc });
      else errors.push(`${file}: not a deployment: expected DeploymentNumber and ConfigurationProfileId`);
    } else contents.push({ file, kind: 'doc', doc, links: parsed?.links ?? [] });
  }
  return sorted;
}

/** The observations of the content, at `APP/ENV/PROFILE` followed by `#key.path` (structured) or `:line` (text). */
function contentObservations(content: Content, where: string, ctx: ParseContext): SourceParseResult {
  if (content.kind === 'text') return dotenvObservations(content.text, where, ctx);
  if (!isFeatureFlagsDocument(content.doc)) return configFileObservations(content.doc, where, ctx, content.links);
  const problems: string[] = [];
  const served = servedFlags(content.doc, problems);
  const result = configFileObservations(served, where, ctx);
  result.errors.unshift(...problems.map((p) => `${content.file}#${p}`));
  return result;
}

const withMeta = (observations: Observation[], ctx: ParseContext, meta: OriginMeta): Observation[] =>
  observations.map((o) => withOrigin(o, originOf(ctx, o.origin.location, meta)));

/**
 * The observations of one AppConfig configuration profile, live or recorded alike: JSON or YAML
 * content flattened as configuration files are, text as `KEY=VALUE` lines, a feature-flags document
 * as the flags it serves (`<flag>.enabled`, `<flag>.<attribute>`). A deployment beside it gives each
 * value its version, time and deployment. Errors name the input and a position, never a value.
 */
export function parseAppConfig(inputs: AppConfigInputs, ids: AppConfigIds, ctx: ParseContext): SourceParseResult {
  const errors: string[] = [];
  const { contents, deployments, unread } = sortDocuments(inputs.documents, errors);
  if (deployments.length > 1) errors.push(`${deployments.map((d) => d.file).join(', ')}: more than one deployment for one profile`);
  const deployment = deployments.length === 1 ? deployments[0] : undefined;
  const meta: OriginMeta = deployment ? deploymentMeta(deployment.doc, deployment.file, ids, errors) : {};
  if (meta.version === undefined && inputs.versionLabel) meta.version = inputs.versionLabel;
  if (contents.length !== 1) {
    if (contents.length > 1)
      errors.push(`${contents.map((c) => c.file).join(', ')}: a profile has one configuration, and these are several`);
    else if (unread === 0) errors.push(`${inputs.documents.map((d) => d.file).join(', ') || 'appconfig'}: no configuration content`);
    return { observations: [], dangling: [], errors };
  }
  const read = contentObservations(contents[0] as Content, appConfigLocation(ids), ctx);
  return { observations: withMeta(read.observations, ctx, meta), dangling: [], errors: [...errors, ...read.errors] };
}
