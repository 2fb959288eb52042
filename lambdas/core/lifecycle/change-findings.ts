import { displayedWithUnit, shownWithUnit, sourceRef } from '../checks/check-context';
import { autoscalerOwns } from '../engine/autoscaling';
import type { EffectiveConfig } from '../engine/effective-config';
import type { KeyType } from '../engine/equality';
import type { FindingDraft } from '../engine/finding-factory';
import type { Finding, Observation, Origin } from '../model';
import type { ValueType } from '../values/types';
import { displayValue, type Value } from '../values/value';
import { outOfBandTest } from './deployers';
import type { ChangeRecord, NotInEffect } from './model';
import { OUT_OF_BAND_NOTE } from './out-of-band';
import type { ValueChange } from './snapshot-diff';

/** The observation an environment applies for a key, and where a reference it holds took its value from. */
export type AppliedWinner = Observation & { resolvedFrom?: Origin };

/** The winner per key as `config` applies it, for changeFindings. */
export const appliedWinner =
  (config: EffectiveConfig) =>
  (key: string): AppliedWinner | undefined => {
    const entry = config.entries.get(key);
    const from = entry && config.resolvedFrom.get(key);
    return entry && from ? { ...entry, resolvedFrom: from } : entry;
  };

/**
 * What the environment runs when the changed source is not the one that decides the key: another
 * source overrides it (or, for a removal, still sets it), so the change is not in effect.
 */
function overriddenBy(c: ValueChange, winner: AppliedWinner | undefined): NotInEffect | undefined {
  if (winner === undefined) return undefined;
  // The source that decides the key changed (an ECS secret's own valueFrom too), or a reference that resolves to the
  // changed parameter takes the change: it is in effect.
  const from = winner.resolvedFrom;
  if (winner.origin.source.index === c.origin.source.index) return undefined;
  if (from && from.source.index === c.origin.source.index && from.location === c.origin.location) return undefined;
  return { by: winner.origin.source.label, value: displayValue(winner.value) };
}

function inEffect(c: ValueChange, over: NotInEffect | undefined, shown: (v: string) => string): string {
  if (over === undefined) return '';
  const by = `${over.by}: ${shown(over.value)}`;
  return c.after === null ? `; still set by ${by}` : `; not in effect, overridden by ${by}`;
}

/**
 * What changed, who and when, and (`over`, from overriddenBy) what the environment runs instead; values
 * as the other findings' messages show them (`type`: the key's, so a bare `90` of a duration is `90s`).
 */
function describe(c: ValueChange, environment: string, over: NotInEffect | undefined, type: ValueType | undefined): string {
  const shown = (v: string): string => displayedWithUnit(v, type);
  const value = (v: Value): string => shownWithUnit(v, type);
  const who = [c.origin.modifiedBy && `by ${c.origin.modifiedBy}`, c.origin.modifiedAt && `at ${c.origin.modifiedAt}`]
    .filter(Boolean)
    .join(' ');
  const note = `${who}${inEffect(c, over, shown)}`.replace(/^; /, '');
  const suffix = note ? ` (${note})` : '';
  if (c.before === null) return `${c.key} appeared in ${environment}: ${value(c.after!)}${suffix}`;
  if (c.after === null) return `${c.key} was removed from ${environment} (was ${value(c.before)}${inEffect(c, over, shown)})`;
  return `${c.key} changed in ${environment}: ${value(c.before)} → ${value(c.after)}${suffix}`;
}

/**
 * `changed` reports: a report of change with before, after, who and when — never a ticket. With
 * `deployers`, a value set by anyone else is out-of-band (a removal names no modifier: never).
 * `winner`: the observation the environment applies for a key, to say when a change is not in effect;
 * `typeOf`: the key's type, by which its message shows the values (`expected`/`actual` stay as read).
 */
export function changeFindings(
  environment: string,
  changes: readonly ValueChange[],
  make: (d: FindingDraft) => Finding,
  deployers?: readonly string[],
  winner: (key: string) => AppliedWinner | undefined = () => undefined,
  typeOf: KeyType = () => undefined,
): Finding[] {
  const outOfBand = outOfBandTest(deployers);
  return changes.map((c) => {
    const by = c.after === null ? undefined : outOfBand(c.origin.modifiedBy);
    const at = c.origin.modifiedAt;
    const notInEffect = overriddenBy(c, winner(c.key));
    return make({
      kind: 'changed',
      environment,
      key: c.key,
      subject: c.key,
      expected: c.before === null ? undefined : displayValue(c.before),
      actual: c.after === null ? undefined : displayValue(c.after),
      source: sourceRef(c.origin),
      message: `${describe(c, environment, notInEffect, typeOf(c.key))}${by === undefined ? '' : OUT_OF_BAND_NOTE}`,
      ...(by === undefined ? {} : { outOfBand: true, changedBy: by, ...(at === undefined ? {} : { changedAt: at }) }),
      ...(notInEffect ? { notInEffect } : {}),
    });
  });
}

/**
 * The changes reported as `changed`: a replica count an autoscaler owns moves with the load, night
 * after night, with nobody changing the configuration (the history still keeps each move).
 */
export const reportedChanges = (changes: readonly ValueChange[], config: EffectiveConfig): ValueChange[] =>
  changes.filter((c) => !autoscalerOwns(config, c.key));

/** The history entries of the same changes, each marked where another source decides the key (`winner`, as for changeFindings). */
export function changeRecords(
  environment: string,
  changes: readonly ValueChange[],
  runId: string,
  at: string,
  winner: (key: string) => AppliedWinner | undefined = () => undefined,
): ChangeRecord[] {
  return changes.map((c) => {
    const notInEffect = overriddenBy(c, winner(c.key));
    return {
      environment,
      key: c.key,
      at,
      runId,
      before: c.before === null ? null : displayValue(c.before),
      after: c.after === null ? null : displayValue(c.after),
      source: sourceRef(c.origin),
      ...(notInEffect ? { notInEffect } : {}),
    };
  });
}
