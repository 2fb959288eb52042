import type { SourceLabel } from '../model';
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
