import type { KeyType } from '../engine/equality';
import type { LifecycleEvent } from '../lifecycle/model';
import type { Finding } from '../model';
import type { Severity } from '../severity';
import type { Digest, Inline } from './digest-model';
import { digestSections, type RuleKeys } from './sections';
import { selectDigest, type DigestSelection } from './select';
import { zonedDate, zonedMinute } from './zoned';

export interface DigestInput {
  estate: string;
  windowStart?: string;
  windowEnd: string;
  timezone: string;
  /** Lifecycle events since the last digest. */
  events: LifecycleEvent[];
  /** Currently open findings, with `status` and `firstSeen`. */
  open: Finding[];
  /** Suppressed findings, with `exception`: which expire soon is judged at the window end, in its time zone. */
  suppressed: Finding[];
  minSeverity: Severity;
  allClear: boolean;
  reportUrl?: string;
  /** The keys each rule reads (ruleKeysOf): a rule finding is shown with the findings on them. */
  ruleKeys?: RuleKeys;
  /** Environments, then parity groups, as drift.yaml lists them: the order scopes are shown in. */
  scopes?: { environments: readonly string[]; groups: readonly string[] };
  /** The estate's last digest: the installation no longer audits it (its file was removed or renamed). */
  removed?: boolean;
  /** The keys' types (keyType): changed values are shown by them, as the findings' messages show theirs. */
  keyType?: KeyType;
}

const REMOVED_LINE: Inline[] = [
  { strong: ['No longer audited'] },
  ' — this estate file was removed from the installation (or renamed); what it had open is resolved. ',
];

function countsLine(sel: DigestSelection, open: number, minSeverity: Severity): Inline[] {
  const expiring = sel.expiring.length;
  const rest = [
    `${sel.resolved.length} resolved`,
    `${sel.changed.length} changed`,
    `${open} still open`,
    `${sel.suppressed} suppressed`,
    `${expiring} exception${expiring === 1 ? '' : 's'} expiring within 7 days`,
  ];
  return [{ strong: [`${sel.fresh.length} new`] }, ` · ${rest.join(' · ')} `, { em: [`(severity ${minSeverity} and above)`] }];
}

function allClearLine(sel: DigestSelection, minSeverity: Severity): Inline[] {
  const suppressed = sel.suppressed ? ` (${sel.suppressed} suppressed by exceptions)` : '';
  return [{ icon: 'all-clear' }, ` All clear — nothing new, resolved, changed or open at severity ${minSeverity} and above${suppressed}.`];
}

/** One digest for a window, channel-neutral; `undefined` when there is nothing to say and all-clear is off. */
export function buildDigest(input: DigestInput): Digest | undefined {
  const sel = selectDigest(input.events, input.open, input.suppressed, input.minSeverity, input.scopes, input.windowEnd);
  const openCount = sel.open.reduce((n, g) => n + g.findings.length, 0);
  const quiet = !sel.fresh.length && !sel.resolved.length && !sel.changed.length && !openCount;
  if (quiet && !input.allClear) return undefined;
  const sections = digestSections(sel, input.windowEnd, input.timezone, input.ruleKeys, input.reportUrl, input.keyType);
  const { timezone } = input;
  return {
    estate: input.estate,
    date: zonedDate(input.windowEnd, timezone),
    window: {
      ...(input.windowStart ? { start: zonedMinute(input.windowStart, timezone) } : {}),
      end: zonedMinute(input.windowEnd, timezone),
      timezone,
    },
    allClear: quiet,
    headline: [
      ...(input.removed ? REMOVED_LINE : []),
      ...(quiet ? allClearLine(sel, input.minSeverity) : countsLine(sel, openCount, input.minSeverity)),
    ],
    // All clear says only which exceptions expire soon.
    sections: quiet ? sections.slice(4) : sections,
    ...(input.reportUrl ? { reportUrl: input.reportUrl } : {}),
  };
}
