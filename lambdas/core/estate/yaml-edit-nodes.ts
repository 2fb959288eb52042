import type { Document, Node, Pair, YAMLMap } from 'yaml';
import { MERGE_KEYS, SILENT, yamlPackage, isMap, isSeq, isScalar } from '../on-demand/yaml-package';
import { isFraction } from '../values/types';
import { needsEscapes, yamlQuoted } from '../yaml-quoted';
import { repeatedKeyWords, yamlDuplicateKeys } from '../sources/yaml-duplicate-keys';

/** One replacement of the source text: `[start, end)` becomes `text`. */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

/** True when a text's lines end with CRLF (as its first line does): what it inserts ends its lines the same way. */
export const usesCrlf = (source: string): boolean => {
  const nl = source.indexOf('\n');
  return nl > 0 && source[nl - 1] === '\r';
};

/**
 * The rest of an edited line with the comment that ends it kept in its column: `delta` characters more
 * before it take as many from the gap (while two spaces are left), fewer add them. Only a gap of two or more
 * spaces is a column (drift init aligns its comments); a `#` after a quote may be inside a string.
 */
function keepCommentColumn(rest: string, delta: number): string {
  if (delta === 0) return rest;
  // The line's first `#`, before any quote or line end, and the spaces right before it.
  const hash = rest.search(/["'#\r\n]/);
  if (hash < 0 || rest[hash] !== '#') return rest;
  let start = hash;
  while (start > 0 && rest[start - 1] === ' ') start--;
  if (hash - start < 2) return rest;
  const before = rest.slice(0, start);
  const gap = rest.slice(start, hash);
  // Past the column (fewer than two spaces left), the comment keeps its gap and moves right instead.
  const kept = gap.length - delta >= 2 ? gap.length - delta : gap.length;
  return `${before}${' '.repeat(kept)}${rest.slice(before.length + gap.length)}`;
}

/** Applies one edit to a text, its new lines ending as the text's own do; an edit within a line keeps that line's comment in its column. */
export function applyEdit(source: string, e: TextEdit): string {
  const rest = source.slice(e.end);
  const inLine = !e.text.includes('\n') && !source.slice(e.start, e.end).includes('\n');
  const text = usesCrlf(source) ? e.text.replace(/\r?\n/g, '\r\n') : e.text;
  return source.slice(0, e.start) + text + (inLine ? keepCommentColumn(rest, e.text.length - (e.end - e.start)) : rest);
}

/**
 * Parses a document for editing; a document with errors, a key written twice among them, is never edited. Keys written
 * twice are found in one pass (yamlDuplicateKeys): the package's own check compares each key with every one before it,
 * and a baseline of 20,000 keys took 16 s to parse for one edit. `<<` merges are read as the estate reader reads them:
 * two in one mapping are two merges, not a key written twice.
 */
export function editableDocument(source: string): Document {
  const doc = yamlPackage().parseDocument(source, { ...MERGE_KEYS, keepSourceTokens: true, uniqueKeys: false });
  if (doc.errors.length) throw new Error(`cannot edit a YAML document with errors: ${doc.errors[0]?.message.split('\n')[0]}`);
  // Lines are counted only for a key written again (yamlDuplicateKeys), for the message.
  const repeated = yamlDuplicateKeys(doc, (offset) => source.slice(0, offset).split('\n').length)[0];
  if (repeated) throw new Error(`cannot edit a YAML document with errors: ${repeatedKeyWords(repeated)}`);
  return doc;
}

const sameScalar = (parsed: unknown, text: string): boolean => parsed !== null && typeof parsed !== 'object' && String(parsed) === text;

/**
 * A string as a YAML scalar that reads back as the same text wherever it is written (block or flow):
 * plain when it is unambiguous (`10s`, `120`, `INFO`), double-quoted otherwise (`"1.0"`, `"a, b"`,
 * and `"1.5"`, which unquoted would be compared as a number: UnquotedNumber writes that).
 */
export function yamlScalar(text: string): string {
  // Control, invisible characters and line separators are always escaped: a file people read shows them as such.
  if (text !== '' && !needsEscapes(text) && text.trim() === text && !isFraction(text)) {
    try {
      // Silent: a value that reads as an unknown tag (!custom x) would otherwise be a process warning quoting it.
      const block = yamlPackage().parse(`k: ${text}\n`, SILENT) as Record<string, unknown> | null;
      const flow = yamlPackage().parse(`{ k: ${text} }\n`, SILENT) as Record<string, unknown> | null;
      if (block && flow && sameScalar(block.k, text) && sameScalar(flow.k, text)) return text;
    } catch {
      // not plain-safe: quoted below
    }
  }
  return yamlQuoted(text);
}

/**
 * A string as a mapping key that reads back as that one key, as the estate reads it: yamlScalar's
 * form, quoted where plain it would be something else as a key (`<<`, which the estate's reader takes
 * for a merge of the value into the map around it).
 */
export function yamlKey(text: string): string {
  const written = yamlScalar(text);
  if (written !== text) return written;
  try {
    const read = yamlPackage().parse(`${written}: x\n`, { ...MERGE_KEYS, ...SILENT }) as Record<string, unknown> | null;
    if (read && Object.keys(read).length === 1 && Object.keys(read)[0] === text) return written;
  } catch {
    // not a plain key: quoted below
  }
  return yamlQuoted(text);
}

/** The pair of `map` whose key matches. */
export const pairOf = (map: YAMLMap, matches: (name: string) => boolean): Pair<Node, Node | null> | undefined =>
  (map.items as Array<Pair<Node, Node | null>>).find((p) => isScalar(p.key) && matches(String(p.key.value)));

/** The column (0-based) at `offset`. */
export const columnAt = (source: string, offset: number): number => offset - (source.lastIndexOf('\n', offset - 1) + 1);

/** True when a node is a null written as nothing (`key:`). */
export const isEmptyNull = (n: Node | null | undefined): boolean =>
  !n || (isScalar(n) && n.value === null && (n.range?.[0] ?? 0) === (n.range?.[1] ?? 0));

/** Where a value is written into a pair that has none (`exceptions:`): at its empty value, else just after its key. */
export const emptyValueAt = (pair: Pair<Node, Node | null>): number => pair.value?.range?.[0] ?? (pair.key.range?.[1] ?? 0) + 1;

/** Where a new line goes after the last item of a block collection: before the newline that ends its last line. */
export function endOfLastLine(source: string, end: number): number {
  const nl = end > 0 && source[end - 1] === '\n' ? end - 1 : source.indexOf('\n', end);
  if (nl < 0) return source.length;
  // Before the CR of a CRLF: the line keeps its own break, the new one gets one of its own.
  return nl > 0 && source[nl - 1] === '\r' ? nl - 1 : nl;
}

/** The offset just after the last item of a collection (its value, or its key when the value is empty). */
export function lastItemEnd(node: YAMLMap | Node): number {
  const items = (isMap(node) || isSeq(node) ? node.items : []) as Array<Pair<Node, Node | null> | Node>;
  const last = items.at(-1);
  if (!last) return node.range?.[1] ?? 0;
  if (isMap(node)) {
    const p = last as Pair<Node, Node | null>;
    return p.value?.range?.[1] ?? (p.key.range?.[1] ?? 0) + 1;
  }
  return (last as Node).range?.[1] ?? 0;
}
