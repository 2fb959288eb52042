import { originOf, type EffectiveConfig } from '../engine/effective-config';
import { utcDate } from '../engine/dates';
import { flagCandidates, readsWholeEstate, sharedFlagValue, type FlagValue } from '../flags/flag-keys';
import type { FlagSeen, FlagsSeen } from '../flags/flags-seen';
import type { Estate } from '../estate/model';
import type { Finding } from '../model';
import type { Check } from './check-context';

/** The latest of the platform's modification times of the key's values: when the last environment got it. Undefined unless every environment says. */
function platformSince(key: string, configs: readonly EffectiveConfig[]): number | undefined {
  let latest = -Infinity;
  for (const config of configs) {
    const entry = config.entries.get(key);
    const at = entry && Date.parse(originOf(config, entry).modifiedAt ?? '');
    if (at === undefined || Number.isNaN(at)) return undefined;
    latest = Math.max(latest, at);
  }
  return latest;
}

/** The first time the store saw the value the same everywhere, if it remembers this value. */
function storeSince(seen: FlagSeen | undefined, value: FlagValue): number | undefined {
  const at = seen?.value === value ? Date.parse(seen.since) : NaN;
  return Number.isNaN(at) ? undefined : at;
}

/** A flag with one value everywhere, and since when (epoch ms) it provably has. */
export interface FlagAge {
  key: string;
  value: FlagValue;
  since: number;
}

/**
 * Every flag that has held one value in every environment, with its age: the older of two proofs,
 * the store's first sight of the value everywhere and the platform's modification times. In key
 * order; none unless the run read every environment. What `stale-flag` judges against `now`.
 */
export function flagAges(estate: Estate, configs: readonly EffectiveConfig[], flagsSeen: FlagsSeen): FlagAge[] {
  if (!readsWholeEstate(estate, configs)) return [];
  const ages: FlagAge[] = [];
  for (const key of [...flagCandidates(estate, configs[0]!.entries.keys())].sort()) {
    const value = sharedFlagValue(key, estate.baseline.keys.get(key), configs);
    if (value === undefined) continue;
    const proofs = [storeSince(flagsSeen.get(key), value), platformSince(key, configs)].filter((t) => t !== undefined);
    if (proofs.length) ages.push({ key, value, since: Math.min(...proofs) });
  }
  return ages;
}

/**
 * `stale-flag`: a flag has held one value in every environment for longer than `flags.lifetime`.
 * Estate-wide (no environment, no group), judged only when the run read every environment; without
 * a store, its age rests on the platform's modification times alone.
 */
export const staleFlagCheck: Check = {
  id: 'stale-flag',
  run(ctx) {
    const { estate } = ctx;
    const out: Finding[] = [];
    const now = ctx.now.getTime();
    for (const { key, value, since } of flagAges(estate, ctx.configs, ctx.flagsSeen)) {
      if (now - since <= estate.flags.lifetimeMs) continue;
      const spec = ctx.spec(key);
      out.push(
        ctx.make({
          kind: 'stale-flag',
          key,
          subject: key,
          actual: value,
          owner: spec?.owner,
          message: `${key} has been ${value} everywhere since ${utcDate(new Date(since))}: remove the flag and the code that reads it`,
        }),
      );
    }
    return out;
  },
};
