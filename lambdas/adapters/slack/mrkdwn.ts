import type { Inline } from '../../core/digest/digest-model';
import type { Severity } from '../../core/severity';
import { cut, sanitize } from '../../core/values/value';

/** Escapes the three characters Slack parses as control sequences, so user text never pings or links. */
export const escapeMrkdwn = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

// mrkdwn has no escape for a backtick, and a code span cannot hold one: a backtick in a value would end its
// span early, and one in user text would pair with the next value's, leaving that value bare (read as markup).
// Both show this look-alike instead (MODIFIER LETTER GRAVE ACCENT); a value that had one says so.
const BACKTICK_LOOKALIKE = '\u02cb';
const BACKTICK_NOTE = ` (${BACKTICK_LOOKALIKE} is a backtick)`;
const unticked = (text: string): string => text.replace(/`/g, BACKTICK_LOOKALIKE);

/** `raw` with control characters shown, cut so that it is at most `max` characters once escaped (entities are never split). */
function fitted(raw: string, max: number): string {
  const shown = sanitize(raw);
  let limit = max;
  let out = cut(shown, limit);
  for (let over = escapeMrkdwn(out).length - max; over > 0 && limit > 1; over = escapeMrkdwn(out).length - max) {
    limit -= over;
    out = cut(shown, limit);
  }
  return out;
}

/** Shown text as a code span: escaped, a backtick as its look-alike and a note saying so, `""` for nothing. */
function codeSpan(shown: string): string {
  if (shown === '') return '""';
  return `\`${unticked(escapeMrkdwn(shown))}\`${shown.includes('`') ? BACKTICK_NOTE : ''}`;
}

/** User text as mrkdwn prose: control characters shown, cut to `max` escaped characters, escaped, no backtick. */
export const fitUserText = (raw: string, max: number): string => unticked(escapeMrkdwn(fitted(raw, max)));

/** User text for a `plain_text` object, which Slack does not parse as markup: cut to `max` escaped characters. */
export const fitPlainText = (raw: string, max: number): string => escapeMrkdwn(fitted(raw, max));

/** A value (or key, or command) as a code span holding at most `max` escaped characters: never read as markup. */
export const code = (raw: string, max: number): string => codeSpan(fitted(raw, max));

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
  if ('user' in p) return unticked(escapeMrkdwn(p.user));
  if ('code' in p) return codeSpan(p.code);
  if ('strong' in p) return `*${mrkdwn(p.strong)}*`;
  if ('em' in p) return `_${mrkdwn(p.em)}_`;
  if ('link' in p) return reportLink(p.link, p.label);
  if ('severity' in p) return MARK[p.severity];
  return ICON[p.icon];
}
