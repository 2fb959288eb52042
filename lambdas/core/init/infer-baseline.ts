import { isRuntimeKey } from '../keys';
import { failedOver, type EffectiveConfig } from '../engine/effective-config';
import type { ParityGroup } from '../estate/model';
import type { EnvironmentFacts } from './environmental';
import { inferKey, type KeyProposal, type Verdict } from './infer-key';

/** What init proposes for the whole estate, and the counts of its summary line. */
export interface BaselineProposal {
  keys: KeyProposal[];
  counts: Record<Verdict, number>;
}

/** Declared keys first by name, `runtime.*` last: the order a reader scans a baseline in. */
const keyOrder = (a: string, b: string): number => Number(isRuntimeKey(a)) - Number(isRuntimeKey(b)) || (a < b ? -1 : a > b ? 1 : 0);

/** Proposes a declaration for every key any environment runs, from the effective configurations and the parity groups to be. */
export function inferBaseline(
  envs: readonly EnvironmentFacts[],
  configs: readonly EffectiveConfig[],
  parity: readonly ParityGroup[] = [],
): BaselineProposal {
  const byName = new Map(configs.map((c) => [c.environment, c]));
  const columns = envs.flatMap((env) => {
    const config = byName.get(env.name);
    return config ? [{ env, config, unknown: config.failed.length > 0 }] : [];
  });
  const keys = new Set<string>();
  for (const { config } of columns) for (const key of config.entries.keys()) keys.add(key);
  const proposals = [...keys].sort(keyOrder).map((key) => {
    // An absent runtime key is unknown, not absent: the environment may have no source that observes it.
    const cells = columns.map(({ env, config, unknown }) => {
      const entry = config.entries.get(key);
      return {
        env,
        value: entry?.value,
        unknown: unknown || isRuntimeKey(key),
        overridable: entry !== undefined && !!failedOver(config, entry),
      };
    });
    // A value a failed source outranks may not be what runs: unknown too, where another environment's value is known
    // (where none is, it is all init has to describe the key by).
    const confirmed = cells.some((c) => c.value !== undefined && !c.overridable);
    return inferKey(
      key,
      cells.map(({ env, value, unknown, overridable }) => ({ env, value: confirmed && overridable ? undefined : value, unknown })),
      parity,
    );
  });
  const counts: Record<Verdict, number> = { agrees: 0, 'per-environment': 0, differs: 0 };
  for (const p of proposals) counts[p.verdict]++;
  return { keys: proposals, counts };
}

/** The summary line init ends with: differing keys no parity group compares are counted apart, as they make no finding. */
export function summaryLine({ keys, counts }: BaselineProposal): string {
  const uncompared = keys.filter((k) => k.uncompared).length;
  const compared = counts.differs - uncompared;
  const parts = [`${keys.length} keys: ${counts.agrees} agreeing`, `${counts['per-environment']} per-environment`];
  if (compared > 0 || uncompared === 0) parts.push(`${compared} differing (→ findings to review)`);
  if (uncompared > 0) parts.push(`${uncompared} differing in no parity group (no finding: add a parity group to compare them)`);
  return parts.join(', ');
}
