import { highEntropyToken, holdsSecretContent } from '../values/content-secrets';
import type { ByteKeys } from './byte-spellings';
import { stripBom } from './shape';

/** One assignment of a dotenv file, with the line its key is on. */
export interface DotenvEntry {
  key: string;
  value: string;
  line: number;
}

export interface DotenvResult {
  entries: DotenvEntry[];
  /** `line 7: expected KEY=VALUE`: never the line's content, which may be a secret. */
  errors: string[];
}

const ASSIGNMENT = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)[ \t]*=([ \t]*)/;

/** Whether a text's first line that is not blank or a comment is a `KEY=VALUE` assignment, as this reader reads one. */
export function startsWithAssignment(text: string): boolean {
  const first = text.split('\n').find((line) => line.trim() !== '' && !line.trimStart().startsWith('#'));
  return first !== undefined && ASSIGNMENT.test(first.trimStart());
}
const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '"': '"', '\\': '\\' };

type Quoted = { value: string; end: number } | undefined;

/** Reads a quoted value starting at the quote; `end` is the index of the closing quote. */
function readQuoted(src: string, start: number, quote: string): Quoted {
  if (quote === "'") {
    const end = src.indexOf("'", start + 1);
    return end < 0 ? undefined : { value: src.slice(start + 1, end), end };
  }
  let value = '';
  for (let i = start + 1; i < src.length; i++) {
    const c = src[i] as string;
    if (c === '"') return { value, end: i };
    if (c === '\\' && i + 1 < src.length) {
      const next = src[i + 1] as string;
      // Unknown escapes stay as written, as in dotenv and the shell.
      value += ESCAPES[next] ?? `\\${next}`;
      i++;
    } else {
      value += c;
    }
  }
  return undefined;
}

/**
 * A single-quoted value whose quotes are escaped as Docker Compose writes them (`'Let\'s go!'`): a
 * backslash before a quote keeps it in the value, other backslashes stay as written.
 */
function readComposeSingleQuoted(src: string, start: number): Quoted {
  let value = '';
  for (let i = start + 1; i < src.length; i++) {
    const c = src[i] as string;
    if (c === "'") return { value, end: i };
    if (c === '\\' && src[i + 1] === "'") {
      value += "'";
      i++;
    } else value += c;
  }
  return undefined;
}

const CLEAN_TAIL = /^[ \t]*(#.*)?$/;

/** The text after a closing quote, to the end of its line. */
function tailAfter(src: string, end: number): { tail: string; after: number } {
  let after = src.indexOf('\n', end);
  if (after < 0) after = src.length;
  return { tail: src.slice(end + 1, after), after };
}

/**
 * A quoted value and where its line ends. A single-quoted value that ends at an escaped quote and
 * so leaves text after it is read again as Compose and python-dotenv read it, so `'Let\'s go!'` is
 * `Let's go!`; a value that reads cleanly as written keeps its reading (`'C:\'` is `C:\`).
 */
function quotedValue(src: string, start: number, quote: string): { q: Quoted; tail: string; after: number } {
  const q = readQuoted(src, start, quote);
  if (!q) return { q, tail: '', after: src.length };
  const first = tailAfter(src, q.end);
  if (quote !== "'" || CLEAN_TAIL.test(first.tail) || src[q.end - 1] !== '\\') return { q, ...first };
  const compose = readComposeSingleQuoted(src, start);
  const second = compose && tailAfter(src, compose.end);
  return compose && second && CLEAN_TAIL.test(second.tail) ? { q: compose, ...second } : { q, ...first };
}

const countNewlines = (src: string, from: number, to: number): number => {
  let n = 0;
  for (let i = src.indexOf('\n', from); i >= 0 && i < to; i = src.indexOf('\n', i + 1)) n++;
  return n;
};

/** How a value was written: unquoted, or in double or single quotes (which loaders never expand). */
export type DotenvQuote = '' | '"' | "'";

// A line that is a name alone (`AWS_PROFILE`, `export AWS_PROFILE`): Compose's env_file and .env, and
// the shell, take its value from the environment the file is loaded in.
const BARE_NAME = /^(?:export[ \t]+)?([A-Za-z_][A-Za-z0-9_]*)[ \t]*(?:#.*)?$/;

/** The name a bare-name line passes on, unless it may be a stray credential rather than a name. */
function bareName(content: string): string | undefined {
  const name = BARE_NAME.exec(content)?.[1];
  return name === undefined || highEntropyToken(name) || holdsSecretContent(name) ? undefined : name;
}

/** Receives each name a line gives without a value (see BARE_NAME). */
export type InheritedVisitor = (key: string, line: number) => void;

/** Receives each assignment of a dotenv file in order, duplicates included. */
export type DotenvVisitor = (key: string, value: string, line: number, quote: DotenvQuote) => void;

const TRAILING_BLANKS = /(?<![ \t])[ \t]+$/;

/** The value of an unquoted assignment: up to a ` #` comment, trailing blanks trimmed. */
function unquoted(value: string): string {
  // Most values hold no `#` and end in no blank: those are returned without running a regex.
  if (value.indexOf('#') >= 0) {
    const comment = /[ \t]#/.exec(value);
    if (comment) value = value.slice(0, comment.index);
  }
  const last = value.charCodeAt(value.length - 1);
  // Only blanks are trimmed: other control characters are part of the value.
  return last === 32 || last === 9 ? value.replace(TRAILING_BLANKS, '') : value;
}

const isKeyStart = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95; // A-Z a-z _
const isKeyChar = (c: number): boolean => isKeyStart(c) || (c >= 48 && c <= 57) || c === 46 || c === 45; // 0-9 . -

/**
 * Where the `=` of a line `KEY=value` is, for the plainest and commonest line: no blanks around the
 * key, no `export`, a value that starts with no quote and no blank; else -1, for the full reading.
 */
function plainAssignment(src: string, pos: number, eol: number): number {
  if (pos >= eol || !isKeyStart(src.charCodeAt(pos))) return -1;
  let i = pos + 1;
  while (i < eol && isKeyChar(src.charCodeAt(i))) i++;
  if (i === eol || src.charCodeAt(i) !== 61) return -1;
  const first = src.charCodeAt(i + 1);
  return first === 34 || first === 39 || first === 32 || first === 9 ? -1 : i; // " ' blank tab
}

/**
 * Reads a dotenv file assignment by assignment (comments, `export`, quotes, multi-line quoted
 * values), in order and without de-duplicating; returns the errors, by line, never by content.
 */
export function readDotenv(
  text: string,
  visit: DotenvVisitor,
  inherited?: InheritedVisitor,
  /** Where the run numbers keys it read before (KeyValueInterner.byteKeys): a plain line's key is then found with no string made. */
  keys?: ByteKeys,
): string[] {
  const unbommed = stripBom(text);
  const src = unbommed.indexOf('\r') >= 0 ? unbommed.replace(/\r\n/g, '\n') : unbommed;
  const errors: string[] = [];
  let pos = 0;
  let line = 1;
  while (pos < src.length) {
    let eol = src.indexOf('\n', pos);
    if (eol < 0) eol = src.length;
    const eq = plainAssignment(src, pos, eol);
    if (eq > 0) {
      const key = keys === undefined ? src.slice(pos, eq) : keys.spelling(keys.table.findAscii(-1, src, pos, eq));
      visit(key, unquoted(src.slice(eq + 1, eol)), line, '');
      pos = eol + 1;
      line++;
      continue;
    }
    const raw = src.slice(pos, eol);
    const content = raw.trimStart();
    const m = ASSIGNMENT.exec(content);
    if (content === '' || content.startsWith('#')) {
      // blank line or comment
    } else if (!m) {
      const name = inherited && bareName(content);
      if (name) inherited(name, line);
      else errors.push(`line ${line}: expected KEY=VALUE`);
    } else {
      const key = m[1] as string;
      const valueStart = pos + (raw.length - content.length) + m[0].length;
      const quote = src[valueStart];
      if (quote === '"' || quote === "'") {
        const { q, tail, after } = quotedValue(src, valueStart, quote);
        const kind = quote === '"' ? 'double' : 'single';
        // The rest of the file is inside the quote: nothing after it can be read reliably.
        if (!q) {
          errors.push(`line ${line}: unterminated ${kind}-quoted value`);
          return errors;
        }
        if (CLEAN_TAIL.test(tail)) visit(key, q.value, line, quote);
        else errors.push(`line ${line}: unexpected text after the closing quote`);
        line += countNewlines(src, pos, after);
        eol = after;
      } else {
        // Blanks after `=` were consumed, so a `#` right there is a comment too: `KEY= # none`.
        visit(key, m[2] && quote === '#' ? '' : unquoted(src.slice(valueStart, eol)), line, '');
      }
    }
    pos = eol + 1;
    line++;
  }
  return errors;
}

/** Parses a dotenv file: comments, `export`, quotes, multi-line quoted values; later keys win. */
export function parseDotenv(text: string): DotenvResult {
  const found = new Map<string, DotenvEntry>();
  // Later duplicates win, as in dotenv, and keep the line and position of the last one.
  const errors = readDotenv(text, (key, value, line) => {
    found.delete(key);
    found.set(key, { key, value, line });
  });
  return { entries: [...found.values()], errors };
}
