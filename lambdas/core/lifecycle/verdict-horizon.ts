import { flagAges } from '../checks/stale-flag';
import type { EffectiveConfig } from '../engine/effective-config';
import type { Estate } from '../estate/model';
import type { FlagsSeen } from '../flags/flags-seen';

/**
 * Where the audit reads the clock, by file under lambdas/core: what `verdictsHoldUntil` accounts
 * for. A test fails when another file starts reading `now` or `today`, so this list and the horizon
 * grow together.
 */
export const CLOCK_READERS = {
  /** `today` (a UTC date): retired keys (and what an unset one read again says); exceptions' expiry and their expiring-soon warning. */
  byDate: ['checks/retired.ts', 'checks/unset.ts', 'engine/exceptions.ts', 'engine/audit.ts', 'checks/check-context.ts'],
  /** `now` against each flag's age: the flag ages this horizon reads (flagAges). */
  byFlagAge: ['checks/stale-flag.ts'],
  /** `now` against running units' rollouts: an estate with runtime units is never reused (see reuse-audit). */
  byRuntime: ['checks/stale-runtime.ts'],
} as const;

const DAY_MS = 86_400_000;

/**
 * The last instant (epoch ms) up to which an audit of the same inputs, judged at any time from `now`
 * on, gives the same verdicts: the end of `now`'s UTC day (every date-based verdict), or earlier, the
 * instant the youngest not-yet-stale flag would outlive `flags.lifetime`. `flagsSeen` is what the
 * store remembers after the run (what the next run reads).
 */
export function verdictsHoldUntil(estate: Estate, configs: readonly EffectiveConfig[], flagsSeen: FlagsSeen, now: Date): number {
  const at = now.getTime();
  let until = Math.floor(at / DAY_MS) * DAY_MS + DAY_MS - 1;
  for (const { since } of flagAges(estate, configs, flagsSeen)) {
    // stale-flag: stale once now - since > lifetime; the verdict holds through since + lifetime.
    const last = since + estate.flags.lifetimeMs;
    if (last >= at && last < until) until = last;
  }
  return until;
}
