/** One instruction of a Dockerfile, and where its arguments lie in the file's text. */
export interface DockerInstruction {
  /** Upper case: `RUN`, `CMD`. */
  readonly name: string;
  /** Its arguments, continuation lines joined, the comments between them left out. */
  readonly args: string;
  /** The spans of the text (`[from, to)` offsets) that hold `args`, one per line: the first from its arguments' start. */
  readonly spans: ReadonlyArray<readonly [number, number]>;
}

/** A Dockerfile read as `docker build` (BuildKit) reads it: parser directives, continuations, heredocs. */
export interface Dockerfile {
  /** Its instructions and where their arguments are: continuation lines joined, comments and heredoc bodies left out. */
  readonly placed: readonly DockerInstruction[];
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
  const lines: Array<{ text: string; at: number }> = [];
  for (
    let at = 0, m: RegExpExecArray | null, line = /([^\r\n]*)(\r?\n|$)/y;
    at <= text.length && (m = line.exec(text));
    at = line.lastIndex
  ) {
    lines.push({ text: m[1] as string, at });
    if (m[2] === '') break;
  }
  let escape = '\\';
  let i = 0;
  // Parser directives come first; the first other line (a comment, an empty line, an instruction) ends them.
  for (let d: RegExpExecArray | null; i < lines.length && (d = DIRECTIVE.exec(lines[i]?.text as string)); i++)
    if ((d[1] as string).toLowerCase() === 'escape' && (d[2] === '`' || d[2] === '\\')) escape = d[2];
  const continues = new RegExp(`${escape === '`' ? '`' : '\\\\'}\\s*$`);
  const placed: DockerInstruction[] = [];
  let pending: { text: string; spans: Array<[number, number]> } | undefined;
  const open: Array<{ word: string; tabs: boolean }> = [];
  for (; i < lines.length; i++) {
    const { text: raw, at } = lines[i] as { text: string; at: number };
    if (open.length) {
      const first = open[0] as { word: string; tabs: boolean };
      if ((first.tabs ? raw.replace(/^\t+/, '') : raw).trimEnd() === first.word) open.shift();
      continue;
    }
    // A comment line is left out, also between the lines of one instruction; so is an empty line inside one.
    if (/^\s*#/.test(raw) || (pending !== undefined && raw.trim() === '')) continue;
    const line = { text: (pending?.text ?? '') + raw, spans: [...(pending?.spans ?? []), [at, at + raw.length] as [number, number]] };
    if (continues.test(raw)) {
      pending = { text: line.text.replace(continues, ' '), spans: line.spans };
      continue;
    }
    pending = undefined;
    const m = /^(\s*([A-Za-z]+)\s+(?!\s))(.*)$/.exec(line.text);
    if (!m) continue;
    const [name, args] = [(m[2] as string).toUpperCase(), (m[3] as string).trim()];
    const [first, ...rest] = line.spans as [[number, number], ...Array<[number, number]>];
    placed.push({ name, args, spans: [[Math.min(first[0] + (m[1] as string).length, first[1]), first[1]], ...rest] });
    open.push(...heredocs(name, args));
  }
  return { placed, escape };
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

interface Stage {
  readonly name?: string;
  readonly base: string;
  readonly instructions: DockerInstruction[];
}

/** The stages of a Dockerfile, in order; instructions before the first FROM belong to none. */
function stagesOf({ placed, escape }: Pick<Dockerfile, 'placed' | 'escape'>): Stage[] {
  const stages: Stage[] = [];
  for (const instruction of placed) {
    if (instruction.name === 'FROM') {
      const [image, as, name] = dockerWords(instruction.args, escape).filter((w) => !w.startsWith('--'));
      stages.push({
        base: (image ?? '').toLowerCase(),
        instructions: [],
        ...(as?.toUpperCase() === 'AS' && name && { name: name.toLowerCase() }),
      });
    } else stages.at(-1)?.instructions.push(instruction);
  }
  return stages;
}

/** The stage a name refers to from `at`: the nearest earlier stage of that name (a copy's `--from=0` also by its index). */
function stageNamed(stages: readonly Stage[], at: Stage, name: string, byIndex = false): Stage | undefined {
  if (byIndex && /^\d+$/.test(name)) return stages[Number(name)];
  return stages
    .slice(0, stages.indexOf(at))
    .reverse()
    .find((s) => s.name === name);
}

/** A stage and the stages it is built `FROM`, nearest first. */
function chainOf(stages: readonly Stage[], last: Stage | undefined): Stage[] {
  const chain: Stage[] = [];
  for (let stage = last; stage && chain.length < stages.length; stage = stageNamed(stages, stage, stage.base)) chain.push(stage);
  return chain;
}

/**
 * The instructions of the stage a container of the image runs, and of the stages it is built `FROM` (by
 * name, the nearest earlier stage of that name), nearest first: what the image's ENV, CMD and ENTRYPOINT
 * come from. Instructions before the first FROM belong to no stage.
 */
export function finalStages(dockerfile: Pick<Dockerfile, 'placed' | 'escape'>): DockerInstruction[][] {
  const stages = stagesOf(dockerfile);
  return chainOf(stages, stages.at(-1)).map((s) => s.instructions);
}

/**
 * The final stages (finalStages) and those of the same Dockerfile their `COPY --from=NAME` copies from, and theirs in turn:
 * where the files the image holds came from. Rails' Dockerfile builds the application in a `build` stage (`COPY . .`)
 * and its final stage takes it whole with `COPY --from=build /rails /rails`. A `--from` naming an image copies nothing
 * of the tree.
 */
export function copyingStages(dockerfile: Pick<Dockerfile, 'placed' | 'escape'>): DockerInstruction[][] {
  const stages = stagesOf(dockerfile);
  const seen = new Set<Stage>();
  const out: DockerInstruction[][] = [];
  for (let todo = chainOf(stages, stages.at(-1)); todo.length > 0;) {
    const next: Stage[] = [];
    for (const stage of todo) {
      // Checked here, not before the loop: two `COPY --from=build` of one stage put build in `next` twice.
      if (seen.has(stage)) continue;
      seen.add(stage);
      out.push(stage.instructions);
      for (const instruction of stage.instructions) {
        const from =
          instruction.name === 'COPY' ? dockerWords(instruction.args, dockerfile.escape).find((w) => /^--from=/i.test(w)) : undefined;
        const source = from && stageNamed(stages, stage, from.slice('--from='.length).toLowerCase(), true);
        if (source) next.push(...chainOf(stages, source));
      }
    }
    todo = next;
  }
  return out;
}
