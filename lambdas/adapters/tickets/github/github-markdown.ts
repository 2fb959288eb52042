import type { TicketBlock, TicketDoc, TicketInline } from '../../../core/tickets/ticket-model';

// Every ASCII character Markdown gives a meaning to, except the three HTML escapes below.
const MARKDOWN_PUNCTUATION = /[\\`*_{}[\]()#+\-.!|~]/g;
// Control characters (newlines included) would end a line, a list item or a span early.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
// A zero-width space after `@`, `#` and `GH-` before a number: GitHub links mentions and issue references in text, escaped or not.
const ZWSP = '\u200b';

const oneLine = (raw: string): string => raw.replace(CONTROL, ' ');

/** Plain text as Markdown that renders as the same words: no emphasis, links, HTML, @mentions or #references. */
export function escapeText(raw: string): string {
  return oneLine(raw)
    .replace(MARKDOWN_PUNCTUATION, (c) => `\\${c}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[@#]/g, (c) => `${c}${ZWSP}`)
    .replace(/\bGH\\-(?=\d)/gi, (c) => `${c}${ZWSP}`);
}

const longestBacktickRun = (text: string): number => Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));

/** A value as a code span: a fence longer than any backtick run inside, padded with spaces (which Markdown strips). */
export function codeSpan(raw: string): string {
  const value = oneLine(raw);
  if (value === '') return '*(empty)*';
  const fence = '`'.repeat(longestBacktickRun(value) + 1);
  return `${fence} ${value} ${fence}`;
}

/**
 * A fenced code block whose fence is longer than any backtick run in the text. An HTML comment
 * opener in it gets a zero-width space, so no line of a value can pass for one of drift's hidden tags.
 */
export function codeBlock(raw: string): string {
  const text = raw
    .replace(/\r\n?/g, '\n')
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, ' ')
    .replace(/<!--/g, `<!${ZWSP}--`);
  const fence = '`'.repeat(Math.max(3, longestBacktickRun(text) + 1));
  return `${fence}text\n${text}\n${fence}`;
}

// Our own links (the run's report): only http(s), and the characters that would end the destination encoded.
function link(url: string, text: string): string {
  if (!/^https?:\/\//i.test(url)) return escapeText(text);
  const safe = oneLine(url).replace(/[\s()<>"\\]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
  return `[${escapeText(text)}](${safe})`;
}

function inline(part: TicketInline): string {
  if ('code' in part) return codeSpan(part.code);
  if ('strong' in part) return part.strong.trim() ? `**${escapeText(part.strong)}**` : '';
  if ('link' in part) return link(part.link, part.text);
  return escapeText(part.text);
}

const inlines = (parts: readonly TicketInline[]): string => parts.map(inline).join('').trim();

function block(b: TicketBlock): string {
  switch (b.type) {
    case 'paragraph':
      return inlines(b.content);
    case 'facts':
      return b.rows.map((row) => `- **${escapeText(row.label)}**: ${inlines(row.content)}`).join('\n');
    case 'code':
      return codeBlock(b.text);
  }
}

/** A ticket's body or comment as GitHub Markdown, blocks separated by blank lines. */
export function githubMarkdown(doc: TicketDoc): string {
  return doc
    .map(block)
    .filter((text) => text !== '')
    .join('\n\n');
}

/** A hidden line (an HTML comment GitHub does not show) carrying an id drift finds its tickets and comments by. */
export function hiddenTag(tag: 'marker' | 'event', id: string): string {
  return `<!-- drift:${tag} ${encodeURIComponent(id)} -->`;
}

/** Whether a body has the tag on a line of its own (a value quoting it sits inside a code span, never alone on a line). */
export const hasTagLine = (body: string | null | undefined, tag: string): boolean =>
  (body ?? '').split(/\r?\n/).some((line) => line.trim() === tag);
