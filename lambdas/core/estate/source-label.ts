import type { SourceLabel, SourceRef } from '../model';
import { recordedFrom } from '../source-kinds/fields';
import { locationPath } from '../source-kinds/read-files';
import { sourceKindOf } from '../source-kinds/registry';
import { byText } from '../text-order';
import type { Estate, SourceSpec } from './model';

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
 * A declared source's identity, what the store keeps its snapshot and its `source-error` under: its
 * label with its `from:` paths spelt as the file system reads them and in code-unit order, so
 * reordering a source's files or writing `./a.env` for `a.env` leaves it the same source (the order
 * still decides which file wins inside it). A source whose paths are already so written and ordered
 * has its label as identity, which is what the store was keyed by before (see sourceKeys).
 */
export function sourceIdentity(spec: SourceSpec): string {
  const from = recordedFrom(spec);
  if (!from) return sourceKindOf(spec).label(spec);
  // Relative paths as locations spell them (`./a.env` = `a.env`, no trailing slash); an absolute one as written.
  const same = from.map((p) => locationPath(p) ?? p).sort(byText);
  return sourceKindOf(spec).label({ ...spec, from: same } as SourceSpec);
}

/**
 * What `of` makes of a declared source's identity (`id`) and, where that differs, of its label as
 * written (`legacy`), which versions before the identity keyed it by: its store keys, its
 * `source-error`'s ids.
 */
export function identityAndLegacy(spec: SourceSpec, of: (text: string) => string): { id: string; legacy?: string } {
  const id = of(sourceIdentity(spec));
  const legacy = of(sourceLabel(spec).label);
  return legacy === id ? { id } : { id, legacy };
}

/**
 * The declared source a label was made of (its position and type in the environment, and the same
 * label), or undefined: a source's snapshot names it by label alone, and the store by its identity.
 */
export function declaredSpecOf(estate: Pick<Estate, 'environments'>, environment: string, source: SourceLabel): SourceSpec | undefined {
  const spec = estate.environments.find((e) => e.name === environment)?.sources[source.index];
  return spec && spec.type === source.type && sourceKindOf(spec).label(spec) === source.label ? spec : undefined;
}

/**
 * A finding's source when it is the declared source itself (it failed, its workload is stale):
 * the label names the type first (`file a.json`), which describeSource prints before the location.
 */
export function declaredSource(label: SourceLabel): SourceRef {
  const typed = `${label.type} `;
  return { type: label.type, location: label.label.startsWith(typed) ? label.label.slice(typed.length) : label.label };
}
