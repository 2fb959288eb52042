import type { SourceLabel, SourceRef } from '../model';
import { sourceKindOf } from '../source-kinds/registry';
import type { SourceSpec } from './model';

/**
 * A source's place in its environment (`2:ssm`): the same place in every environment of an estate
 * usually reads the same keys in the same order, which the interner and the key space predict from.
 */
export const sourceSlot = (label: SourceLabel): string => `${label.index}:${label.type}`;

/** How people see a declared source: `ssm /production/api/ (recorded exports/prod.json)`. */
export function sourceLabel(spec: SourceSpec): SourceLabel {
  const label = sourceKindOf(spec).label(spec);
  return { index: spec.index, type: spec.type, label, ...(spec.defaults ? { defaults: true } : {}) };
}

/**
 * A finding's source when it is the declared source itself (it failed, its workload is stale):
 * the label names the type first (`file a.json`), which describeSource prints before the location.
 */
export function declaredSource(label: SourceLabel): SourceRef {
  const typed = `${label.type} `;
  return { type: label.type, location: label.label.startsWith(typed) ? label.label.slice(typed.length) : label.label };
}
