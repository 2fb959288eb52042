import { utcDate } from '../engine/dates';
import type { LifecycleEvent } from '../lifecycle/model';
import type { Finding } from '../model';
import type { Severity } from '../severity';
import { fitUserText } from './mrkdwn';
import { mrkdwnSection, packSections, SLACK_LIMITS } from './pack';
import { reportLink } from './lines';
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
  /** Suppressed findings, with `exception` and `expiresSoon`. */
  suppressed: Finding[];
  minSeverity: Severity;
  allClear: boolean;
  reportUrl?: string;
  /** The keys each rule reads (ruleKeysOf): a rule finding is shown with the findings on them. */
  ruleKeys?: RuleKeys;
  /** Environments, then parity groups, as drift.yaml lists them: the order scopes are shown in. */
  scopes?: { environments: readonly string[]; groups: readonly string[] };
}

/** A Slack message: Block Kit blocks and the plain `text` notifications and old clients show. */
export interface SlackDigest {
  text: string;
  blocks: object[];
}

const FALLBACK_LINES = 5;
const FALLBACK_CHARS = 3000;

function header(estate: string, date: string): object {
  const fixed = `drift ·  · ${date}`;
  return {
    type: 'header',
    text: { type: 'plain_text', text: `drift · ${fitUserText(estate, SLACK_LIMITS.headerChars - fixed.length)} · ${date}` },
  };
}

function countsLine(sel: DigestSelection, open: number, minSeverity: Severity): string {
  const expiring = sel.expiring.length;
  return (
    [
      `*${sel.fresh.length} new*`,
      `${sel.resolved.length} resolved`,
      `${sel.changed.length} changed`,
      `${open} still open`,
      `${sel.suppressed} suppressed`,
      `${expiring} exception${expiring === 1 ? '' : 's'} expiring within 7 days`,
    ].join(' · ') + ` _(severity ${minSeverity} and above)_`
  );
}

function windowLine(input: DigestInput): string {
  const end = zonedMinute(input.windowEnd, input.timezone);
  const start = input.windowStart ? `${zonedMinute(input.windowStart, input.timezone)} → ` : 'until ';
  return `_${start}${end} (${fitUserText(input.timezone, 60)})_`;
}

const linkBlock = (url: string): object => ({
  type: 'context',
  elements: [{ type: 'mrkdwn', text: reportLink(url, 'Full report'), verbatim: true }],
});

/** The `text` fallback: the counts line and the first lines of the digest, whole lines only. */
function fallback(first: string, lines: string[]): string {
  let text = first;
  for (const line of lines.slice(0, FALLBACK_LINES)) {
    if (text.length + 1 + line.length > FALLBACK_CHARS) break;
    text += `\n${line}`;
  }
  return text;
}

/** One Slack digest for a window, within Slack's limits; `undefined` when there is nothing to say and all-clear is off. */
export function buildDigest(input: DigestInput): SlackDigest | undefined {
  const sel = selectDigest(input.events, input.open, input.suppressed, input.minSeverity, input.scopes);
  const openCount = sel.open.reduce((n, g) => n + g.findings.length, 0);
  const quiet = !sel.fresh.length && !sel.resolved.length && !sel.changed.length && !openCount;
  if (quiet && !input.allClear) return undefined;
  const head = header(input.estate, zonedDate(input.windowEnd, input.timezone));
  const link = input.reportUrl ? [linkBlock(input.reportUrl)] : [];
  const sections = digestSections(sel, input.windowEnd, utcDate(new Date(input.windowEnd)), input.ruleKeys);
  if (quiet) {
    const suppressed = sel.suppressed ? ` (${sel.suppressed} suppressed by exceptions)` : '';
    const line = `:white_check_mark: All clear — nothing new, resolved, changed or open at severity ${input.minSeverity} and above${suppressed}.`;
    const expiring = sections.slice(4);
    return {
      text: line,
      blocks: [head, mrkdwnSection(line), ...packSections(expiring, SLACK_LIMITS.blocks - 2 - link.length, input.reportUrl), ...link],
    };
  }
  const counts = countsLine(sel, openCount, input.minSeverity);
  const body = packSections(sections, SLACK_LIMITS.blocks - 2 - link.length, input.reportUrl);
  const firstLines = sections.flatMap((s) => s.lines.map((l) => l.text.split('\n')[0]!));
  return {
    text: fallback(counts, firstLines),
    blocks: [head, mrkdwnSection(`${counts}\n${windowLine(input)}`), ...body, ...link],
  };
}
