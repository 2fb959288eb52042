import { environmentsOf } from '../finding-scope';
import { kindOf } from '../kinds';
import type { Finding } from '../model';
import type { FindingState } from './model';

/** What a `changed` finding's message ends with when the change was out-of-band. */
export const OUT_OF_BAND_NOTE = ' — out of band: not a deployer';

/** Who and when, as an opened finding's message names them. */
const opened = (by: string, at: string | undefined): string => ` (opened by an out-of-band change by ${by}${at ? ` at ${at}` : ''})`;

/** A finding marked as opened by an out-of-band change; its message says who and when. */
export function withOutOfBand(f: Finding, by: string, at: string | undefined): Finding {
  return { ...f, message: `${f.message}${opened(by, at)}`, outOfBand: true, changedBy: by, ...(at === undefined ? {} : { changedAt: at }) };
}

/**
 * Marks the findings an out-of-band change opens: a finding on the same key, in the change's
 * environment (or a parity group holding it), that was not open before this run. A finding still
 * open from such an opening keeps saying so, so its stored content does not change.
 */
export function markOutOfBand(
  findings: readonly Finding[],
  changed: readonly Finding[],
  previous: ReadonlyMap<string, FindingState>,
  groups: ReadonlyMap<string, readonly string[]>,
): Finding[] {
  const byScope = new Map<string, Finding>();
  for (const c of changed) if (c.outOfBand && c.key !== undefined && c.changedBy) byScope.set(`${c.environment}\u0000${c.key}`, c);
  return findings.map((f) => {
    // A report of change itself (a kind never listed as open) is marked where it is made.
    if (!kindOf(f.kind).listedOpen || f.key === undefined) return f;
    const st = previous.get(f.id);
    if (st?.status === 'open') {
      const was = st.finding;
      return was.outOfBand && was.changedBy ? withOutOfBand(f, was.changedBy, was.changedAt ?? undefined) : f;
    }
    const cause = environmentsOf(f, groups)
      .map((e) => byScope.get(`${e}\u0000${f.key}`))
      .find((c) => c !== undefined);
    return cause ? withOutOfBand(f, cause.changedBy!, cause.changedAt) : f;
  });
}
