import type { DotenvVisitor } from './dotenv';
import { stripBom } from './shape';

/** Whether a file is a Java `.properties` file, read as `java.util.Properties.load` (and Spring Boot) reads one, not as dotenv. */
export const isJavaProperties = (file: string): boolean => /\.properties$/i.test(file);

const isBlank = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\f';
const LEADING_BLANKS = /^[ \t\f]+/;

/** Whether a line ends with an odd number of backslashes: it goes on on the next line. */
function continues(line: string): boolean {
  let n = 0;
  for (let i = line.length - 1; i >= 0 && line[i] === '\\'; i--) n++;
  return n % 2 === 1;
}

const ESCAPED: Readonly<Record<string, string>> = { t: '\t', n: '\n', r: '\r', f: '\f' };
const HEX4 = /^[0-9a-fA-F]{4}$/;

/** One escape at `i` (a backslash): the character it stands for and how many characters it takes; undefined for a malformed `\uXXXX`. */
function escapeAt(text: string, i: number): { char: string; length: number } | undefined {
  const next = text[i + 1];
  if (next === undefined) return { char: '', length: 1 };
  if (next !== 'u') return { char: ESCAPED[next] ?? next, length: 2 };
  const hex = text.slice(i + 2, i + 6);
  return HEX4.test(hex) ? { char: String.fromCharCode(parseInt(hex, 16)), length: 6 } : undefined;
}

/** A logical line's key and value: the key ends at the first unescaped `=`, `:` or blank; one `=` or `:` and the blanks around it separate them. */
function splitLine(text: string): { key: string; value: string } | undefined {
  let key = '';
  let i = 0;
  for (; i < text.length;) {
    const c = text[i] as string;
    if (c === '=' || c === ':' || isBlank(c)) break;
    if (c === '\\') {
      const e = escapeAt(text, i);
      if (!e) return undefined;
      key += e.char;
      i += e.length;
    } else {
      key += c;
      i++;
    }
  }
  while (isBlank(text[i])) i++;
  if (text[i] === '=' || text[i] === ':') {
    i++;
    while (isBlank(text[i])) i++;
  }
  let value = '';
  while (i < text.length) {
    const c = text[i] as string;
    if (c === '\\') {
      const e = escapeAt(text, i);
      if (!e) return undefined;
      value += e.char;
      i += e.length;
    } else {
      value += c;
      i++;
    }
  }
  return { key, value };
}

/**
 * Reads a Java `.properties` file as `java.util.Properties.load` does, property by property in order:
 * `#` and `!` comment lines; `key=value`, `key: value` or `key value`; a line ending in an odd number of
 * backslashes going on on the next, whose leading blanks are dropped; `\uXXXX`, `\t`, `\n`, `\r`, `\f`
 * escapes and a backslash before any other character standing for it (`key\ with\ spaces`, `\:`).
 * Quotes and `#` inside a value are part of it (`a="x" # y` is `"x" # y`), and blanks after it too.
 * Each property is given with the line its key is on; the errors name lines, never their content.
 */
export function readJavaProperties(text: string, visit: DotenvVisitor): string[] {
  const lines = stripBom(text).split(/\r\n|\r|\n/);
  const errors: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const first = (lines[i] as string).replace(LEADING_BLANKS, '');
    if (first === '' || first[0] === '#' || first[0] === '!') continue;
    const line = i + 1;
    // Pieces joined once: a slice of the text grown so far, per continued line, was quadratic (2 MB of them: 21 s).
    const pieces = [first];
    for (let piece = first; continues(piece);) {
      pieces[pieces.length - 1] = piece.slice(0, -1);
      if (i + 1 >= lines.length) break;
      piece = (lines[++i] as string).replace(LEADING_BLANKS, '');
      pieces.push(piece);
    }
    const property = splitLine(pieces.join(''));
    if (property) visit(property.key, property.value, line, '');
    else errors.push(`line ${line}: malformed \\uXXXX escape`);
  }
  return errors;
}

const WRITTEN_ESCAPES: Readonly<Record<string, string>> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r', '\f': '\\f' };

/** A character as a `.properties` line writes it: escaped when a reader would take it otherwise, `\uXXXX` outside printable ASCII. */
function writtenChar(c: string, special: ReadonlySet<string>): string {
  const escaped = WRITTEN_ESCAPES[c];
  if (escaped) return escaped;
  if (special.has(c)) return `\\${c}`;
  const code = c.charCodeAt(0);
  return code < 0x20 || code > 0x7e ? `\\u${code.toString(16).padStart(4, '0')}` : c;
}

const KEY_SPECIALS: ReadonlySet<string> = new Set(['=', ':', ' ', '#', '!']);
const NONE: ReadonlySet<string> = new Set();

/**
 * `key=value` as a `.properties` file must hold it for java.util.Properties to read exactly these
 * texts back (as `Properties.store` writes them: separators, blanks and comment marks of the key
 * escaped, a value's leading blank escaped, characters outside printable ASCII as `\uXXXX`).
 */
export function javaPropertiesLine(key: string, value: string): string {
  const k = Array.from(key, (c) => writtenChar(c, KEY_SPECIALS)).join('');
  const v = Array.from(value, (c, i) => (i === 0 && (c === ' ' || c === '#' || c === '!') ? `\\${c}` : writtenChar(c, NONE))).join('');
  return `${k}=${v}`;
}
