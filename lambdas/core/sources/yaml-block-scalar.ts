// Literal (`|`) and folded (`>`) block scalars for the fast YAML path (see yaml-fast.ts), with clip
// or strip chomping. Keep chomping (`+`), indentation indicators, more-indented folded lines and
// space-only lines longer than the content's indentation are left to the `yaml` package.

import { skipSpaces } from './yaml-scalars';

const SPACE = 32;
const HASH = 35;

/** The block scalar whose header is at `p` (`|` or `>`) under a node at column `parent`: its text and where the next line starts. */
export function blockScalar(text: string, p: number, parent: number): { value: string; next: number } | undefined {
  const folded = text[p] === '>';
  let q = p + 1;
  const strip = text[q] === '-';
  if (strip) q++;
  let lineEnd = text.indexOf('\n', q);
  if (lineEnd < 0) lineEnd = text.length;
  const spaced = q < lineEnd && text.charCodeAt(q) === SPACE;
  q = skipSpaces(text, q, lineEnd);
  if (q < lineEnd && !(spaced && text.charCodeAt(q) === HASH)) return undefined;

  const lines: string[] = [];
  let indent = -1;
  let start = lineEnd + 1;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const s = skipSpaces(text, start, end);
    const spaces = s - start;
    if (s === end) {
      if (indent >= 0 ? spaces > indent : spaces > parent) return undefined;
      lines.push('');
    } else {
      if (indent < 0) indent = spaces;
      if (spaces < indent || spaces <= parent) break;
      if (folded && spaces > indent) return undefined;
      lines.push(text.slice(start + indent, end));
    }
    start = end + 1;
  }
  let last = lines.length;
  while (last > 0 && lines[last - 1] === '') last--;
  const body = folded ? fold(lines, last) : lines.slice(0, last).join('\n');
  const value = last === 0 || strip ? body : `${body}\n`;
  return { value, next: Math.min(start, text.length) };
}

/** Folded lines: a single break between two lines becomes a space, each empty line a newline. */
function fold(lines: readonly string[], last: number): string {
  let out = '';
  let empty = 0;
  let seen = false;
  for (let i = 0; i < last; i++) {
    const line = lines[i] as string;
    if (line === '') {
      empty++;
      continue;
    }
    out += seen && empty === 0 ? ' ' : '\n'.repeat(empty);
    out += line;
    empty = 0;
    seen = true;
  }
  return out;
}
