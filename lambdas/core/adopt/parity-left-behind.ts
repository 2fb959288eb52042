import { expectedValue } from '../checks/check-context';
import { groupKeys } from '../checks/parity';
import type { Estate } from '../estate/model';

/** A parity group that stops comparing an adopted key, and its environments left with no expected value. */
export interface ParityLeftBehind {
  group: string;
  environments: string[];
}

/**
 * The parity groups that compare `key` today and stop once `env` alone gets an expected value:
 * parity judges a key only while the baseline expects no value for it, so the group's other
 * environments, which expect none, are then compared with nothing.
 */
export function parityLeftBehind(estate: Estate, env: string, key: string): ParityLeftBehind[] {
  const spec = estate.baseline.keys.get(key);
  if (spec?.perEnvironment || spec?.retired) return [];
  const out: ParityLeftBehind[] = [];
  for (const group of estate.parity) {
    if (!group.environments.includes(env) || !groupKeys(group)(key)) continue;
    if (group.environments.some((e) => expectedValue(spec, e) !== undefined)) continue;
    out.push({ group: group.name, environments: group.environments.filter((e) => e !== env) });
  }
  return out;
}
