import type { FindingKind } from './kinds';
import type { Severity } from './severity';
import type { Referable } from './source-kinds/source-kind';
import type { SourceType } from './source-kinds/registry';
import type { Value } from './values/value';

export type { SourceType } from './source-kinds/registry';

/** Which declared source of an environment something came from. */
export interface SourceLabel {
  /** Position in the environment's `sources` list: higher wins. */
  index: number;
  type: SourceType;
  /** Human label: `ssm /production/api/ (recorded)`, `k8s manifests/prod/ api-server`. */
  label: string;
  /** Declared `defaults: true`: a layer meant to be overridden. */
  defaults?: boolean;
}

/** Where one value was read, as precisely as the platform says. */
export interface Origin {
  source: SourceLabel;
  /** File and key path, SSM parameter name, `ConfigMap api/api-config LOG_LEVEL`, … */
  location: string;
  version?: string | number;
  modifiedAt?: string;
  modifiedBy?: string;
  /**
   * SSM: the parameter is a SecureString (absent for a String or StringList). A String can hold a
   * secret too (by its name or content): what it is, not how drift holds its value, decides how a revert puts it back.
   */
  secureString?: true;
}

/** What a reference points at, for resolution against the environment's other sources. */
export interface Reference {
  kind: 'ssm-parameter' | 'secretsmanager' | 'other';
  /** SSM parameter name (`/production/api/db_password`) or the ARN as written. */
  target: string;
  optional?: boolean;
}

/** One key set by one source. */
export interface Observation {
  key: string;
  /** The key as the source spells it: `DB_TIMEOUT`, `/production/api/db_timeout`. */
  rawKey: string;
  value: Value;
  origin: Origin;
  /** Set when the value is a reference to resolve (ECS `secrets.valueFrom`). */
  ref?: Reference;
  /**
   * The value is one placeholder of the application's configuration file (`${DB_TIMEOUT:10s}` in application.yml):
   * the application runs what the environment sets for the key it names, else its default (resolvePlaceholders).
   */
  placeholder?: Placeholder;
  /**
   * Another value of its source takes this one in (`CART_ADDR=cart:${CART_PORT}`, Kubernetes `$(VAR)`): the
   * key is used by the environment itself, whether or not code reads it.
   */
  expandedInto?: true;
  /**
   * The number the run's interner gave `key` (KeyValueInterner.keyId), on an observation read through one: a hint
   * that finds the key's column in a KeySpace without hashing it, checked against `key` wherever it is used. Not part
   * of the observation's JSON.
   */
  keyId?: number;
}

/** A placeholder a value is (Observation.placeholder): the name it takes, as written and canonical, and its default's value. */
export interface Placeholder {
  name: string;
  key: string;
  /** What `${NAME:default}` falls back to, judged as a value of the observation's own key; absent for `${NAME}`. */
  fallback?: Value;
}

/** A reference that points at nothing: `configMapKeyRef` to a missing key, and the like. */
export interface DanglingRef {
  key: string;
  target: string;
  detail: string;
  origin: Origin;
  /** The missing target would hold a secret (a Kubernetes Secret key): the key is one in every source. */
  secret?: boolean;
}

/** One running copy of a workload (an ECS task, a Kubernetes pod) and the keys it read when it started. */
export interface RuntimeUnit {
  unit: 'task' | 'pod';
  id: string;
  /** ISO-8601: when it read its configuration (the task's start, the container's last start). */
  startedAt: string;
  /** The revision it runs (ECS task definition revision), where the platform says. */
  revision?: string;
  /** Canonical keys whose values it took at start: they change only with a new task or pod. */
  reads: string[];
}

/**
 * A ConfigMap or Secret key a container reads as a file through a `subPath` mount: copied when the
 * container starts, never updated in place. Not a key drift observes, so it is dated by its object.
 */
export interface MountRead {
  /** `ConfigMap checkout/api-files`. */
  object: string;
  /** The key copied; absent for a `subPathExpr` mount, whose file depends on the pod. */
  key?: string;
  /** Where the container sees it: `/etc/api/app.properties`. */
  mountPath: string;
  /** When the object was last written (`drift.dev/modified-at`, else managedFields); undated without it. */
  modifiedAt?: string;
  modifiedBy?: string;
}

/**
 * Another workload of a source's inputs that reads a ConfigMap or Secret the source's workload reads
 * through its environment: a change to that object reaches it too, at its next restart.
 */
export interface ObjectConsumer {
  /** As kubectl names it: `deployment/checkout-worker`. */
  workload: string;
  namespace: string;
  /** `ConfigMap checkout/api-config`. */
  object: string;
  /** The key it reads (`configMapKeyRef`), a credential in it hidden as in locations; absent when it reads them all (`envFrom`). */
  key?: string;
}

/** What runs of a workload right now: kind-neutral, judged by the `stale-runtime` check. */
export interface WorkloadRuntime {
  /** `service checkout-api`, `Deployment api/api-server`. */
  workload: string;
  /** The revision the workload should run (the ECS service's task definition revision). */
  revision?: string;
  /** When the rollout to `revision` started, while it is still in progress: older units are expected for a while. */
  rolloutSince?: string;
  units: RuntimeUnit[];
  /** Files every unit copied at start from a ConfigMap or Secret (Kubernetes `subPath` mounts). */
  mounts?: MountRead[];
}

/**
 * A file a source without `profiles:` read with the profiles its framework runs by default (Quarkus's `prod`, or the
 * `quarkus.profile` the file sets), where they decide what it holds (it writes a `%staging.` setting).
 */
export interface ProfileDefault {
  file: string;
  /** The setting that names the profiles where the application runs: `quarkus.profile` (QUARKUS_PROFILE). */
  key: 'quarkus.profile';
  profiles: readonly string[];
}

/** Everything one source returned. `errors` non-empty means the source failed (maybe partially). */
export interface SourceSnapshot {
  source: SourceLabel;
  /** In source order; a key may repeat, and then the later observation is the one the source applies. */
  observations: Observation[];
  dangling: DanglingRef[];
  errors: string[];
  /** What its kind keeps to resolve references into it (an SSM source: the path it read in full); plain data. */
  referable?: Referable;
  observedAt?: string;
  /** The running tasks or pods of the source's workload, when the source reads them. */
  runtime?: WorkloadRuntime;
  /** Other workloads among its inputs that read the objects its workload reads (never stored). */
  consumers?: ObjectConsumer[];
  /** Files it read with a framework's default profile, for want of `profiles:`, where the profile decides what they hold (never stored). */
  profileDefaults?: ProfileDefault[];
  /** A targeted read that stands on the source's stored snapshot (see core/sources/partial-read). */
  partial?: PartialRead;
}

/**
 * What a targeted read read itself: the `locations` it looked up (one not among the observations
 * is gone); every other observation is the stored snapshot's, the one whose hash is `base`.
 */
export interface PartialRead {
  locations: string[];
  /** Set by the audit once it has stood the read on the store's current snapshot. */
  base?: string;
  /** Set with `base`: what the save keeps of the places found gone by name (see StoredSnapshot.gone). */
  gone?: Record<string, string>;
}

export interface EnvironmentSnapshot {
  environment: string;
  sources: SourceSnapshot[];
}

/** Where a finding's value comes from, as the audit document shows it. */
export interface SourceRef {
  type: SourceType;
  location: string;
  version?: string | number;
  modifiedAt?: string;
  modifiedBy?: string;
}

export interface ExceptionRef {
  environment?: string;
  group?: string;
  key: string;
  value?: string;
  reason: string;
  ticket?: string;
  /** Absent for a permanent exception. */
  expires?: string;
  permanent?: boolean;
}

/** A finding that explains another one: named on it, so a consumer can tell one cause from two. */
export interface FindingCause {
  id: string;
  kind: FindingKind;
  severity: Severity;
  environment: string;
}

/** One finding, in the shape of the audit document (spec section 4). */
/** The source that decides a key whose change another one recorded, and the value the environment runs from it. */
export interface NotInEffect {
  /** The deciding source's label. */
  by: string;
  /** Its value, as outputs show it (a secret as its fingerprint marker). */
  value: string;
}

export interface Finding {
  id: string;
  kind: FindingKind;
  severity: Severity;
  estate: string;
  environment?: string;
  group?: string;
  key?: string;
  rule?: string;
  expected?: string;
  actual?: string;
  /** Parity: one entry per environment of the group, null where absent. */
  values?: Record<string, string | null>;
  /** Parity: the members whose value took no part in the comparison (a failed source, an unreadable value, an autoscaler's count). */
  notCompared?: string[];
  source?: SourceRef;
  /** Shadowed: the sources whose values are hidden by the effective one. */
  hidden?: Array<SourceRef & { value: string }>;
  owner?: string;
  message: string;
  status?: 'new' | 'open';
  firstSeen?: string;
  exception?: ExceptionRef;
  /** Suppressed findings whose exception expires within 7 days. */
  expiresSoon?: boolean;
  /** A change by someone not among `deployers:` (on `changed`, and on the findings such a change opens). */
  outOfBand?: boolean;
  /** Out-of-band: who made the change, as the platform names them. */
  changedBy?: string;
  /** Out-of-band: when the change was made (ISO), where the platform says. */
  changedAt?: string;
  /** `changed`: another source decides the key (for a removal, still sets it), so the change is not what the environment runs. */
  notInEffect?: NotInEffect;
  /**
   * Parity: the findings of members that explain the difference (the key absent there, or read through
   * a reference to nothing): one cause with them, ticketed with them (see core/related-findings).
   */
  causedBy?: FindingCause[];
}
