import type { Document } from 'yaml';
import { yamlPackage } from '../on-demand/yaml-package';
import { isRecord } from './shape';

/**
 * Where a manifest's ConfigMap or Secret keeps the values a `data` (or `stringData`) key had before a later line of
 * the same key replaced them: kubectl and the API server keep the later silently, so the object holds only that one,
 * yet each earlier value is one someone meant, which explain shows (see dataOf).
 */
export const REPEATED_DATA = Symbol('values of a data key that a later line of the key replaced');

/** The earlier values of each repeated key, in file order (never the one that applies). */
export type RepeatedData = ReadonlyMap<string, readonly unknown[]>;

const DATA_FIELDS = ['data', 'stringData'] as const;

/**
 * Notes on a ConfigMap's or Secret's `data` object (as `toJS` built it from `doc`) the values its repeated keys had
 * before the last. Only documents the fast reader gave up on reach here: it reads no mapping that repeats a key.
 */
export function noteRepeatedData(doc: Document, js: unknown): void {
  const yaml = yamlPackage();
  if (!isRecord(js) || (js.kind !== 'ConfigMap' && js.kind !== 'Secret') || !yaml.isMap(doc.contents)) return;
  for (const field of DATA_FIELDS) {
    const section = js[field];
    const node = doc.contents.get(field, true);
    if (!isRecord(section) || !yaml.isMap(node)) continue;
    const last = new Map<string, unknown>();
    const earlier = new Map<string, unknown[]>();
    for (const pair of node.items) {
      if (!yaml.isScalar(pair.key) || !yaml.isScalar(pair.value)) continue;
      const key = String(pair.key.value);
      if (last.has(key)) earlier.set(key, [...(earlier.get(key) ?? []), last.get(key)]);
      last.set(key, pair.value.value);
    }
    if (earlier.size > 0) Object.defineProperty(section, REPEATED_DATA, { value: earlier satisfies RepeatedData });
  }
}
