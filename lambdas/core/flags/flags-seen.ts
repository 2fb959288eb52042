import type { FlagValue } from './flag-keys';

/** What the store remembers of a flag: since when it has held `value` everywhere, or differed. */
export interface FlagSeen {
  /** ISO time of the first run that saw this state. */
  since: string;
  value: FlagValue | 'differs';
}

/** The store's memory of the estate's flags, by key: an input of the audit (empty without a store). */
export type FlagsSeen = ReadonlyMap<string, FlagSeen>;

export const NO_FLAGS_SEEN: FlagsSeen = new Map();

/** The store's marker name of a flag's memory. */
export const flagMarkerName = (key: string): string => `flag:${key}`;

// The time leads, so the store's forward-only markers order by it.
/** A flag's memory as a marker value. */
export const encodeFlagSeen = (seen: FlagSeen): string => `${seen.since}|${seen.value}`;

/** A marker value read back; undefined for anything else. */
export function decodeFlagSeen(text: string | undefined): FlagSeen | undefined {
  const bar = text?.lastIndexOf('|') ?? -1;
  if (text === undefined || bar < 0) return undefined;
  const value = text.slice(bar + 1);
  if (value !== 'true' && value !== 'false' && value !== 'differs') return undefined;
  return { since: text.slice(0, bar), value };
}

/**
 * What to remember after a run that read every environment: a new state from `now`, or nothing
 * when the remembered one still holds (so its `since` stays the first time it was seen).
 */
export function nextFlagSeen(seen: FlagSeen | undefined, shared: FlagValue | undefined, now: string): FlagSeen | undefined {
  const value = shared ?? 'differs';
  if (seen?.value === value || (!seen && value === 'differs')) return undefined;
  return { since: now, value };
}
