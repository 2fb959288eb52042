import { displayedWithUnit } from '../checks/check-context';
import type { KeyType } from '../engine/equality';
import { environmentsOf } from '../finding-scope';
import type { ImmediateSettings } from '../estate/model';
import { carriedKind } from '../carried-kind';
import { kindOf } from '../kinds';
import type { LifecycleEvent } from '../lifecycle/model';
import type { Finding } from '../model';
import { atLeast, type Severity } from '../severity';
import { syncCommands, type SyncCommands } from '../sync-commands';

/** One finding a change opened, told at once: who changed what, from → to, what it now disagrees with, and the way back. */
export interface ImmediateNotice {
  /** The `opened` event's id: marked sent on its channel (immediateMarks) once delivered. */
  eventId: string;
  estate: string;
  severity: Severity;
  /** Where the change was made. */
  environment: string;
  key: string;
  /** Who made it and when, where the platform says. */
  by?: string;
  at?: string;
  /** The values before and after, as outputs show them (secrets as fingerprint markers); absent for a key that appeared. */
  from?: string;
  to?: string;
  outOfBand: boolean;
  /** The finding the change opened. */
  finding: Finding;
  /** What the new value now disagrees with (the baseline's value, its parity group), in one line; absent where the finding is no such disagreement (its message says what it is). */
  disagrees?: string;
  commands?: SyncCommands;
}

const episodeOf = (e: LifecycleEvent): string => `${e.finding.id}#${e.episode ?? 0}`;
const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/**
 * What the opened finding says the value now disagrees with: its parity group's values, or the
 * baseline's expected value (a mismatch, or an expired exception carrying one). Undefined for a
 * finding that is no disagreement with a value (a constraint, a rule, a retired key).
 */
function disagreement(f: Finding): string | undefined {
  const expected = text(f.expected);
  if (f.values && typeof f.values === 'object' && typeof f.group === 'string') {
    const values = Object.entries(f.values).map(([env, v]) => `${env} ${v ?? '(absent)'}`);
    return `its parity group ${text(f.group) ?? ''}: ${values.join(', ')}`;
  }
  const carried = carriedKind(f);
  const syncable = kindOf(f.kind).syncable || (carried !== undefined && kindOf(carried).syncable);
  return syncable && expected !== undefined ? `the baseline, which expects ${expected}` : undefined;
}

/**
 * The immediate messages owed: each `opened` event at or above the minimum severity whose finding
 * a `changed` value of the same run and key opened (only out-of-band ones, by default), not marked
 * `sentMark` yet (the channel's: immediateMarks), nor resolved since. A first run has no changes,
 * so it never floods the channel.
 */
export function immediateNotices(
  events: readonly LifecycleEvent[],
  config: ImmediateSettings | false,
  groups: ReadonlyMap<string, readonly string[]>,
  sentMark: string,
  /** The keys' types: the values before and after are shown by them, as the findings' messages show theirs. */
  typeOf: KeyType = () => undefined,
): ImmediateNotice[] {
  if (config === false) return [];
  const changes = events.filter((e) => e.event === 'changed' && (!config.outOfBandOnly || e.finding.outOfBand === true));
  // A message that did not go before its finding was resolved (a flap reverted) would announce drift that is gone.
  const resolved = new Set(events.filter((e) => e.event === 'resolved').map(episodeOf));
  const notices: ImmediateNotice[] = [];
  for (const e of events) {
    const f = e.finding;
    if (e.event !== 'opened' || e.sent?.[sentMark] !== undefined || typeof f.key !== 'string') continue;
    if (resolved.has(episodeOf(e))) continue;
    if (!kindOf(f.kind).published || !atLeast(f.severity, config.minSeverity)) continue;
    const envs = environmentsOf(f, groups);
    const cause = changes.find((c) => c.runId === e.runId && c.finding.key === f.key && envs.includes(c.finding.environment ?? ''));
    if (!cause) continue;
    const c = cause.finding;
    const by = text(c.changedBy) ?? text(c.source?.modifiedBy);
    const at = text(c.changedAt) ?? text(c.source?.modifiedAt);
    const [from, to] = [text(c.expected), text(c.actual)];
    const commands = syncCommands(f);
    const disagrees = disagreement(f);
    notices.push({
      eventId: e.eventId,
      estate: f.estate,
      severity: f.severity,
      environment: c.environment!,
      key: f.key,
      ...(by === undefined ? {} : { by }),
      ...(at === undefined ? {} : { at }),
      ...(from === undefined ? {} : { from: displayedWithUnit(from, typeOf(f.key)) }),
      ...(to === undefined ? {} : { to: displayedWithUnit(to, typeOf(f.key)) }),
      outOfBand: c.outOfBand === true,
      finding: f,
      ...(disagrees === undefined ? {} : { disagrees }),
      ...(commands ? { commands } : {}),
    });
  }
  return notices;
}
