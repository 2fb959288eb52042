import type { Severity } from '../severity';
import type { ValueType } from '../values/types';
import type { FindingKind } from '../kinds';
import type { SourceSpec } from '../source-kinds/registry';
import type { TicketRouting } from '../tickets/ticket-routing';

/** A position in a file, for errors people can jump to. */
export interface Position {
  file: string;
  line: number;
  column: number;
}

/**
 * The fields of the estate model that hold positions (`at`, and a source's `fromAt`). The parser
 * gives them as lazy fields: reading one parses the file again with positions (lazyField).
 */
export const POSITION_FIELDS: ReadonlySet<string> = new Set(['at', 'fromAt']);

/** A declared source: one kind of the registry, with its fields (see lambdas/core/source-kinds). */
export type { SourceSpec } from '../source-kinds/registry';

export interface EnvironmentSpec {
  name: string;
  region?: string;
  account?: string;
  roleArn?: string;
  sources: SourceSpec[];
}

export interface ParityGroup {
  name: string;
  environments: string[];
  /** Key globs left out of the group's comparison (`runtime.*`, `*.url`). */
  ignore?: string[];
  /** Key globs: only these are compared (all keys when absent). */
  keys?: string[];
}

/** What the baseline declares about one canonical key. */
export interface KeySpec {
  key: string;
  type?: ValueType;
  /** Expected value everywhere, unless `values` names the environment. */
  value?: string;
  values?: Record<string, string>;
  min?: string;
  max?: string;
  enum?: string[];
  pattern?: string;
  perEnvironment: boolean;
  /** Explicit `required`; when absent, a key with an expected value is required. */
  required?: boolean;
  secret: boolean;
  /** Declared `secret: false`: its name alone does not make it a secret (`access.token.expire.minutes`); its source and content still may. */
  notSecret?: true;
  owner?: string;
  /** YYYY-MM-DD: present after this date is a finding. */
  retired?: string;
  severity?: Severity;
  /** Severity of a `shadowed` finding on this key, or `ignore` for none. */
  shadowed?: Severity | 'ignore';
  /** Declared a feature flag (`true`), or not one although under `feature.*` (`false`). */
  flag?: boolean;
  description?: string;
  /** Where the key is declared (the baseline file), for errors and code-scanning results. */
  at?: Position;
}

export interface ExceptionSpec {
  /** An environment name or a glob (`production-*`), or a parity group's name. */
  environment?: string;
  group?: string;
  key: string;
  value?: string;
  reason: string;
  ticket?: string;
  /** YYYY-MM-DD, inclusive, UTC; absent for a permanent exception. */
  expires?: string;
  /** An accepted difference: never expires (a reason is still required). */
  permanent?: boolean;
  kinds?: FindingKind[];
}

export interface RuleSpec {
  name: string;
  assert: string;
  severity?: Severity;
  environments?: string[];
  description?: string;
  at?: Position;
}

export interface Baseline {
  undeclared: Severity | 'ignore';
  /** Treat every value of a key the baseline does not declare as a secret (`secrets: { undeclared: true }`). */
  undeclaredSecret: boolean;
  keys: Map<string, KeySpec>;
  exceptions: ExceptionSpec[];
  rules: RuleSpec[];
  /** Where it was declared: the estate file, or the file `baseline:` names. */
  file: string;
}

/** `notify.slack.immediate`: which findings a change opens are told at once. */
export interface ImmediateSettings {
  minSeverity: Severity;
  /** Only changes by someone not among `deployers:` (the default); `false`: any change. */
  outOfBandOnly: boolean;
}

export interface NotifyConfig {
  /** `notify.tickets`: which events the ticket subscriber turns into tickets, and the owners' routing. */
  tickets: TicketRouting;
  sns: { minSeverity: Severity; kinds: 'all' | FindingKind[]; onFirstRun: boolean };
  slack: {
    minSeverity: Severity;
    window: string;
    timezone: string;
    allClear: boolean;
    /** One message at once per qualifying opened finding (`false`: none, the digest only); absent or `true`: the default. */
    immediate?: boolean | ImmediateSettings;
  };
}

/** A validated `drift.yaml`. */
export interface Estate {
  version: 1;
  name: string;
  /** The estate file, as given. */
  file: string;
  environments: EnvironmentSpec[];
  parity: ParityGroup[];
  baseline: Baseline;
  notify: NotifyConfig;
  /** IAM principal ARN globs whose changes are sanctioned; absent: no change is out-of-band. */
  deployers?: string[];
  /** `flags:`: how long a flag may hold one value everywhere. */
  flags: FlagPolicy;
  /** `code:`: the source trees the application runs (absent: no `unset` or `unread` findings). */
  code?: CodeTreeSpec[];
}

/** One source tree of `code:`, its path relative to the estate file's folder. */
export interface CodeTreeSpec {
  path: string;
  /** Path globs left out of the scan. */
  exclude: string[];
  /** Key globs the code checks leave alone (besides the platform's keys). */
  ignore: string[];
  /** Whether the tree's tests and test runners' settings are read too (left out by default: they run with a test's environment). */
  tests?: boolean;
  /** Where the tree is written in the estate file. */
  at?: Position;
}

export interface FlagPolicy {
  /** As written: `30d`. */
  lifetime: string;
  lifetimeMs: number;
}
