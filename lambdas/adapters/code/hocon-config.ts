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

/** Where a line's comment (`#`, `//`) starts, outside quotes; the line's length when it has none. */
function commentStart(line: string): number {
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '#' || (c === '/' && line[i + 1] === '/'))) return i;
  }
  return line.length;
}

/**
 * A line's code, for the variables it substitutes: a comment and quoted text blanked (HOCON substitutes nothing
 * inside quotes), columns kept.
 */
function code(line: string): string {
  const end = commentStart(line);
  let quoted = false;
  let out = '';
  for (let i = 0; i < end; i++) {
    const c = line[i] as string;
    if (c === '"') quoted = !quoted;
    out += quoted && c !== '"' ? ' ' : c;
  }
  return out + ' '.repeat(line.length - end);
}

/** What a line sets its path to: the text after its first `=` or `:` outside quotes (its `code`), up to a comment, trimmed. */
function assignedValue(line: string, lineCode: string): string | undefined {
  const operator = lineCode.search(/[=:]/);
  return operator < 0 ? undefined : line.slice(operator + 1, commentStart(line)).trim();
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
  const located = lines.map((line, i) => {
    const m = ASSIGNMENT.exec(line);
    const closes = (line.match(/\}/g) ?? []).length;
    // The key as written: its code has a quoted key's text blanked, at the same columns.
    const start = line.search(/\S/);
    const key = m ? (written[i] ?? '').slice(start, start + (m[1] as string).length) : '';
    const name = m && !line.trim().startsWith('}') ? key.replace(/^"|"$/g, '') : undefined;
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
    const value = assignedValue(written[i] ?? '', line);
    if (path !== undefined && value !== undefined && !value.includes('${')) set.set(path, value);
  });
  return reads;
}
