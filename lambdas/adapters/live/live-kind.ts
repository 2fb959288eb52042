import type { ChangeEvent } from '../../core/events/change-event';
import type { DiscoverScope } from '../../core/init/discovered';
import type { Observation, PartialRead } from '../../core/model';
import type { ParseContext } from '../../core/sources/context';
import type { SourceParseResult } from '../../core/sources/result';
import type { Destroyable, SdkClientConfig, TargetClients } from './aws-target';
import type { Discovery } from './discovery';
import type { KindAccess, ReadScope } from './kind-access';
import type { Limit } from './limit';
import type { FamilyLimit } from './rate-limiter';

/** What one live collection of one source is given. */
export interface LiveCall<Clients> {
  /** The clients of the source's account and region (every kind's: each uses its own). */
  clients: Clients & TargetClients;
  region: string;
  roleArn?: string;
  /** Paces this source's calls; once the source is past its deadline its calls fail instead of going out. */
  limit: Limit;
  /** The account and region's limiter itself, for what is shared between sources (an EKS cluster's endpoint). */
  shared: Limit;
  now(): Date;
  /** The source's previous stored snapshot, when a store is in use: what did not move need not be read again. */
  previous(): Promise<Observation[] | undefined>;
  /** `drift snapshot --record` is running: hand back what was parsed, as `kept`. */
  keepInputs: boolean;
  /** A targeted run's hint: what its events named as changed; a kind that cannot read just those reads everything. */
  only?: readonly string[];
}

/** What a live collection returns: the parser's result, when it was observed, the calls made, what was kept to record. */
export type LiveResult<Kept> = SourceParseResult & {
  observedAt?: string;
  /** API calls by operation, for the run's log and the benchmark; absent when none was attempted. */
  calls?: Record<string, number>;
  /** With `keepInputs`: what the parser read (plain text: the kind's recording redacts it at once). */
  kept?: Kept;
  /** A targeted read that read only some of the source and took the rest from its stored snapshot. */
  partial?: PartialRead;
};

/** Collects sources of one kind for one collector's life (it may keep state: an EKS cluster's endpoint). */
export interface LiveReader<Spec, Clients, Kept> {
  collect(spec: Spec, ctx: ParseContext, call: LiveCall<Clients>): Promise<LiveResult<Kept>>;
}

/**
 * The part of a live kind that uses the AWS SDK: its clients, its reader and its discovery. It is
 * loaded when a source of the kind is first read (LiveKind.load), so a run loads the SDK clients of
 * the kinds it reads only, and a Lambda starts without any.
 */
export interface LiveSdk<Spec, Clients, Deps, Kept> {
  /** Makes this kind's SDK clients for one target (`{ ssm: new SSMClient(config) }`); only the wiring calls it, and destroys them. */
  clients(config: SdkClientConfig): Clients & Record<keyof Clients, Destroyable>;
  /** A reader, given what the wiring provides for this kind (a task-definition cache, a Kubernetes client). */
  reader(deps: Deps): LiveReader<Spec, Clients, Kept>;
  /** Lists what a team could declare as sources of this kind, for `drift init --discover`; a kind without it is not listed. */
  discover?: Discovery<Clients, Deps>;
}

/** How a kind is read live from AWS: its pace and the IAM it needs, and its SDK part, loaded on demand. */
export interface LiveKind<Spec, Clients, Deps, Kept, Read extends ReadScope> {
  /** Pace of each API family it calls through `limit(family, …)`, well under AWS's shared quotas. */
  limits: Readonly<Record<string, FamilyLimit>>;
  access: KindAccess<Spec, Read>;
  /** Whether a change event names what this declared read reads (its account and region are matched by the caller); a kind without it is audited nightly only. */
  touches?(read: Read, change: ChangeEvent): boolean;
  /**
   * Where `drift init --discover`'s scope asks this kind to look (`--ssm-path`, …), said for people
   * (`SSM path /app/`); undefined when it does not ask. Its SDK part's `discover` then lists it.
   */
  discovers?(scope: DiscoverScope): string | undefined;
  /** Its SDK part (a dynamic import of the kind's `*-sdk` module); callers load it through live-kinds' `loadLive`, which keeps it. */
  load(): Promise<LiveSdk<Spec, Clients, Deps, Kept>>;
}

/** A live kind, its parts checked against one another. */
export const defineLiveKind = <Spec, Clients, Deps = object, Kept = never, Read extends ReadScope = ReadScope>(
  kind: LiveKind<Spec, Clients, Deps, Kept, Read>,
): LiveKind<Spec, Clients, Deps, Kept, Read> => kind;

/** A live kind's SDK part, its parts checked against one another. */
export const defineLiveSdk = <Spec, Clients, Deps = object, Kept = never>(
  sdk: LiveSdk<Spec, Clients, Deps, Kept>,
): LiveSdk<Spec, Clients, Deps, Kept> => sdk;
