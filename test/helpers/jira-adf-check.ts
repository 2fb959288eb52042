/** What the local Jira server accepts as an Atlassian document, close to Jira Cloud's own checks. */

const BLOCKS = new Set([
  'paragraph',
  'bulletList',
  'orderedList',
  'listItem',
  'codeBlock',
  'heading',
  'blockquote',
  'rule',
  'table',
  'tableRow',
  'tableHeader',
  'tableCell',
]);
const INLINES = new Set(['text', 'hardBreak', 'mention', 'emoji', 'inlineCard']);
const MARKS = new Set(['code', 'strong', 'em', 'link', 'strike', 'underline', 'subsup', 'textColor']);

/** Why `doc` is not a valid ADF document (Jira's message), or undefined when it is. */
export function adfProblem(doc: unknown): string | undefined {
  if (!isObject(doc) || doc.type !== 'doc' || doc.version !== 1 || !Array.isArray(doc.content)) {
    return 'Operation value must be an Atlassian Document (see the Atlassian Document Format)';
  }
  // Jira's limit on a description or a comment, counted here on the document's text.
  if (adfTextLength(doc) > JIRA_TEXT_MAX) return `The entered text is too long. It exceeds the allowed limit of 32,767 characters.`;
  return nodesProblem(doc.content);
}

const JIRA_TEXT_MAX = 32_767;

function adfTextLength(n: unknown): number {
  if (!isObject(n)) return 0;
  const own = typeof n.text === 'string' ? n.text.length : 0;
  return own + (Array.isArray(n.content) ? n.content.reduce((sum: number, c) => sum + adfTextLength(c), 0) : 0);
}

function nodesProblem(nodes: unknown[]): string | undefined {
  for (const n of nodes) {
    const problem = nodeProblem(n);
    if (problem) return problem;
  }
  return undefined;
}

function nodeProblem(n: unknown): string | undefined {
  if (!isObject(n) || typeof n.type !== 'string') return 'INVALID_INPUT: a node without a type';
  if (n.type === 'text') {
    if (typeof n.text !== 'string' || n.text.length === 0) return 'INVALID_INPUT: text nodes must not be empty';
    if (n.marks !== undefined) {
      if (!Array.isArray(n.marks)) return 'INVALID_INPUT: marks must be an array';
      for (const m of n.marks) {
        if (!isObject(m) || !MARKS.has(String(m.type))) return 'INVALID_INPUT: an unknown mark';
        if (m.type === 'link' && (!isObject(m.attrs) || typeof m.attrs.href !== 'string')) return 'INVALID_INPUT: a link without href';
      }
    }
    return undefined;
  }
  if (!BLOCKS.has(n.type) && !INLINES.has(n.type)) return `INVALID_INPUT: unknown node type ${n.type}`;
  if (n.content === undefined) return undefined;
  return Array.isArray(n.content) ? nodesProblem(n.content) : 'INVALID_INPUT: content must be an array';
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The plain text of an ADF document (text nodes joined), for assertions. */
export function adfText(doc: unknown): string {
  if (!isObject(doc)) return '';
  const own = doc.type === 'text' && typeof doc.text === 'string' ? doc.text : '';
  const children = Array.isArray(doc.content) ? doc.content.map(adfText).join(doc.type === 'doc' ? '\n' : '') : '';
  return own + children;
}
