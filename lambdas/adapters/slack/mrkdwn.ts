import type { Inline } from '../../core/digest/digest-model';
import type { Severity } from '../../core/severity';
import { cut, sanitize } from '../../core/values/value';

/** Escapes the three characters Slack parses as control sequences, so user text never pings or links. */
export const escapeMrkdwn = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** User text made safe for a Slack text object: control characters escaped, cut to `max`, then mrkdwn-escaped. */
export const userText = (raw: string, max = 300): string => escapeMrkdwn(cut(sanitize(raw), max));

/** A value in a code span; a value holding a backtick is left bare rather than altered. */
export const code = (safe: string): string => (safe.includes('`') || safe === '' ? safe || '""' : `\`${safe}\``);

/** `userText` cut so that the escaped result is at most `max` characters (entities are never split). */
export function fitUserText(raw: string, max: number): string {
  let limit = max;
  let out = userText(raw, limit);
  while (out.length > max && limit > 1) {
    limit -= Math.max(1, out.length - max);
    out = userText(raw, limit);
  }
  return out;
}

/** A Slack link to our own report; the URL is ours, but `|` and `>` would still break the link syntax. */
export const reportLink = (url: string, label: string): string => `<${escapeUrl(url)}|${label}>`;

const escapeUrl = (url: string): string => url.replace(/&/g, '&amp;').replace(/</g, '%3C').replace(/>/g, '%3E').replace(/\|/g, '%7C');

const MARK: Record<Severity, string> = {
  critical: ':red_circle: *critical*',
  high: ':large_orange_circle: *high*',
  medium: ':large_yellow_circle: *medium*',
  low: ':large_blue_circle: *low*',
  info: ':white_circle: *info*',
};

const ICON = {
  resolved: ':white_check_mark:',
  'all-clear': ':white_check_mark:',
  changed: ':pencil2:',
  expiring: ':hourglass_flowing_sand:',
};

/** The digest's neutral text as Slack mrkdwn: user text escaped, structure as markup. */
export function mrkdwn(parts: readonly Inline[]): string {
  return parts.map(part).join('');
}

function part(p: Inline): string {
  if (typeof p === 'string') return p;
  if ('user' in p) return escapeMrkdwn(p.user);
  if ('code' in p) return code(escapeMrkdwn(p.code));
  if ('strong' in p) return `*${mrkdwn(p.strong)}*`;
  if ('em' in p) return `_${mrkdwn(p.em)}_`;
  if ('link' in p) return reportLink(p.link, p.label);
  if ('severity' in p) return MARK[p.severity];
  return ICON[p.icon];
}
