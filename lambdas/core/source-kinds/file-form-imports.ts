import type { KeptOf, SOURCE_FILE_FORMS } from './file-forms';
import type { SourceType, SpecOf } from './registry';
import type { SourceFileForm } from './source-kind';

/**
 * Each kind's file form, imported at the first source of the kind a run reads from files, keyed like
 * SOURCE_FILE_FORMS: an audit of config files, dotenv files and SSM exports never loads the parsers,
 * recordings and revert plans of ECS, EKS, Kubernetes, Secrets Manager or AppConfig. Two imports, not
 * one a kind: the build splits the modules a form shares with others into a chunk per set of imports.
 */
const FILE_FORM_IMPORTS = {
  file: () => import('./file-forms/flat-forms').then((m) => m.fileFiles),
  dotenv: () => import('./file-forms/flat-forms').then((m) => m.dotenvFiles),
  ssm: () => import('./file-forms/flat-forms').then((m) => m.ssmFiles),
  ecs: () => import('./file-forms/service-forms').then((m) => m.ecsFiles),
  eks: () => import('./file-forms/service-forms').then((m) => m.eksFiles),
  k8s: () => import('./file-forms/service-forms').then((m) => m.k8sFiles),
  secretsmanager: () => import('./file-forms/service-forms').then((m) => m.secretsManagerFiles),
  appconfig: () => import('./file-forms/service-forms').then((m) => m.appConfigFiles),
} as const satisfies { [K in SourceType]: () => Promise<(typeof SOURCE_FILE_FORMS)[K]> };

/**
 * The file form of a declared source, imported at the first call for its kind (fileFormOf, loaded on demand). The module
 * loader keeps what it imported: a later call waits on no load, and nothing here outlives a run.
 */
export async function importFileForm<K extends SourceType>(spec: SpecOf<K>): Promise<SourceFileForm<SpecOf<K>, KeptOf<K>>> {
  const form: unknown = await FILE_FORM_IMPORTS[spec.type]();
  return form as SourceFileForm<SpecOf<K>, KeptOf<K>>;
}
