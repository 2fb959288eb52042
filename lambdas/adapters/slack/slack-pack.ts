import type { DigestLine, DigestSection } from '../../core/digest/digest-model';
import { moreLine } from '../../core/digest/lines';
import { cutEnd } from '../../core/values/text-cut';
import { mrkdwn } from './mrkdwn';

/** Slack's limits for one message. */
export const SLACK_LIMITS = { blocks: 50, sectionChars: 3000, headerChars: 150 } as const;

/** A mrkdwn section; `verbatim` stops Slack from turning bare names and URLs into mentions and links. */
export const mrkdwnSection = (text: string): object => ({ type: 'section', text: { type: 'mrkdwn', text, verbatim: true } });

/** A digest line as mrkdwn, its details indented beneath it. */
export const lineText = (line: DigestLine): string => mrkdwn(line.text) + line.details.map((d) => `\n      ↳ ${mrkdwn(d)}`).join('');

// Our lines are bounded, but hostile text can grow five-fold when escaped: never let one line fill a block.
// A cut keeps whole entities, whole emoji (a lone surrogate half is not text) and whole fingerprint markers,
// and closes a code span it cut open (no value holds a backtick): left open, it would take in what follows.
const MAX_LINE = 1200;
function clamp(text: string): string {
  if (text.length <= MAX_LINE) return text;
  const kept = cutEnd(text, MAX_LINE - 2).replace(/&[a-z]*$/, '');
  return `${kept}…${kept.split('`').length % 2 === 0 ? '`' : ''}`;
}

/** Packs one section into at most `available` blocks of at most 3,000 characters, ending with "+N more" when it does not fit. */
function packSection(s: DigestSection, available: number, reportUrl: string | undefined): object[] {
  const reserve = mrkdwn(moreLine(999_999, reportUrl)).length + 1;
  const room = SLACK_LIMITS.sectionChars - reserve;
  const chunks: string[] = [];
  let current = `*${s.title}*`;
  let i = 0;
  for (; i < s.lines.length; i++) {
    const line = clamp(lineText(s.lines[i]!));
    if (current.length + 1 + line.length <= room) {
      current += `\n${line}`;
      continue;
    }
    if (chunks.length + 2 > available || line.length > room) break;
    chunks.push(current);
    current = line;
  }
  const dropped = s.lines.slice(i).reduce((n, l) => n + l.findings, 0) + s.hidden;
  if (dropped > 0) current += `\n${mrkdwn(moreLine(dropped, reportUrl))}`;
  chunks.push(current);
  return chunks.map(mrkdwnSection);
}

/** Packs sections, in order, into at most `budget` blocks, keeping at least one block for every section. */
export function packSections(sections: readonly DigestSection[], budget: number, reportUrl: string | undefined): object[] {
  const present = sections.filter((s) => s.lines.length > 0 || s.hidden > 0);
  const blocks: object[] = [];
  present.forEach((s, i) => {
    const available = Math.max(1, budget - blocks.length - (present.length - i - 1));
    blocks.push(...packSection(s, available, reportUrl));
  });
  return blocks;
}
