import { keyCodeRead, type KeyCodeRead, type ScannedReads } from '../code/key-code-read';
import type { KeySpec } from '../estate/model';
import type { SourceRef } from '../model';
import { displayValue } from '../values/value';
import { entrySource } from '../checks/check-context';
import { absenceUnknown, layersOf, type EffectiveConfig } from './effective-config';
import { comparisonType, sameValue } from './equality';

export interface DiffSide {
  value: string;
  source: SourceRef;
}

/** With the estate's `code:`, how the code reads the row's key (KeyCodeRead); absent without. */
export interface DiffRow extends Partial<KeyCodeRead> {
  key: string;
  a: DiffSide | null;
  b: DiffSide | null;
  /** Equal under the key's type (`60s` = `1m`); null when it cannot be known. */
  same: boolean | null;
}

/**
 * The effective configurations of two environments side by side, keys sorted. With the estate's
 * code reads, each row says where the code reads its key, and keys the code reads that neither sets are rows too.
 */
export function diffConfigs(
  a: EffectiveConfig,
  b: EffectiveConfig,
  spec: (key: string) => KeySpec | undefined,
  code?: ScannedReads,
): DiffRow[] {
  const keys = [...new Set([...a.entries.keys(), ...b.entries.keys(), ...(code?.reads.keys() ?? [])])].sort();
  return keys.map((key) => {
    const ea = a.entries.get(key);
    const eb = b.entries.get(key);
    const side = (c: EffectiveConfig, e: typeof ea): DiffSide | null =>
      e ? { value: displayValue(e.value), source: entrySource(c, e) } : null;
    // Both unset (a key only the code reads): they agree.
    let same: boolean | null = !ea && !eb;
    if (ea && eb) same = sameValue(ea.value, eb.value, comparisonType(key, spec(key), [ea.value, eb.value])) ?? null;
    // One side unset where it cannot know (a runtime key its sources cannot observe, a failed source): unknown, as parity has it.
    else if (ea ? absenceUnknown(b, key) : eb && absenceUnknown(a, key)) same = null;
    const row: DiffRow = { key, a: side(a, ea), b: side(b, eb), same };
    const setBy = () => [...layersOf(a, key), ...layersOf(b, key)].map((o) => o.origin.source.type);
    return code ? Object.assign(row, keyCodeRead(code, key, setBy)) : row;
  });
}
