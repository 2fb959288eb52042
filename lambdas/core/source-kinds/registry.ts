import { appConfigKind } from './appconfig';
import { dotenvKind } from './dotenv';
import { ecsKind } from './ecs';
import { eksKind } from './eks';
import { fileKind } from './file';
import { k8sKind } from './k8s';
import { secretsManagerKind } from './secretsmanager';
import type { KindSpec, SourceKind } from './source-kind';
import { ssmKind } from './ssm';

/**
 * Every kind of source, in the order drift.yaml's errors and schema list them. Adding one is adding
 * its module here, its file form in file-forms.ts and, for a live one, its live kind in
 * lambdas/adapters/live/live-kinds.ts.
 */
export const SOURCE_KINDS = {
  file: fileKind,
  dotenv: dotenvKind,
  ssm: ssmKind,
  ecs: ecsKind,
  eks: eksKind,
  k8s: k8sKind,
  secretsmanager: secretsManagerKind,
  appconfig: appConfigKind,
} as const;

// A kind filed under another name than its own does not compile.
SOURCE_KINDS satisfies { [K in keyof typeof SOURCE_KINDS]: { type: K } };

export type SourceType = keyof typeof SOURCE_KINDS;
export const SOURCE_TYPES = Object.keys(SOURCE_KINDS) as SourceType[];

/** A declared source of one kind. */
export type SpecOf<K extends SourceType> = KindSpec<K, (typeof SOURCE_KINDS)[K]['schema']>;
/** A declared source of any kind: a union on `type`. */
export type SourceSpec = { [K in SourceType]: SpecOf<K> }[SourceType];

/** The kind of a declared source, typed for its spec (the registry's keys are the specs' types). */
export const sourceKindOf = <K extends SourceType>(spec: SpecOf<K>): SourceKind<K, (typeof SOURCE_KINDS)[K]['schema']> =>
  SOURCE_KINDS[spec.type] as unknown as SourceKind<K, (typeof SOURCE_KINDS)[K]['schema']>;
