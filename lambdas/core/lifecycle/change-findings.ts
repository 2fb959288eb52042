import { sourceRef } from '../checks/check-context';
import type { FindingDraft } from '../engine/finding-factory';
import type { Finding } from '../model';
import { displayValue } from '../values/value';
import type { ChangeRecord } from './model';
import type { ValueChange } from './snapshot-diff';

function describe(c: ValueChange, environment: string): string {
  const who = [c.origin.modifiedBy && `by ${c.origin.modifiedBy}`, c.origin.modifiedAt && `at ${c.origin.modifiedAt}`]
    .filter(Boolean)
    .join(' ');
  const suffix = who ? ` (${who})` : '';
  if (c.before === null) return `${c.key} appeared in ${environment}: ${displayValue(c.after!)}${suffix}`;
  if (c.after === null) return `${c.key} was removed from ${environment} (was ${displayValue(c.before)})`;
  return `${c.key} changed in ${environment}: ${displayValue(c.before)} → ${displayValue(c.after)}${suffix}`;
}

/** `changed` reports: a report of change with before, after, who and when — never a ticket. */
export function changeFindings(environment: string, changes: readonly ValueChange[], make: (d: FindingDraft) => Finding): Finding[] {
  return changes.map((c) =>
    make({
      kind: 'changed',
      environment,
      key: c.key,
      subject: c.key,
      expected: c.before === null ? undefined : displayValue(c.before),
      actual: c.after === null ? undefined : displayValue(c.after),
      source: sourceRef(c.origin),
      message: describe(c, environment),
    }),
  );
}

/** The history entries of the same changes. */
export function changeRecords(environment: string, changes: readonly ValueChange[], runId: string, at: string): ChangeRecord[] {
  return changes.map((c) => ({
    environment,
    key: c.key,
    at,
    runId,
    before: c.before === null ? null : displayValue(c.before),
    after: c.after === null ? null : displayValue(c.after),
    source: sourceRef(c.origin),
  }));
}
