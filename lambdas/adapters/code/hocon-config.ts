import type { CodeRead, ReadFallback } from '../../core/code/code-read';
import { canonicalKey, namedSecret } from '../../core/keys';

/** A JVM service's HOCON configuration (Ktor's, Akka's and Play's `application.conf`). */
export const HOCON_CONFIG = /(?:^|\/)application\.conf$/;

// `${X}` and `${?X}`: a substitution of one name (a dotted one is a path of the file's).
const SUBSTITUTION = /\$\{(\??)\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}/g;
// `key = value`, `key: value`, `a.b.c = value`, `key {`: the key a line sets or opens, and what follows it (each blank
// and key character read by one quantifier only).
const ASSIGNMENT = /^\s*("[^"]*"|[A-Za-z0-9_.-]+(?![A-Za-z0-9_.-]))\s*(?:(?:=|:|\+=)\s*)?(?!\s)(.*)$/;
const LITERAL = /^(?:-?\d+(?:\.\d+)?|true|false|"[^"$]*"|[A-Za-z0-9_./:-]+)$/;

/**
 * A line's code, for the variables it substitutes: a comment (`#`, `//`) and quoted text blanked (HOCON substitutes
 * nothing inside quotes), columns kept.
 */
function code(line: string): string {
  let out = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i] as string;
    if (!quoted && (c === '#' || (c === '/' && line[i + 1] === '/'))) return out + ' '.repeat(line.length - i);
    if (c === '"') quoted = !quoted;
    out += quoted && c !== '"' ? ' ' : c;
  }
  return out;
}

const blanksEnd = (line: string, at: number): number => {
  const blanks = /\s*/y;
  blanks.lastIndex = at;
  blanks.exec(line);
  return blanks.lastIndex;
};

/**
 * What a line sets its path to: the text after its first `=` or `:`, without the blanks around it nor a comment (`#`,
 * `//`) after it. A line break in the line (a CRLF file's `\r`) ends that text, a comment before it included; only blanks
 * or a comment may follow it, else the next `=` or `:` after the text is tried: what `/(?:=|:)\s*(.*?)\s*(?:#.*|\/\/.*)?$/`
 * read, which was quadratic on a long run of blanks, `#` or `=` (each start read the rest of the line again).
 */
function assignedValue(line: string): string | undefined {
  const lastBreak = Math.max(line.lastIndexOf('\n'), line.lastIndexOf('\r'), line.lastIndexOf('\u2028'), line.lastIndexOf('\u2029'));
  const operator = /[=:]/g;
  const lineBreak = /[\n\r\u2028\u2029]/g;
  for (let m = operator.exec(line); m; m = operator.exec(line)) {
    const start = blanksEnd(line, m.index + 1);
    lineBreak.lastIndex = start;
    const breaks = lineBreak.exec(line)?.index;
    if (breaks === undefined) {
      const rest = line.slice(start);
      const comment = rest.search(/#|\/\//);
      return (comment < 0 ? rest : rest.slice(0, comment)).trimEnd();
    }
    const value = line.slice(start, breaks).trimEnd();
    const after = blanksEnd(line, start + value.length);
    if (after === line.length || (after > lastBreak && (line.startsWith('#', after) || line.startsWith('//', after)))) return value;
    // An `=` or `:` inside the value would stop at the same break: the next one to try is the value's last character or later.
    operator.lastIndex = start + value.length - 1;
  }
  return undefined;
}

/**
 * The variables an application.conf substitutes: `port = ${?PORT}` (optional: unset, the key keeps what an earlier line
 * set, its default) and `url = ${DATABASE_URL}` (required: the service does not start without it). HOCON looks a name up
 * among the file's own paths first: a name the file sets (`${db}`) is none of the environment's.
 */
export function hoconReads(
  text: string,
  file: string,
  shown: (fallback: ReadFallback, key: string, secret: boolean) => ReadFallback,
): CodeRead[] {
  const written = text.split('\n');
  const lines = written.map(code);
  // Every path the file sets, and its prefixes (`ktor`, `ktor.deployment`, `ktor.deployment.port`).
  const paths = new Set<string>();
  const scopes: string[] = [];
  const located = lines.map((line) => {
    const m = ASSIGNMENT.exec(line);
    const closes = (line.match(/\}/g) ?? []).length;
    const name = m && !line.trim().startsWith('}') ? (m[1] as string).replace(/^"|"$/g, '') : undefined;
    const path = name ? [...scopes, name].join('.') : undefined;
    if (path) path.split('.').forEach((_, i, parts) => paths.add(parts.slice(0, i + 1).join('.')));
    if (name && (m?.[2] ?? '').trim().startsWith('{') && !(m?.[2] ?? '').includes('}')) scopes.push(name);
    for (let i = 0; i < closes && !(name && (m?.[2] ?? '').includes('{')); i++) scopes.pop();
    return path;
  });
  const set = new Map<string, string>();
  const reads: CodeRead[] = [];
  lines.forEach((line, i) => {
    const path = located[i];
    for (const m of line.matchAll(SUBSTITUTION)) {
      const [optional, name] = [m[1] === '?', m[2] as string];
      const key = canonicalKey(name);
      if (key === '' || paths.has(name)) continue;
      const before = path === undefined ? undefined : set.get(path);
      const fallback: ReadFallback = !optional
        ? { kind: 'none' }
        : before !== undefined && LITERAL.test(before)
          ? { kind: 'default', value: before.replace(/^"|"$/g, '') }
          : { kind: 'default' };
      const secret = path !== undefined && namedSecret(path);
      reads.push({
        name,
        key,
        file,
        line: i + 1,
        column: (m.index ?? 0) + 1,
        language: 'java',
        via: 'HOCON substitution',
        fallback: shown(fallback, key, secret),
      });
    }
    // What the path holds after this line, for a later `${?X}` of it (quoted text as written in the file).
    const value = assignedValue(written[i] ?? '');
    if (path !== undefined && value !== undefined && !value.includes('${')) set.set(path, value);
  });
  return reads;
}
