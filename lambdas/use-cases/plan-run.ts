import { nodeCrypto } from '../core/on-demand/node-crypto';
import type { EnvironmentSpec } from '../core/estate/model';
import { accountKey } from '../core/estate/account-key';
import { cut } from '../core/values/value';
import { EstateLoadError, type EstateRef, type EstateSource, type LoadedEstate } from '../ports/estate-source';
import { DriftError } from '../core/errors';
import type { TargetedRunInput } from '../core/events/targeted-run';
import { loadEachEstate, type FailedEstate } from './load-estates';
import { ROUTE_METRICS } from './metric-names';
import type { AuditedEstates } from '../ports/audited-estates';

// The estate port's error, defined with the port: what plan-run's callers imported from here still resolves.
export { EstateLoadError };

/** An account and region: one Map iteration, one rate limiter. */
export interface Target {
  account: string;
  region: string;
}

/** Where an environment is read from: its account (see accountKey) and region. */
export const targetOf = (env: EnvironmentSpec, defaultRegion: string, ownAccount?: string): Target => ({
  account: accountKey(env.account, ownAccount),
  region: env.region ?? defaultRegion,
});
export const sameTarget = (a: Target, b: Target): boolean => a.account === b.account && a.region === b.region;

// Run ids become S3 key segments: no slashes, no dot-dot, nothing a key cannot hold plainly.
const RUN_ID = /^[A-Za-z0-9_:-][A-Za-z0-9._:-]{0,127}$/;

/** Thrown for a run id that could not be used as a key segment. */
export class RunIdError extends DriftError {
  override name = 'RunIdError';
  readonly userFacing = false;
}

/** Checks a run id coming from the state machine's input. */
export function checkRunId(runId: unknown): string {
  if (typeof runId !== 'string' || !RUN_ID.test(runId))
    throw new RunIdError('runId must be 1-128 of letters, digits, ".", "_", ":" and "-"');
  return runId;
}

/** The execution's input names estates in another shape than `{ "targeted": { "estates": { name: [environment, …] } } }`. */
export class ExecutionInputError extends DriftError {
  override name = 'ExecutionInputError';
  readonly userFacing = false;
}

/** The estates a targeted run names, by name; undefined for a scheduled run. A list (not a map) would audit nothing and say nothing. */
function targetedEstates(execution: PlanRunInput['execution']): Record<string, unknown> | undefined {
  const targeted: unknown = execution?.targeted;
  if (targeted === undefined) return undefined;
  const estates: unknown = typeof targeted === 'object' && targeted !== null ? (targeted as { estates?: unknown }).estates : undefined;
  if (typeof estates !== 'object' || estates === null || Array.isArray(estates))
    throw new ExecutionInputError('targeted.estates must map each estate to audit to the list of its environments to read');
  return estates as Record<string, unknown>;
}

export interface PlanRunInput {
  runId?: string;
  /** The execution's own input: a targeted run (started by route-events) names the estates it audits. */
  execution?: Partial<TargetedRunInput>;
}

/**
 * An estate the run audits. A targeted run names the environments it reads (`environments`); the
 * others are carried from the store's last snapshots (see carry-environment). Absent: all are read.
 * `parameters`: the SSM parameters its events named, which a source may read alone (see CollectHint).
 */
export type PlannedEstate = EstateRef & {
  environments?: string[];
  parameters?: string[];
  /**
   * An estate a deploy removed: the files it was last audited from (pinned), its name, and the run
   * that recorded them. Nothing of it is read: its open findings are resolved (see removedEstates).
   */
  removed?: { estate: string; run: string };
};

/** An estate file a scheduled run could not read: its key and its positioned problems (cut short). */
export interface UnreadableEstate {
  key: string;
  problems: string;
}

export interface PlanRunOutput {
  runId: string;
  estates: PlannedEstate[];
  targets: Target[];
  /** The first few files that do not load (they travel in the run's state, limited to 256 KiB); the run fails after notifying. */
  unreadable: UnreadableEstate[];
  /** How many files do not load in all. */
  unreadableCount: number;
}

// Enough to act on, small enough for the run's state and a dead-letter message whatever the bucket holds.
const UNREADABLE_LISTED = 20;
const PROBLEMS_CHARS = 2000;

export interface PlanRunDeps {
  estates: EstateSource;
  /** The function's own region, for environments that declare none. */
  defaultRegion: string;
  /** The installation's account: an environment naming it is read with those that name none. */
  ownAccount?: string;
  /** The estates the installation's runs audited: one no longer in the bucket was removed by a deploy. */
  audited?: Pick<AuditedEstates, 'listAudited'>;
  now(): Date;
  /** Counts a metric (Powertools EMF in Lambda). */
  count?(name: string, value: number): void;
}

/** A fresh run id when the state machine gives none: sortable by time, unique. */
export const newRunId = (now: Date): string =>
  `run-${now.toISOString().replace(/[-:]|\.\d{3}/g, '')}-${nodeCrypto().randomUUID().slice(0, 8)}`;

/**
 * Pins every estate file to its current version, validates them all and lists the distinct accounts
 * and regions to snapshot. A broken file is listed with its positioned problems and audits no estate;
 * the others are planned. With no file readable at all, the plan fails.
 */
export async function planRun(input: PlanRunInput, deps: PlanRunDeps): Promise<PlanRunOutput> {
  const runId = input.runId === undefined ? newRunId(deps.now()) : checkRunId(input.runId);
  const named = targetedEstates(input.execution);
  const each = await loadEachEstate(deps.estates);
  const { loaded, failed } = withoutSharedNames(each);
  // One team's broken file must not stop every other team's audit: a scheduled run audits what loads
  // and lists the rest (the state machine sends them to the dead-letter queue and fails the run after
  // notifying). Nothing readable at all is a failure. A targeted run audits the estates it names, which
  // route-events found readable, and fails if one is missing: its own file may be the one that broke since.
  const missing = named !== undefined && Object.keys(named).some((name) => !loaded.some((l) => l.estate.name === name));
  if (failed[0] && (named === undefined ? loaded.length === 0 : missing)) throw failed[0].error;
  const unreadable = named === undefined ? failed : [];
  deps.count?.(ROUTE_METRICS.unreadableEstates, unreadable.length);
  // A targeted run audits only the estates it names, and reads only the environments it names (the
  // audit carries the others from the store).
  const audited = named ? loaded.filter((l) => Object.hasOwn(named, l.estate.name)) : loaded;
  const estates: PlannedEstate[] = [];
  const targets: Target[] = [];
  for (const l of audited) {
    const read = named ? readEnvironments(l.estate.environments, named[l.estate.name]) : undefined;
    const parameters = read ? namedParameters(input.execution?.targeted?.parameters) : [];
    estates.push(read ? { ...l.ref, environments: read.map((e) => e.name), ...(parameters.length ? { parameters } : {}) } : l.ref);
    for (const env of read ?? l.estate.environments) {
      const t = targetOf(env, deps.defaultRegion, deps.ownAccount);
      if (!targets.some((x) => sameTarget(x, t))) targets.push(t);
    }
  }
  targets.sort((a, b) => a.account.localeCompare(b.account, 'en') || a.region.localeCompare(b.region, 'en'));
  if (named === undefined) estates.push(...(await removedEstates(deps, each)));
  return {
    runId,
    estates,
    targets,
    unreadable: unreadable.slice(0, UNREADABLE_LISTED).map(({ key, error }) => ({ key, problems: cut(error.message, PROBLEMS_CHARS) })),
    unreadableCount: unreadable.length,
  };
}

/**
 * The estates the installation audited that no file in the bucket declares any more. Only when
 * every listed file loaded: a file that does not (broken, or half-written) might be one of them
 * under its new key, and an empty bucket is more likely a wrong one than a deploy that removed
 * everything. A bucket that cannot be read fails the plan before this. So a
 * failure to read resolves nothing; a deliberate removal (the deploy prunes `estates/`) does.
 */
async function removedEstates(
  deps: PlanRunDeps,
  { loaded, failed }: { loaded: LoadedEstate[]; failed: FailedEstate[] },
): Promise<PlannedEstate[]> {
  if (!deps.audited || failed.length || !loaded.length) return [];
  // By name: an estate renamed in place (same key, another `name:`) is gone as much as one whose file left.
  const names = new Set(loaded.map((l) => l.estate.name));
  return (await deps.audited.listAudited())
    .filter((a) => !names.has(a.name))
    .sort((a, b) => a.name.localeCompare(b.name, 'en'))
    .map((a) => ({ ...a.ref, removed: { estate: a.name, run: a.runId } }));
}

/**
 * The estates whose name no other file declares; the files that share a name join the failures
 * (first, so a targeted run naming it says why): which one is right is for their team to say.
 */
function withoutSharedNames({ loaded, failed }: { loaded: LoadedEstate[]; failed: FailedEstate[] }): {
  loaded: LoadedEstate[];
  failed: FailedEstate[];
} {
  const keysOf = new Map<string, string[]>();
  for (const l of loaded) keysOf.set(l.estate.name, [...(keysOf.get(l.estate.name) ?? []), l.ref.key]);
  const shared: FailedEstate[] = [];
  for (const l of loaded) {
    const others = keysOf.get(l.estate.name)!.filter((k) => k !== l.ref.key);
    if (!others.length) continue;
    const message = `estate "${l.estate.name}" is also declared by ${others.join(', ')}: names must be unique`;
    shared.push({ key: l.ref.key, error: new EstateLoadError([{ file: l.ref.key, line: 1, column: 1, message }]) });
  }
  return { loaded: loaded.filter((l) => keysOf.get(l.estate.name)!.length === 1), failed: [...shared, ...failed] };
}

/**
 * The declared environments a targeted run names, in the estate's order; undefined (read them all)
 * when it names none that is still declared: the estate file may have changed since the event.
 */
function readEnvironments(environments: EnvironmentSpec[], names: unknown): EnvironmentSpec[] | undefined {
  const wanted = new Set(Array.isArray(names) ? names.filter((n): n is string => typeof n === 'string') : []);
  const read = environments.filter((e) => wanted.has(e.name));
  return read.length ? read : undefined;
}

/** The parameter names a targeted run's input carries (strings only: the input is the execution's own). */
const namedParameters = (names: unknown): string[] =>
  Array.isArray(names) ? names.filter((n): n is string => typeof n === 'string' && n.startsWith('/')) : [];
