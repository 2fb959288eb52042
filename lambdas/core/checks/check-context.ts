import { originOf, type EffectiveConfig } from '../engine/effective-config';
import type { CodeAudit } from '../code/code-reads';
import type { FindingDraft } from '../engine/finding-factory';
import type { Estate, KeySpec } from '../estate/model';
import type { FlagsSeen } from '../flags/flags-seen';
import type { Finding, Observation, Origin, SourceRef } from '../model';
import type { ValueType } from '../values/types';
import { displayValue, textValue, visibleValue, type Value } from '../values/value';

/** When a key's value last changed in an environment (ISO), as the store's history says. */
export type LastChange = (environment: string, key: string) => string | undefined;

/** Everything a check may look at. Checks are pure: the date comes in here. */
export interface CheckContext {
  estate: Estate;
  /** Audited environments, in estate order. */
  configs: EffectiveConfig[];
  byEnvironment: ReadonlyMap<string, EffectiveConfig>;
  /** YYYY-MM-DD, UTC. */
  today: string;
  /** The audit's instant (what `today` is the date of). */
  now: Date;
  /** What the store remembers of the flags (empty without a store). */
  flagsSeen: FlagsSeen;
  make(draft: FindingDraft): Finding;
  spec(key: string): KeySpec | undefined;
  /** When a key's value last changed in an environment, from the store's history (ISO); absent without a store. */
  lastChange?: LastChange;
  /** Counts the summary reports besides findings. */
  stats: { rulesSkipped: number };
  /** What the estate's `code:` trees read; absent when the estate declares no code (no `unset`, no `unread`). */
  code?: CodeAudit;
}

/** A check: one finding kind, one file. */
export interface Check {
  id: string;
  run(ctx: CheckContext): Finding[];
}

/** The `source` of a finding, as the audit document shows it. */
export function sourceRef(origin: Origin): SourceRef {
  const ref: SourceRef = { type: origin.source.type, location: origin.location };
  if (origin.version !== undefined) ref.version = origin.version;
  if (origin.modifiedAt !== undefined) ref.modifiedAt = origin.modifiedAt;
  if (origin.modifiedBy !== undefined) ref.modifiedBy = origin.modifiedBy;
  return ref;
}

/** The source of an effective value; a resolved reference names where its value came from. */
export const entrySource = (config: EffectiveConfig, e: Observation): SourceRef => sourceRef(originOf(config, e));

/**
 * The value a key's `values` give one environment, if any. Own entries only: an environment may be
 * named `toString` or `constructor`, which every object answers with a function of its own.
 */
export const environmentValue = (spec: KeySpec | undefined, environment: string): string | undefined =>
  spec?.values && Object.hasOwn(spec.values, environment) ? spec.values[environment] : undefined;

/** The expected value for a key in one environment, if the baseline gives one. */
export const expectedValue = (spec: KeySpec | undefined, environment: string): string | undefined =>
  environmentValue(spec, environment) ?? spec?.value;

const BARE_NUMBER = /^\s*[+-]?(\d+(\.\d*)?|\.\d+)\s*$/;
const IMPLIED_UNIT: Partial<Record<ValueType, string>> = { duration: 's', bytes: 'B', cpu: ' CPU' };

/**
 * A value as a message shows it: a bare number of a quantity type carries the unit it is read in
 * (`30` → `30s`); an empty or blank value is quoted (`""`), or the message would show a gap.
 */
export function shownWithUnit(v: Value, type: ValueType | undefined): string {
  return v.kind === 'text' ? displayedWithUnit(displayValue(v), type) : displayValue(v);
}

/** A text value as outputs show it (`displayValue`, a finding's `actual`), as a message shows it: see shownWithUnit. */
export function displayedWithUnit(shown: string, type: ValueType | undefined): string {
  const unit = type ? IMPLIED_UNIT[type] : undefined;
  return unit && BARE_NUMBER.test(shown) ? `${shown.trim()}${unit}` : visibleValue(shown);
}

/** An expected value from the baseline, as a message shows it. */
export const expectedWithUnit = (text: string, type: ValueType | undefined): string => shownWithUnit(textValue(text), type);
