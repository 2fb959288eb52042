import type { KeySpec } from '../estate/model';
import type { SourceRef } from '../model';
import { displayValue } from '../values/value';
import { entrySource } from '../checks/check-context';
import type { EffectiveConfig } from './effective-config';
import { comparisonType, sameValue } from './equality';

export interface DiffSide {
  value: string;
  source: SourceRef;
}

export interface DiffRow {
  key: string;
  a: DiffSide | null;
  b: DiffSide | null;
  /** Equal under the key's type (`60s` = `1m`); null when it cannot be known. */
  same: boolean | null;
}

/** The effective configurations of two environments side by side, keys sorted. */
export function diffConfigs(a: EffectiveConfig, b: EffectiveConfig, spec: (key: string) => KeySpec | undefined): DiffRow[] {
  const keys = [...new Set([...a.entries.keys(), ...b.entries.keys()])].sort();
  return keys.map((key) => {
    const ea = a.entries.get(key);
    const eb = b.entries.get(key);
    const side = (c: EffectiveConfig, e: typeof ea): DiffSide | null =>
      e ? { value: displayValue(e.value), source: entrySource(c, e) } : null;
    let same: boolean | null = false;
    if (ea && eb) same = sameValue(ea.value, eb.value, comparisonType(key, spec(key), [ea.value, eb.value])) ?? null;
    return { key, a: side(a, ea), b: side(b, eb), same };
  });
}
