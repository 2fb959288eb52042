import { entrySource, expectedValue, expectedWithUnit, shownWithUnit } from '../checks/check-context';
import { comparedIdentities } from '../engine/expected-identity';
import { autoscalerOwns } from '../engine/autoscaling';
import { failedOver, originOf, type EffectiveConfig } from '../engine/effective-config';
import { failedLabels, unknownUnderFailed } from '../engine/failed-override-note';
import { declaredType, identity } from '../engine/equality';
import type { Baseline, EnvironmentSpec } from '../estate/model';
import type { ExceptionRef, SourceRef } from '../model';
import { fileFormOf } from '../source-kinds/file-forms';
import type { SourceSpec } from '../source-kinds/registry';
import { holdsSecretContent } from '../values/content-secrets';
import { hiddenNameIn } from '../values/hidden-names';
import { fromSecretMarker } from '../values/secret-marker';
import { displayValue, shownExpected, writtenValue, type Value } from '../values/value';
import { parseBytes, parseCpuMillis, parseDurationMs, type ValueType } from '../values/types';
import type { Reverter, RevertNeighbour, RevertStep, RevertTarget } from './revert-step';

/**
 * One key's revert: the steps, or why there is nothing to do (`nothing`), nothing drift can write
 * (`by-hand`), or nothing it plans unasked because a live exception excuses the drift (`excused`).
 */
export type KeyRevert = { environment: string; key: string } & (
  | { outcome: 'plan'; current: string; expected: string; source: SourceRef; label: string; steps: RevertStep[] }
  | { outcome: 'nothing' | 'by-hand'; reason: string }
  | { outcome: 'excused'; reason: string; exception: ExceptionRef }
);

/** What the audit says of the key beyond the configuration: the live exception that excuses its drift. */
export interface RevertContext {
  excusedBy?: ExceptionRef;
  /** `--despite-exception`: plan it anyway, the exception named first. */
  despiteException?: boolean;
  /** What earlier keys of the same plan built (see RevertInput.built); one key planned alone has none. */
  built?: Map<string, string>;
}

/** `until 2026-12-01 by the exception "INC-2231" (OPS-88)`, or `permanently by …`. */
export function excusedText(e: ExceptionRef): string {
  const when = e.expires ? `until ${e.expires}` : 'permanently';
  return `${when} by the exception "${e.reason}"${e.ticket ? ` (${e.ticket})` : ''}`;
}

/**
 * Whether the value already is the expected one: undefined when drift cannot tell (a secret under
 * another fingerprint key, a plain expectation against a fingerprint, an unreadable value).
 */
function alreadyExpected(actual: Value, expected: string, type: ValueType | undefined): boolean | undefined {
  const marker = fromSecretMarker(expected);
  if (marker) return actual.kind === 'secret' && actual.keyId === marker.keyId ? actual.fingerprint === marker.fingerprint : undefined;
  if (actual.kind === 'masked') {
    const ids = comparedIdentities(expected, actual, type);
    return ids.actual !== undefined && ids.actual === ids.expected;
  }
  if (actual.kind !== 'text' && actual.kind !== 'large') return undefined;
  return identity(actual, type) === identity(writtenValue(expected), type);
}

const BARE_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
/** What a bare number counts, per quantity type: seconds, bytes, cores. */
const BARE_UNIT: Partial<Record<ValueType, { parse: (text: string) => number | undefined; per: number }>> = {
  duration: { parse: parseDurationMs, per: 1000 },
  bytes: { parse: parseBytes, per: 1 },
  cpu: { parse: parseCpuMillis, per: 1000 },
};

/**
 * The expected value written the way the running one is: where the application reads a bare number
 * (`API_TIMEOUT=120`, seconds), `30s` would be text it may not parse, so it gets `30`. Otherwise the
 * baseline's text. `runtime.*` keys are written by their platform's own fields and units.
 */
function inRunningForm(key: string, expected: string, actual: Value, type: ValueType | undefined): string {
  const unit = type && !key.startsWith('runtime.') ? BARE_UNIT[type] : undefined;
  if (!unit || actual.kind !== 'text' || !BARE_NUMBER.test(actual.text.trim())) return expected;
  const amount = unit.parse(expected);
  if (amount === undefined) return expected;
  const bare = amount / unit.per;
  return Number.isFinite(bare) && unit.parse(String(bare)) === amount ? String(bare) : expected;
}

/** Where a source's ConfigMaps and Secrets live, as its kind says; undefined for kinds without them. */
const placeOf = (spec: SourceSpec, environment: EnvironmentSpec): string | undefined =>
  (fileFormOf(spec).objectsPlace as ((s: SourceSpec, e: EnvironmentSpec) => string) | undefined)?.(spec, environment);

/** The environment's sources other than the one at `index`, with their specs. */
function neighboursOf(environment: EnvironmentSpec, config: EffectiveConfig, index: number): RevertNeighbour[] {
  return config.sources.flatMap((s) => {
    const spec = s.source.index === index ? undefined : environment.sources.find((d) => d.index === s.source.index);
    return spec ? [{ spec, place: placeOf(spec, environment), observations: s.observations, consumers: s.consumers ?? [] }] : [];
  });
}

/** A file name stem for the key's inputs: `revert-production-us-api.timeout`. */
const stemOf = (environment: string, key: string): string => `revert-${environment}-${key}`.replace(/[^A-Za-z0-9._-]/g, '-');

/**
 * The plan that brings KEY in one environment back to the baseline's expected value: the winning
 * source is the one changed, by its kind's `revert` (pure: it runs nothing).
 */
export function planRevert(
  baseline: Baseline,
  environment: EnvironmentSpec,
  config: EffectiveConfig,
  key: string,
  context: RevertContext = {},
): KeyRevert {
  const at = { environment: environment.name, key };
  const spec = baseline.keys.get(key);
  const entry = config.entries.get(key);
  const nothing = (reason: string): KeyRevert => ({ ...at, outcome: 'nothing', reason });
  const byHand = (reason: string): KeyRevert => ({ ...at, outcome: 'by-hand', reason });
  if (!spec) return nothing('it is not declared in the baseline: there is no expected value to revert to');
  const where = entry ? `${entrySource(config, entry).location}` : '';
  if (spec.retired)
    return entry
      ? byHand(`it was retired on ${spec.retired}: remove it from ${where} (revert sets values, it does not delete keys)`)
      : nothing(`it was retired on ${spec.retired} and ${environment.name} does not set it`);
  const expected = expectedValue(spec, environment.name);
  if (expected === undefined) {
    return nothing(
      spec.secret
        ? 'it is a secret and the baseline holds no fingerprint of it to revert to'
        : spec.perEnvironment
          ? `it is per-environment and the baseline gives no value for ${environment.name}`
          : 'the baseline gives no expected value to revert to (only its type, bounds and parity are checked)',
    );
  }
  if (!entry)
    return byHand(
      config.failed.length
        ? `no source of ${environment.name} that could be read sets it, and ${failedLabels(config)} could not be read: plan it again once every source reads`
        : `it is not set in ${environment.name}: no source holds it to change (add it to one of its sources)`,
    );
  // Changing the layer read would leave the one above it, unread tonight, to set the key all the same.
  const over = failedOver(config, entry);
  if (over) return byHand(`${unknownUnderFailed(config, entry, over, environment.name)}; plan it again once that source reads`);
  if (autoscalerOwns(config, key)) return nothing(`the autoscaler owns the replica count in ${environment.name}`);
  const type = declaredType(key, spec);
  const already = alreadyExpected(entry.value, expected, type);
  if (already) return nothing(`${environment.name} already runs the baseline's value`);
  // The baseline's text holds no password: writing it would take the running one out of the URL.
  if (entry.value.kind === 'masked' && !fromSecretMarker(expected))
    return byHand(
      `its value holds a password or token drift never sees (${displayValue(entry.value)}): change ${where} to ${expected} by hand, keeping that part`,
    );

  const origin = originOf(config, entry);
  const source = environment.sources.find((s) => s.index === origin.source.index);
  const revert = source ? (fileFormOf(source).revert as Reverter<SourceSpec> | undefined) : undefined;
  if (!source || !revert) return byHand(`${origin.source.type} sources have no revert plan: change ${origin.location} by hand`);
  const marker = fromSecretMarker(expected);
  const target: RevertTarget =
    marker || spec.secret || holdsSecretContent(expected, key)
      ? { secret: true }
      : { secret: false, text: inRunningForm(key, expected, entry.value, type) };
  const own = config.sources.find((s) => s.source.index === origin.source.index);
  const steps = revert({
    spec: source,
    environment,
    observation: entry,
    origin,
    siblings: own?.observations ?? [],
    consumers: own?.consumers ?? [],
    neighbours: neighboursOf(environment, config, origin.source.index),
    place: placeOf(source, environment),
    target,
    stem: stemOf(environment.name, key),
    built: context.built ?? new Map(),
  });
  if (already === undefined)
    steps.unshift({ do: 'note', text: `drift cannot see the current value (${displayValue(entry.value)}): this sets it whatever it is` });
  // The real name is never kept: a command naming the stand-in would set a new key beside the running one.
  const standIn = hiddenNameIn(origin.location) ?? hiddenNameIn(entry.rawKey);
  if (standIn)
    steps.unshift({
      do: 'note',
      text: `the key's name holds a credential drift never shows: the commands below name it as ${standIn}; put the real name in its place before running them`,
    });
  const excused = context.excusedBy;
  if (excused && !context.despiteException)
    return {
      ...at,
      outcome: 'excused',
      exception: excused,
      reason: `its drift in ${environment.name} is known and excused ${excusedText(excused)}: nothing planned. --despite-exception plans it anyway (then remove the exception from the baseline)`,
    };
  if (excused)
    steps.unshift({
      do: 'note',
      text: `this ends drift excused ${excusedText(excused)}: remove the exception from the baseline once it is done`,
    });
  return {
    ...at,
    outcome: 'plan',
    current: shownWithUnit(entry.value, type),
    // As the audit's message shows it ('expects 30s'); the commands write the value as the application reads it.
    expected: marker ? shownExpected(expected) : target.secret ? '<secret>' : expectedWithUnit(expected, type),
    source: entrySource(config, entry),
    label: origin.source.label,
    steps,
  };
}

/**
 * Plans the keys of one `drift revert ENV KEY…` in order, as one script: a later key builds on what an
 * earlier one changes in the same object (a second variable of one ECS task definition goes into the
 * revision the first registers, not into the one drift read).
 */
export function revertPlanner(
  baseline: Baseline,
  environment: EnvironmentSpec,
  config: EffectiveConfig,
): (key: string, context?: Omit<RevertContext, 'built'>) => KeyRevert {
  const built = new Map<string, string>();
  return (key, context = {}) => planRevert(baseline, environment, config, key, { ...context, built });
}

/**
 * One plan's keys with each settling step (a rollout restart, an ECS redeployment) run once: where a
 * later key runs the same one after its own change, an earlier key's is said instead of run, so a
 * workload reading several reverted keys restarts once, after the last change, not once per key.
 */
export function settleOnce(reverts: readonly KeyRevert[]): KeyRevert[] {
  const later = new Set<string>();
  const settled = [...reverts].reverse().map((r): KeyRevert => {
    if (r.outcome !== 'plan') return r;
    const steps = [...r.steps].reverse().map((s): RevertStep => {
      if (s.do !== 'run' || !s.settles) return s;
      if (!later.has(s.command)) {
        later.add(s.command);
        return s;
      }
      return { do: 'note', text: `done once below, after the changes of the keys that follow: ${s.command}` };
    });
    return { ...r, steps: steps.reverse() };
  });
  return settled.reverse();
}
