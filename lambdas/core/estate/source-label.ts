import type { SourceLabel } from '../model';
import type { SourceSpec } from './model';

const list = (from: string[]): string => from.join(', ');

/**
 * A source's place in its environment (`2:ssm`): the same place in every environment of an estate
 * usually reads the same keys in the same order, which the interner and the key space predict from.
 */
export const sourceSlot = (label: SourceLabel): string => `${label.index}:${label.type}`;

/** How people see a declared source: `ssm /production/api/ (recorded exports/prod.json)`. */
export function sourceLabel(spec: SourceSpec): SourceLabel {
  let label: string;
  switch (spec.type) {
    case 'file':
    case 'dotenv':
      label = `${spec.type} ${list(spec.from)}`;
      break;
    case 'ssm':
      label = spec.from ? `ssm ${spec.path} (recorded ${list(spec.from)})` : `ssm ${spec.path}`;
      break;
    case 'ecs':
      label = spec.from ? `ecs (recorded ${list(spec.from)})` : `ecs ${spec.cluster}/${spec.service}`;
      break;
    case 'eks':
      label = `eks ${spec.cluster} ${spec.namespace}/${spec.workload}`;
      break;
    case 'k8s':
      label = `k8s ${list(spec.from)} ${spec.workload}`;
      break;
  }
  return { index: spec.index, type: spec.type, label, ...(spec.defaults ? { defaults: true } : {}) };
}
