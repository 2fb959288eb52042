import { appConfigFiles } from './file-forms/appconfig';
import { dotenvFiles } from './file-forms/dotenv';
import { ecsFiles } from './file-forms/ecs';
import { eksFiles } from './file-forms/eks';
import { fileFiles } from './file-forms/file';
import { k8sFiles } from './file-forms/k8s';
import { secretsManagerFiles } from './file-forms/secretsmanager';
import { ssmFiles } from './file-forms/ssm';
import type { SourceType, SpecOf } from './registry';
import type { SourceFileForm } from './source-kind';

/**
 * Each kind's file form (how `from:` is read, how `drift snapshot --record` writes it, how `drift
 * revert` sets it back), keyed like SOURCE_KINDS: a kind left out does not compile. Only the CLI
 * imports it; the Lambdas read sources live and never bundle these parsers.
 */
export const SOURCE_FILE_FORMS = {
  file: fileFiles,
  dotenv: dotenvFiles,
  ssm: ssmFiles,
  ecs: ecsFiles,
  eks: eksFiles,
  k8s: k8sFiles,
  secretsmanager: secretsManagerFiles,
  appconfig: appConfigFiles,
} as const satisfies { [K in SourceType]: SourceFileForm<SpecOf<K>, unknown> };

/** What a kind's live reader hands its recording. */
export type KeptOf<K extends SourceType> = (typeof SOURCE_FILE_FORMS)[K] extends SourceFileForm<SpecOf<K>, infer Kept> ? Kept : never;

/** The file form of a declared source, typed for its spec. */
export const fileFormOf = <K extends SourceType>(spec: SpecOf<K>): SourceFileForm<SpecOf<K>, KeptOf<K>> =>
  SOURCE_FILE_FORMS[spec.type] as unknown as SourceFileForm<SpecOf<K>, KeptOf<K>>;
