import { describeSource } from '../describe-source';
import { daysBetween } from '../engine/dates';
import { scopeLabel, subjectOf } from '../finding-scope';
import type { Finding } from '../model';
import type { Severity } from '../severity';
import { code, userText } from './mrkdwn';
import { elapsedDays } from './zoned';

/** One line of a digest section; `findings` is how many findings it stands for (0 for a heading). */
export interface Line {
  text: string;
  findings: number;
}

const MARK: Record<Severity, string> = {
  critical: ':red_circle: *critical*',
  high: ':large_orange_circle: *high*',
  medium: ':large_yellow_circle: *medium*',
  low: ':large_blue_circle: *low*',
  info: ':white_circle: *info*',
};

/** The environment, the parity group or the whole estate a finding is about. */

const sourceLine = (f: Finding): string[] => {
  const out: string[] = [];
  if (f.source) out.push(userText(describeSource(f.source), 400));
  if (f.owner) out.push(`owner ${userText(f.owner, 80)}`);
  return out;
};

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** How many findings of one cause are spelt out under their lead; the rest are counted. */
const RELATED_SHOWN = 3;

/** Findings with the lead's cause, one short line each, under it. */
function relatedTail(related: readonly Finding[]): string {
  const shown = related.slice(0, RELATED_SHOWN).map((r) => `\n      ↳ same cause: ${r.severity} · ${r.kind} — ${userText(r.message, 160)}`);
  const rest = related.length - RELATED_SHOWN;
  return shown.join('') + (rest > 0 ? `\n      ↳ _and ${plural(rest, 'more related finding')}_` : '');
}

/** A new (or escalated) finding: severity, kind, where, what differs, where it comes from, and findings of the same cause. */
export function newLine(f: Finding, escalated: boolean, related: readonly Finding[] = []): Line {
  const head = `${MARK[f.severity]}${escalated ? ' (escalated)' : ''} · ${f.kind} · *${userText(scopeLabel(f), 120)}* — ${userText(f.message)}`;
  const src = sourceLine(f);
  return { text: `${src.length ? `${head}\n      ↳ ${src.join(' · ')}` : head}${relatedTail(related)}`, findings: 1 + related.length };
}

/** A resolved finding and why. */
export function resolvedLine(f: Finding, reason: string | undefined): Line {
  const subject = code(userText(subjectOf(f), 200));
  return {
    text: `:white_check_mark: ${f.severity} · ${f.kind} · *${userText(scopeLabel(f), 120)}* ${subject} — _${userText(reason ?? 'no longer seen', 120)}_`,
    findings: 1,
  };
}

/** A `changed` report: what, before → after, who. */
export function changedLine(f: Finding): Line {
  const before = f.expected === undefined ? '_absent_' : code(userText(f.expected, 200));
  const after = f.actual === undefined ? '_absent_' : code(userText(f.actual, 200));
  const src = f.source ? ` · ${userText(describeSource(f.source), 400)}` : '';
  return {
    text: `:pencil2: *${userText(scopeLabel(f), 120)}* ${code(userText(subjectOf(f), 200))}: ${before} → ${after}${src}`,
    findings: 1,
  };
}

/** A still-open finding under its scope's heading, with its age at the end of the window, and findings of the same cause. */
export function openLine(f: Finding, windowEnd: string, related: readonly Finding[] = []): Line {
  const age = f.firstSeen ? elapsedDays(f.firstSeen, windowEnd) : undefined;
  const details = sourceLine(f);
  if (age !== undefined) details.push(age === 0 ? 'open <1 day' : `open ${plural(age, 'day')}`);
  const tail = details.length ? `\n      ↳ ${details.join(' · ')}` : '';
  return { text: `${MARK[f.severity]} · ${f.kind} — ${userText(f.message)}${tail}${relatedTail(related)}`, findings: 1 + related.length };
}

/** The heading of one scope of the open section, with its counts by severity. */
export function scopeHeading(scope: string, counts: Array<[Severity, number]>): Line {
  const total = counts.reduce((n, [, c]) => n + c, 0);
  const bySeverity = counts.map(([s, c]) => `${c} ${s}`).join(', ');
  return { text: `*${userText(scope, 120)}* — ${total} open (${bySeverity})`, findings: 0 };
}

/** A suppressed finding whose exception expires soon. */
export function expiringLine(f: Finding, today: string): Line {
  const ex = f.exception;
  const value = f.actual !== undefined ? ` = ${code(userText(f.actual, 200))}` : '';
  const why = ex ? ` — ${userText(ex.reason, 200)}${ex.ticket ? ` (${userText(ex.ticket, 60)})` : ''}` : '';
  const left = ex?.expires !== undefined ? daysBetween(today, ex.expires) : undefined;
  const when =
    ex?.expires !== undefined
      ? ` · expires ${userText(ex.expires, 20)}${left !== undefined && !Number.isNaN(left) ? ` (in ${plural(left, 'day')})` : ''}`
      : '';
  return {
    text: `:hourglass_flowing_sand: ${f.severity} · *${userText(scopeLabel(f), 120)}* ${code(userText(subjectOf(f), 200))}${value}${why}${when}`,
    findings: 1,
  };
}

/** `+N more`, with the report link when there is one. */
export function moreLine(n: number, reportUrl: string | undefined): Line {
  return { text: `_+${n} more_${reportUrl ? ` — ${reportLink(reportUrl, 'see the full report')}` : ''}`, findings: 0 };
}

/** A Slack link to our own report; the URL is ours, but `|` and `>` would still break the link syntax. */
export const reportLink = (url: string, label: string): string => `<${escapeUrl(url)}|${label}>`;

const escapeUrl = (url: string): string => url.replace(/&/g, '&amp;').replace(/</g, '%3C').replace(/>/g, '%3E').replace(/\|/g, '%7C');
