import type { KeptOf } from '../../core/source-kinds/file-forms';
import type { SourceType, SpecOf } from '../../core/source-kinds/registry';
import { appConfigLive } from './appconfig/appconfig-kind';
import type { TargetClients } from './aws-target';
import { ecsLive } from './ecs/ecs-kind';
import { eksLive } from './eks/eks-kind';
import type { ReadScope } from './kind-access';
import type { LiveKind, LiveSdk } from './live-kind';
import { secretsManagerLive } from './secretsmanager/secretsmanager-kind';
import { ssmLive } from './ssm/ssm-kind';

/**
 * How each kind of source is read live from AWS (pace, IAM, and its SDK part), keyed like the core's
 * SOURCE_KINDS: a kind that reads files only is `undefined`; a kind left out does not compile, nor
 * does a live reader that hands its recording something else than the kind records.
 */
export const LIVE_KINDS = {
  file: undefined,
  dotenv: undefined,
  ssm: ssmLive,
  ecs: ecsLive,
  eks: eksLive,
  k8s: undefined,
  secretsmanager: secretsManagerLive,
  appconfig: appConfigLive,
} as const satisfies { [K in SourceType]: LiveKind<SpecOf<K>, unknown, never, KeptOf<K>, ReadScope> | undefined };

type Lives = typeof LIVE_KINDS;
type LiveOf<K extends LiveType> = NonNullable<Lives[K]>;
type SdkOf<K extends LiveType> = Awaited<ReturnType<LiveOf<K>['load']>>;
type Intersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;

/** The kinds read live from AWS. */
export type LiveType = { [K in SourceType]: Lives[K] extends undefined ? never : K }[SourceType];

/** Every live kind's clients, as the wiring makes them for one account and region. */
export type LiveClients = TargetClients & Intersection<{ [K in LiveType]: ReturnType<SdkOf<K>['clients']> }[LiveType]>;
/** What the wiring gives the live kinds (a task-definition cache, a Kubernetes client). */
export type LiveKindDeps = Intersection<{ [K in LiveType]: Parameters<SdkOf<K>['reader']>[0] }[LiveType]>;
/** The declared live reads of each live kind. */
export type LiveReads = { [K in LiveType]: Array<NonNullable<ReturnType<LiveOf<K>['access']['read']>>> };

/** The live kind of a source kind; undefined for one that reads files only. */
export const liveKindOf = <K extends SourceType>(type: K): LiveKind<SpecOf<K>, unknown, never, unknown, ReadScope> | undefined =>
  LIVE_KINDS[type] as LiveKind<SpecOf<K>, unknown, never, unknown, ReadScope> | undefined;

/** The live kinds with their live part, in registry order. */
export const LIVE = (Object.keys(LIVE_KINDS) as SourceType[]).flatMap((type) => {
  const live = liveKindOf(type);
  return live ? [{ type: type as LiveType, live: live as LiveKind<never, unknown, never, unknown, ReadScope> }] : [];
});

/** A live kind's SDK part, untyped by kind: what the collector, the client factory and discovery hold. */
export type AnyLiveSdk = LiveSdk<never, unknown, never, unknown>;

const loaded = new Map<LiveType, AnyLiveSdk>();

/** The SDK part of a live kind (its clients, reader and discovery), loaded at the first call and kept. */
export async function loadLive(type: LiveType): Promise<AnyLiveSdk> {
  let sdk = loaded.get(type);
  if (!sdk) {
    sdk = (await liveKindOf(type)!.load()) as AnyLiveSdk;
    loaded.set(type, sdk);
  }
  return sdk;
}

/** The live kinds whose SDK part is loaded, in the order they were: their clients are the ones to make. */
export const loadedLive = (): ReadonlyMap<LiveType, AnyLiveSdk> => loaded;
