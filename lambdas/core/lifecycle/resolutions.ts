import { FINDING_KINDS, type FindingKind } from '../kinds';

/**
 * What a resolution says of the drift: `fixed` — what runs and the baseline agree now (the value
 * fixed, the key removed or declared, the baseline adopting it); `set-aside` — it is no longer judged
 * without having been fixed (excused, its estate, environment, group, source or rule removed, or
 * carried on under another finding). Trackers close a set-aside ticket as not planned.
 */
export type ResolutionOutcome = 'fixed' | 'set-aside';

export interface ResolutionEntry {
  outcome: ResolutionOutcome;
}

/** Every reason a finding is resolved with, by its words (which events, tickets and digests carry), and what it means. */
export const RESOLUTIONS = {
  'value fixed': { outcome: 'fixed' },
  'adopted into the baseline': { outcome: 'fixed' },
  'expected value removed from the baseline': { outcome: 'set-aside' },
  'constraint removed from the baseline': { outcome: 'set-aside' },
  'key made per-environment': { outcome: 'set-aside' },
  'expected value declared in the baseline': { outcome: 'set-aside' },
  'key declared in the baseline': { outcome: 'fixed' },
  'undeclared keys ignored': { outcome: 'set-aside' },
  'key left out of the parity group': { outcome: 'set-aside' },
  'override accepted in the baseline': { outcome: 'set-aside' },
  'key removed': { outcome: 'fixed' },
  'key no longer retired': { outcome: 'set-aside' },
  'retirement postponed': { outcome: 'set-aside' },
  'key no longer required': { outcome: 'set-aside' },
  'key retired': { outcome: 'set-aside' },
  'rule holds again': { outcome: 'fixed' },
  'rule judged again': { outcome: 'fixed' },
  'rule removed': { outcome: 'set-aside' },
  'key declared not a flag': { outcome: 'set-aside' },
  'flag removed or no longer the same everywhere': { outcome: 'fixed' },
  'tasks or pods replaced': { outcome: 'fixed' },
  'key set, or no longer read by the code': { outcome: 'fixed' },
  'key removed, or read by the code again': { outcome: 'fixed' },
  'source readable again': { outcome: 'fixed' },
  'source removed': { outcome: 'set-aside' },
  'excused by an exception': { outcome: 'set-aside' },
  'environment removed': { outcome: 'set-aside' },
  'parity group removed': { outcome: 'set-aside' },
  'estate removed': { outcome: 'set-aside' },
  /** An event with no reason (written before reasons were kept). */
  'no longer seen': { outcome: 'fixed' },
} as const satisfies Record<string, ResolutionEntry>;

/**
 * A finding now reported under another kind (an exception found expired, or no longer applying):
 * carried on, not fixed. (Any text after the words in the type: FindingKind is itself typed from the
 * kinds' entries, whose `resolved` returns a ResolutionReason; `reportedAs` takes a kind.)
 */
export type ReportedAs = `now reported as ${string}`;
export type ResolutionReason = keyof typeof RESOLUTIONS | ReportedAs;

export const reportedAs = (kind: FindingKind): ReportedAs => `now reported as ${kind}`;

const ENTRIES: ReadonlyMap<string, ResolutionEntry> = new Map<string, ResolutionEntry>([
  ...Object.entries(RESOLUTIONS),
  ...(Object.keys(FINDING_KINDS) as FindingKind[]).map((k): [string, ResolutionEntry] => [reportedAs(k), { outcome: 'set-aside' }]),
]);

/**
 * What a stored reason means. Events keep their words: one no entry has (written by an older
 * version) is taken as fixed, the meaning tickets closed with before reasons had one.
 */
export const resolutionOutcome = (reason: string | undefined): ResolutionOutcome =>
  ENTRIES.get(reason ?? 'no longer seen')?.outcome ?? 'fixed';
