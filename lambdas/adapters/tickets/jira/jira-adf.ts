import { fitTicketDoc } from '../../../core/tickets/fit-ticket-doc';
import type { TicketBlock, TicketDoc, TicketInline } from '../../../core/tickets/ticket-model';

type Mark = { type: 'code' } | { type: 'strong' } | { type: 'link'; attrs: { href: string } };

export interface AdfText {
  type: 'text';
  text: string;
  marks?: Mark[];
}

export type AdfNode =
  | AdfText
  | { type: 'paragraph'; content: AdfText[] }
  | { type: 'bulletList'; content: Array<{ type: 'listItem'; content: AdfNode[] }> }
  | { type: 'codeBlock'; content: AdfText[] };

/** An Atlassian document: what Jira Cloud's v3 API takes for descriptions and comment bodies. */
export interface AdfDoc {
  type: 'doc';
  version: 1;
  content: AdfNode[];
}

// C0 and C1 control characters and DEL; line breaks and tabs are handled first.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

/** Inline text on one line: breaks and tabs become spaces, other control characters go. */
const oneLine = (text: string): string => text.replace(/[\r\n\t]+/g, ' ').replace(CONTROL, '');

/** Code block text: lines and tabs kept, other control characters removed. */
const block = (text: string): string => text.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '');

const isWebLink = (href: string): boolean => /^https?:\/\//i.test(href);

/** One inline run; Jira rejects empty text nodes, so an empty value shows as `""` and other empty runs are dropped. */
function inline(run: TicketInline): AdfText | undefined {
  if ('code' in run) return { type: 'text', text: oneLine(run.code) || '""', marks: [{ type: 'code' }] };
  if ('strong' in run) {
    const text = oneLine(run.strong);
    return text ? { type: 'text', text, marks: [{ type: 'strong' }] } : undefined;
  }
  if ('link' in run) {
    const href = oneLine(run.link);
    const text = oneLine(run.text) || href;
    if (!text) return undefined;
    return isWebLink(href) ? { type: 'text', text, marks: [{ type: 'link', attrs: { href } }] } : { type: 'text', text };
  }
  const text = oneLine(run.text);
  return text ? { type: 'text', text } : undefined;
}

const inlines = (runs: readonly TicketInline[]): AdfText[] => runs.map(inline).filter((n): n is AdfText => n !== undefined);

function node(b: TicketBlock): AdfNode | undefined {
  switch (b.type) {
    case 'paragraph': {
      const content = inlines(b.content);
      return content.length ? { type: 'paragraph', content } : undefined;
    }
    case 'facts': {
      const items = b.rows.map((row) => {
        const label = oneLine(row.label);
        const content = [...(label ? [{ type: 'text' as const, text: `${label}: ` }] : []), ...inlines(row.content)];
        return { type: 'listItem' as const, content: [{ type: 'paragraph' as const, content }] };
      });
      const kept = items.filter((i) => i.content[0]!.content.length > 0);
      return kept.length ? { type: 'bulletList', content: kept } : undefined;
    }
    case 'code': {
      const text = block(b.text);
      return text ? { type: 'codeBlock', content: [{ type: 'text', text }] } : undefined;
    }
  }
}

/** A ticket body or comment as an ADF document: no empty text nodes, no control characters, links only to web pages. */
export function toAdf(doc: TicketDoc): AdfDoc {
  return { type: 'doc', version: 1, content: doc.map(node).filter((n): n is AdfNode => n !== undefined) };
}

/**
 * Jira's limit on a description or a comment, which it counts on the text as it stores it. The
 * document's JSON carries every node's type and marks besides its text: holding the JSON to the
 * limit keeps well clear of it.
 */
const JIRA_TEXT_MAX = 32_767;

/** `toAdf` of a body or comment cut to fit Jira's limit (see fitTicketDoc). */
export function toFittedAdf(doc: TicketDoc): AdfDoc {
  return toAdf(fitTicketDoc(doc, (d) => JSON.stringify(toAdf(d)).length, JIRA_TEXT_MAX));
}
