import { originOf, type EffectiveConfig } from '../engine/effective-config';
import { utcDate } from '../engine/dates';
import { flagCandidates, readsWholeEstate, sharedFlagValue, type FlagValue } from '../flags/flag-keys';
import type { FlagSeen } from '../flags/flags-seen';
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

/**
 * `stale-flag`: a flag has held one value in every environment for longer than `flags.lifetime`.
 * Estate-wide (no environment, no group), judged only when the run read every environment. Its age
 * is the older of two proofs: the store's first sight of the value everywhere, and the platform's
 * modification times; without a store, only the latter.
 */
export const staleFlagCheck: Check = {
  id: 'stale-flag',
  run(ctx) {
    const { estate, configs } = ctx;
    if (!readsWholeEstate(estate, configs)) return [];
    const out: Finding[] = [];
    const now = ctx.now.getTime();
    const first = configs[0]!;
    for (const key of [...flagCandidates(estate, first.entries.keys())].sort()) {
      const spec = ctx.spec(key);
      const value = sharedFlagValue(key, spec, configs);
      if (value === undefined) continue;
      const proofs = [storeSince(ctx.flagsSeen.get(key), value), platformSince(key, configs)].filter((t) => t !== undefined);
      if (!proofs.length) continue;
      const since = Math.min(...proofs);
      if (now - since <= estate.flags.lifetimeMs) continue;
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
