/** A Dockerfile read as `docker build` (BuildKit) reads it: parser directives, continuations, heredocs. */
export interface Dockerfile {
  /** `[INSTRUCTION, arguments]`, continuation lines joined, comments and heredoc bodies left out. */
  readonly instructions: Array<[string, string]>;
  /** The escape character: `\`, or `` ` `` after `# escape=``. */
  readonly escape: string;
}

// The directives BuildKit knows; an unknown one is a comment, and ends them as a comment does.
const DIRECTIVE = /^#\s*(syntax|escape|check)\s*=\s*(\S+)\s*$/i;
// `<<EOF`, `<<-EOF`, `<<"EOF"`, `<<'EOF'`; not a shell here-string (`<<<`).
const HEREDOC = /(?<!<)<<(-?)(["']?)([A-Za-z_][A-Za-z0-9_]*)\2/g;
const HEREDOC_INSTRUCTIONS = new Set(['RUN', 'COPY', 'ADD']);

/** The heredocs an instruction opens, in order: each ends at a line that is its word (`<<-`: after leading tabs). */
const heredocs = (instruction: string, args: string): Array<{ word: string; tabs: boolean }> =>
  HEREDOC_INSTRUCTIONS.has(instruction) ? [...args.matchAll(HEREDOC)].map((m) => ({ word: m[3] as string, tabs: m[1] === '-' })) : [];

export function parseDockerfile(text: string): Dockerfile {
  const lines = text.split(/\r?\n/);
  let escape = '\\';
  let i = 0;
  // Parser directives come first; the first other line (a comment, an empty line, an instruction) ends them.
  for (let d: RegExpExecArray | null; i < lines.length && (d = DIRECTIVE.exec(lines[i] as string)); i++)
    if ((d[1] as string).toLowerCase() === 'escape' && (d[2] === '`' || d[2] === '\\')) escape = d[2];
  const continues = new RegExp(`${escape === '`' ? '`' : '\\\\'}\\s*$`);
  const instructions: Array<[string, string]> = [];
  let pending: string | undefined;
  const open: Array<{ word: string; tabs: boolean }> = [];
  for (; i < lines.length; i++) {
    const raw = lines[i] as string;
    if (open.length) {
      const first = open[0] as { word: string; tabs: boolean };
      if ((first.tabs ? raw.replace(/^\t+/, '') : raw).trimEnd() === first.word) open.shift();
      continue;
    }
    // A comment line is left out, also between the lines of one instruction; so is an empty line inside one.
    if (/^\s*#/.test(raw) || (pending !== undefined && raw.trim() === '')) continue;
    if (continues.test(raw)) {
      pending = (pending ?? '') + raw.replace(continues, ' ');
      continue;
    }
    const line = (pending ?? '') + raw;
    pending = undefined;
    const m = /^\s*([A-Za-z]+)\s+(.*)$/.exec(line);
    if (!m) continue;
    const [instruction, args] = [(m[1] as string).toUpperCase(), (m[2] as string).trim()];
    instructions.push([instruction, args]);
    open.push(...heredocs(instruction, args));
  }
  return { instructions, escape };
}

/** The words of `ENV A=1 B="two words"`: quotes taken off, the escape character escaping the next one. */
export function dockerWords(args: string, escape: string): string[] {
  const out: string[] = [];
  let word: string | undefined;
  let quote: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const c = args[i] as string;
    if (quote === undefined && /\s/.test(c)) {
      if (word !== undefined) out.push(word);
      word = undefined;
      continue;
    }
    word ??= '';
    if (c === escape && i + 1 < args.length && quote !== "'") word += args[++i];
    else if (quote === undefined && (c === '"' || c === "'")) quote = c;
    else if (c === quote) quote = undefined;
    else word += c;
  }
  if (word !== undefined) out.push(word);
  return out;
}
