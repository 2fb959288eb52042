import { apiReadFor } from '../code/api-reads';
import type { ApiRead, CodeRead, OpenRead } from '../code/code-read';
import { openReadsOf } from '../code/open-reads';
import type { CodeReads } from '../code/code-reads';
import { readsOfKey } from '../code/reads-of-key';
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

export interface DiffRow {
  key: string;
  a: DiffSide | null;
  b: DiffSide | null;
  /** Equal under the key's type (`60s` = `1m`); null when it cannot be known. */
  same: boolean | null;
  /** Where the code reads the key (empty: no code reads it); absent when the estate declares no `code:`. */
  code?: readonly CodeRead[];
  /** With no read of the key itself: where the code reads a service that sets it through the service's API. */
  codeApi?: ApiRead;
  /** With neither: where the code reads a name made as it runs that starts as the key does (`FEATURE_${f}`). */
  codeOpen?: OpenRead;
}

/**
 * The effective configurations of two environments side by side, keys sorted. With the estate's
 * code reads, each row says where the code reads its key, and keys the code reads that neither sets are rows too.
 */
export function diffConfigs(
  a: EffectiveConfig,
  b: EffectiveConfig,
  spec: (key: string) => KeySpec | undefined,
  codeReads?: CodeReads,
  apiReads?: readonly ApiRead[],
  openReads?: readonly OpenRead[],
): DiffRow[] {
  const keys = [...new Set([...a.entries.keys(), ...b.entries.keys(), ...(codeReads?.keys() ?? [])])].sort();
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
    if (codeReads) row.code = readsOfKey(codeReads, key);
    const api =
      row.code?.length === 0
        ? apiReadFor(
            apiReads,
            [...layersOf(a, key), ...layersOf(b, key)].map((o) => o.origin.source.type),
          )
        : undefined;
    if (api) row.codeApi = api;
    const open = row.code?.length === 0 && !api ? openReadsOf(openReads, key).read : undefined;
    if (open) row.codeOpen = open;
    return row;
  });
}
