import { cut, sanitize } from '../values/value';

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
