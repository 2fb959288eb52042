import type * as z from '../zod';
import type { Position } from '../estate/model';
import type { Observation, Origin, Reference, SourceSnapshot } from '../model';
import type { SourceRecording } from '../recordings/recorded-text';
import type { Reverter } from '../revert/revert-step';
import type { ParseContext } from '../sources/context';
import type { SourceParseResult } from '../sources/result';
import type { Value } from '../values/value';
import type { K8sUnread } from '../sources/k8s-unread';

/** What every declared source has, whatever its kind. */
export interface SourceSpecBase {
  /** Position in the environment's list: later sources override earlier ones. */
  index: number;
  at?: Position;
  /** Where each `from` path is written, in the order of `from`, for errors about a path. */
  fromAt?: Position[];
  /** A defaults layer (shared defaults loaded first): overriding it is never `shadowed`. */
  defaults?: boolean;
}

/** A declared source of kind `K`: the common fields and the fields its schema `S` reads under `- K:`. */
export type KindSpec<K extends string, S extends z.ZodMiniType> = SourceSpecBase & { type: K } & z.output<S>;

/**
 * Reads one source's recorded files (`from:`), fed in order, as text or as bytes (reused once `add`
 * returns). It never throws: what a file holds wrong becomes the errors `finish` returns, which follow
 * the errors of the files that could not be found or read.
 */
export type RecordedReader = (
  { input: 'text'; add(file: string, text: string): void } | { input: 'bytes'; add(file: string, bytes: Uint8Array): void }
) & {
  /**
   * An input the collector could not find or read (its error comes first): a reader whose answer
   * depends on every input (a workload that may be in it) says so rather than "not found".
   */
  skipped?(): void;
  finish(): SourceParseResult;
};

/** What the manifest of the recording drift wrote that a source's files lie in says of them. */
export interface DriftRecording {
  /** A Kubernetes source's objects include those its container only mounts (not so in older recordings, nor of a partial read). */
  mountedObjects: boolean;
  /** What the read recorded could not see (SourceRecording.unread). */
  unread?: K8sUnread;
}

/** How a kind reads its recorded form (`from:`). */
export interface RecordedForm<Spec> {
  /** A reader for the files of one source; `recording` when they lie in a recording drift wrote. */
  reader(spec: Spec, ctx: ParseContext, recording?: DriftRecording): RecordedReader;
  /** Which files of a `from:` folder it reads, by name; default: `.json`, `.yaml`, `.yml`, `.env` and no extension. */
  folderFile?(name: string): boolean;
}

/** What a snapshot keeps so references into it can be resolved: plain data, read only by its own kind. */
export type Referable = Readonly<Record<string, unknown>>;

/** What a reference comes to: a value and where it was read, a target that is not there (dangling), or nothing known. */
export type Resolution = { value: Value; from: Origin } | { missing: { target: string; detail: string } } | undefined;

/** Where a live source was read: its region and account, where known (a recorded one knows only what its spec says). */
export interface SourceWhere {
  region?: string;
  account?: string;
}

/** References a kind's sources answer (an SSM source: `ssm-parameter` references to names under its path). */
export interface ReferenceResolver<Spec> {
  /** The references it resolves, as parsers read them (an ECS `secrets.valueFrom`). */
  kind: Reference['kind'];
  /** What a snapshot of this source keeps to resolve references (set by the collectors, which say where they read it). */
  referable(spec: Spec, result: SourceParseResult, where?: SourceWhere): Referable | undefined;
  /**
   * Resolves references against the environment's snapshots of this kind, lowest precedence first
   * (failed ones too: a failed source covers nothing). Built once, on the environment's first reference.
   */
  resolver(sources: readonly SourceSnapshot[]): (ref: Reference) => Resolution;
  /** The names a reference makes secret: what it resolves to is a secret, whatever the source says. */
  secretNames(ref: Reference): string[];
  /** The name an observation of this kind answers to, for `secretNames`. */
  nameOf(o: Observation): string;
}

/** One recorded input file's text; `file` is relative to the estate's folder. */
export interface TextFile {
  file: string;
  text: string;
}

/** A recorded source: the kind it is written as (a live `eks` source is written as `k8s`), and its recording. */
export interface RecordedSource {
  /** A registered kind (not typed as one: the registry's type is made from the kinds that use this). */
  type: string;
  recording: SourceRecording;
}

/** Makes a source's recording from the snapshot the environment finally holds for it; undefined when nothing can be. */
export type Recorder = (final: SourceSnapshot) => RecordedSource | undefined;

/** How `drift snapshot --record` writes a kind: its recorded form, secrets as markers (pure: the collector reads the files). */
export interface RecordingForm<Spec, Kept> {
  /** It records what its parser read from the recorded files (`from:`): their text is read for it. */
  readsFiles: boolean;
  /** How to make the recording once the snapshot is final, from what the live reader kept or the recorded files' text. */
  prepare(spec: Spec, ctx: ParseContext, inputs: { kept?: Kept; files?: TextFile[]; recording?: DriftRecording }): Recorder;
}

/**
 * One kind of source in the core: how it is declared, shown and referred to. How it is read from and
 * written to files is its file form (file-forms.ts), apart so that what only reads an estate (every
 * Lambda: their sources are read live) does not load the parsers of recorded files.
 */
export interface SourceKind<K extends string, S extends z.ZodMiniType> {
  type: K;
  /** The fields under `- KIND:` in drift.yaml, `defaults` included: a strict object. */
  schema: S;
  /** What it reads, in one sentence, for the JSON Schema editors show. */
  about: string;
  /** How people see a declared source: `ssm /production/api/ (recorded exports/prod.json)`. */
  label(spec: KindSpec<K, S>): string;
  /** The references it resolves; undefined for most kinds. */
  references: ReferenceResolver<KindSpec<K, S>> | undefined;
  /**
   * The prefix the names it reads lose to become keys (an SSM path), so a full name typed on the
   * command line means its key; undefined when names are keys.
   */
  namePrefix: ((spec: KindSpec<K, S>) => string | undefined) | undefined;
  /**
   * The Secrets Manager secret it reads (its id, and its Region where not the environment's), so an ARN typed on
   * the command line means the keys it holds; absent for kinds that read no one secret.
   */
  secretRead?: (spec: KindSpec<K, S>) => { secretId: string; region: string | undefined };
  /**
   * Whether a value a finding names by `location` (`config/prod.json#db.timeout`, `prod.env:3`, an
   * SSM name) was read by this declared source, for a resolution to say "source removed"; absent, or
   * undefined, where the location cannot tell (objects the platform names, an absolute path).
   */
  reads?: (spec: KindSpec<K, S>, location: string) => boolean | undefined;
  /**
   * How outputs that point into the repository (SARIF) find the line of a recorded file that sets a
   * value, by its location: `line` where the location ends with it (`env/prod.env:3`), `key-path` a
   * key path into a JSON or YAML file (`config/prod.json#db.timeout`), `manifest` a Kubernetes
   * manifest's object and key; undefined where no file people edit sets its values (read live, or an export).
   */
  valueLine: 'line' | 'key-path' | 'manifest' | undefined;
  /**
   * It serves feature flags (AppConfig's): a `*.enabled` key it gives in every environment is a flag,
   * for `stale-flag`, without the baseline declaring it one.
   */
  servesFlags: boolean;
  /**
   * Its workload reads ConfigMaps and Secrets, whose keys its locations name (`configMapKeyRef
   * app-config/DB_HOST`): a key there may be a credential to hide. The kinds whose file form has an
   * objectsPlace, said here so the engine need not load the file forms.
   */
  readsObjects?: true;
  /** What the JSON Schema must say that the zod schema's refinements cannot (`anyOf` of required fields). */
  jsonSchema?: Readonly<Record<string, unknown>>;
}

/**
 * How a kind's sources are read from files, written as files and set back: `Kept` is what its live
 * reader hands back for a recording.
 */
export interface SourceFileForm<Spec, Kept = never> {
  /** Its recorded form; undefined for a kind that is only read live. */
  recorded: RecordedForm<Spec> | undefined;
  /** How it is recorded by `drift snapshot --record`. */
  recording: RecordingForm<Spec, Kept>;
  /** `drift revert`: the steps that set a key of such a source back to a value (pure; undefined: change it by hand). */
  revert?: Reverter<Spec>;
  /**
   * Where the ConfigMaps and Secrets its workload reads live, the same for every source over the same
   * objects (a revert that patches one finds the other workloads it reaches); absent for other kinds.
   */
  objectsPlace?: (spec: Spec, environment: { region?: string }) => string;
}

/** A source kind, its spec type checked against its schema. */
export const defineSourceKind = <K extends string, S extends z.ZodMiniType>(kind: SourceKind<K, S>): SourceKind<K, S> => kind;
