import type { Finding } from './model';

/** A run of a finding's message: our words, or one of the finding's values where the message quotes it. */
export type MessageSpan = { text: string } | { value: string };

const present = (v: unknown): v is string => typeof v === 'string' && v !== '';
const wordChar = (c: string | undefined): boolean => c !== undefined && /[\p{L}\p{N}_]/u.test(c);

/**
 * The message with each of the finding's values, where it stands as a word of its own, as a span of
 * its own: a channel shows it as code, so a value is never read as markup (a ticket's Markdown, Slack's mrkdwn).
 */
export function messageSpans(f: Finding): MessageSpan[] {
  const values = [f.expected, f.actual, ...Object.values(f.values ?? {}), ...(f.hidden ?? []).map((h) => h.value)].filter(present);
  // Longest first, so a value that contains another is taken whole.
  const byLength = [...new Set(values)].sort((a, b) => b.length - a.length);
  const out: MessageSpan[] = [];
  let text = '';
  for (let i = 0; i < f.message.length;) {
    const hit = byLength.find((v) => f.message.startsWith(v, i) && !wordChar(f.message[i - 1]) && !wordChar(f.message[i + v.length]));
    if (hit === undefined) {
      text += f.message[i];
      i += 1;
      continue;
    }
    if (text) out.push({ text });
    out.push({ value: hit });
    text = '';
    i += hit.length;
  }
  if (text) out.push({ text });
  return out;
}
