import type { DotenvEntry } from './dotenv';

/**
 * An ECS environment file as the ECS agent reads it (its envFiles resource), which is not dotenv:
 * line by line (a trailing CR dropped, as Go's line scanner does); a line starting with `#` is a
 * comment; any other line holding `=` is split at its first `=` into a name and a value exactly as
 * written (quotes, an inline `# …`, blanks and `export ` all stay), and is set only when both are
 * non-empty; every other line is ignored, silently, as the agent ignores it. In file order,
 * duplicates included: within one file the later line wins.
 */
export function readEcsEnvFile(text: string): DotenvEntry[] {
  const entries: DotenvEntry[] = [];
  const lines = text.split('\n');
  // A final newline ends the last line; it starts no empty one.
  if (lines[lines.length - 1] === '') lines.pop();
  lines.forEach((raw, i) => {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.startsWith('#')) return;
    const eq = line.indexOf('=');
    if (eq <= 0 || eq === line.length - 1) return;
    entries.push({ key: line.slice(0, eq), value: line.slice(eq + 1), line: i + 1 });
  });
  return entries;
}
