import { messageSpans } from '../message-values';
import type { Finding } from '../model';
import type { Severity } from '../severity';
import { cut, sanitize } from '../values/value';

/** A mark a channel draws its own way (Slack: an emoji). */
export type Icon = 'resolved' | 'changed' | 'expiring' | 'all-clear';

/**
 * A run of digest text, as structure: each channel renders it in its own markup. A bare string is
 * our own wording, written as it is; `user` and `code` hold text from the estate or the platform,
 * already cut to length with control characters shown, which the channel escapes for its markup.
 */
export type Inline =
  | string
  | { user: string }
  | { code: string }
  | { strong: Inline[] }
  | { em: Inline[] }
  | { link: string; label: string }
  | { severity: Severity }
  | { icon: Icon };

/** One entry of a digest section; `findings` is how many findings it stands for (0 for a heading). */
export interface DigestLine {
  text: Inline[];
  /** Lines under it: where the value comes from, its age, the findings of the same cause. */
  details: Inline[][];
  findings: number;
}

/** A titled run of lines; `hidden` counts findings already left out (a channel may leave out more). */
export interface DigestSection {
  title: string;
  lines: DigestLine[];
  hidden: number;
}

/** One digest window, channel-neutral: what a sink renders (Slack blocks today). */
export interface Digest {
  estate: string;
  /** The window's end, as a date in the window's time zone. */
  date: string;
  /** The window in its time zone (`YYYY-MM-DD HH:mm`); no start for the first digest. */
  window: { start?: string; end: string; timezone: string };
  /** Nothing new, resolved, changed or open at the threshold: the headline says so. */
  allClear: boolean;
  /** The counts line, or the all-clear line. */
  headline: Inline[];
  sections: DigestSection[];
  /** The full report, when the installation serves one. */
  reportUrl?: string;
}

/** Text from the estate or the platform, made inert for every channel: control characters shown, cut to `max`. */
export const user = (raw: string, max = 300): { user: string } => ({ user: cut(sanitize(raw), max) });

/** The same, as a value or key in a code span. */
export const code = (raw: string, max: number): { code: string } => ({ code: cut(sanitize(raw), max) });

/** Parts joined by a separator. */
export const joined = (parts: readonly Inline[][], separator: string): Inline[] =>
  parts.flatMap((p, i) => (i === 0 ? p : [separator, ...p]));

/**
 * A finding's message, its values as code (so a value is never read as markup), cut to about `max`
 * characters in all: a span that does not fit is cut and ends the message.
 */
export function message(f: Finding, max = 300): Inline[] {
  const out: Inline[] = [];
  let left = max;
  for (const span of messageSpans(f)) {
    const raw = 'value' in span ? span.value : span.text;
    const length = sanitize(raw).length;
    const fits = length <= left;
    const room = fits ? Infinity : Math.max(1, left);
    out.push('value' in span ? code(raw, room) : user(raw, room));
    if (!fits) break;
    left -= length;
  }
  return out;
}
