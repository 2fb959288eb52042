import { cutEnd } from '../values/text-cut';
import type { TicketBlock, TicketDoc, TicketInline } from './ticket-model';

/** How long a run of text may stay, in turn: first for one huge run (a message naming thousands of values), then for everything. */
const FIRST_CUT = 4_096;
const LATER_CUTS = [512, 64];

const cutRun = (text: string, max: number): string => (text.length <= max ? text : `${cutEnd(text, max - 1)}…`);

function cutInline(run: TicketInline, max: number): TicketInline {
  if ('code' in run) return { code: cutRun(run.code, max) };
  if ('strong' in run) return { strong: cutRun(run.strong, max) };
  if ('link' in run) return { link: run.link, text: cutRun(run.text, max) };
  return { text: cutRun(run.text, max) };
}

function cutBlock(b: TicketBlock, max: number): TicketBlock {
  switch (b.type) {
    case 'paragraph':
      return { type: 'paragraph', content: b.content.map((r) => cutInline(r, max)) };
    case 'facts':
      return {
        type: 'facts',
        rows: b.rows.map((row) => ({ label: cutRun(row.label, max), content: row.content.map((r) => cutInline(r, max)) })),
      };
    case 'code':
      return {
        type: 'code',
        text: b.text
          .split('\n')
          .map((line) => cutRun(line, max))
          .join('\n'),
      };
  }
}

const moreText = (n: number): string => `${n} more in the run's report`;

/** A block with at most `keep` rows or lines, and one more saying how many it left out. */
function shortBlock(b: TicketBlock, keep: number): TicketBlock {
  if (b.type === 'facts' && b.rows.length > keep) {
    return { type: 'facts', rows: [...b.rows.slice(0, keep), { label: '…', content: [{ text: moreText(b.rows.length - keep) }] }] };
  }
  if (b.type === 'code') {
    const lines = b.text.split('\n');
    if (lines.length > keep) return { type: 'code', text: [...lines.slice(0, keep), `# … ${moreText(lines.length - keep)}`].join('\n') };
  }
  return b;
}

const listLength = (b: TicketBlock): number => (b.type === 'facts' ? b.rows.length : b.type === 'code' ? b.text.split('\n').length : 0);

/**
 * A ticket body or comment whose rendered length (`length`, as the tracker counts it) is at most
 * `max`: one huge run of text is cut first, then the longest lists (a parity group's values, the
 * commands) keep fewer rows and say how many more the run's report has, then every run is cut
 * shorter. Never half a surrogate pair or a secret's fingerprint marker. A document that fits is
 * returned as it is.
 */
export function fitTicketDoc(doc: TicketDoc, length: (doc: TicketDoc) => number, max: number): TicketDoc {
  if (length(doc) <= max) return doc;
  const cut = doc.map((b) => cutBlock(b, FIRST_CUT));
  if (length(cut) <= max) return cut;
  let shorter = cut;
  for (let keep = Math.max(0, ...cut.map(listLength)); keep > 1 && length(shorter) > max;) {
    keep = Math.ceil(keep / 2);
    shorter = cut.map((b) => shortBlock(b, keep));
  }
  for (const step of LATER_CUTS) {
    if (length(shorter) <= max) return shorter;
    shorter = shorter.map((b) => cutBlock(b, step));
  }
  // What still does not fit is left for the tracker to refuse: a failed message, retried and then dead-lettered.
  return shorter;
}
