import { isShell, shellScripts } from '../../core/sources/command-reads';
import { copyingStages, dockerWords, finalStages, parseDockerfile, type DockerInstruction } from './dockerfile-instructions';
import { withoutTrailingSlashes } from '../../core/trailing-slashes';

// What a container of the image runs when it starts, with the container's environment: CMD, ENTRYPOINT and the
// health check's command. RUN runs while the image is built, with the build's.
const STARTS_AND_HEALTH = ['CMD', 'ENTRYPOINT', 'HEALTHCHECK'];

/** The CMD, ENTRYPOINT and HEALTHCHECK a container starts with: each the last its stage or, where it sets none, an earlier stage sets. */
function startInstructions(text: string): { commands: DockerInstruction[]; escape: string; posix: boolean } {
  const { placed, escape } = parseDockerfile(text);
  const commands: DockerInstruction[] = [];
  const found = new Set<string>();
  let shell: DockerInstruction | undefined;
  for (const stage of finalStages({ placed, escape })) {
    const last = (name: string) => [...stage].reverse().find((i) => i.name === name);
    shell ??= last('SHELL');
    for (const name of STARTS_AND_HEALTH) {
      const instruction = last(name);
      if (instruction && !found.has(name)) commands.push(instruction);
      if (instruction) found.add(name);
    }
    // A stage that sets ENTRYPOINT and no CMD clears the CMD of the stage it is built FROM.
    if (last('ENTRYPOINT') && !last('CMD')) found.add('CMD');
  }
  // `SHELL ["powershell", "-Command"]`: the shell forms are another shell's.
  const shellWords = shell && execForm(shell.args);
  const posix = shellWords === undefined || isShell(shellWords[0] ?? '');
  return { commands, escape, posix };
}

/** A health check's command without its options (`--interval=30s CMD curl …` → `curl …`), or undefined for `NONE`. */
function healthCommand(args: string): { at: number; rest: string } | undefined {
  const m = /^((?:--\S+\s+)*)CMD\s+/i.exec(args);
  return m ? { at: m[0].length, rest: args.slice(m[0].length) } : undefined;
}

/** The exec form's words (`["sh", "-c", "…"]`), or undefined for the shell form. */
function execForm(args: string): string[] | undefined {
  if (!args.startsWith('[')) return undefined;
  try {
    const words: unknown = JSON.parse(args);
    return Array.isArray(words) && words.every((w) => typeof w === 'string') ? words : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The exec-form lines a container may run, each with the instructions it is written in: each exec form on its
 * own, and an exec-form ENTRYPOINT followed by an exec-form CMD (Docker joins them, so `ENTRYPOINT ["sh", "-c"]`
 * runs the CMD as its script).
 */
function execLines(commands: readonly DockerInstruction[]): { words: string[]; in: DockerInstruction[] }[] {
  const lines = commands.flatMap((c) => {
    const words = c.name === 'HEALTHCHECK' ? undefined : execForm(c.args);
    return words ? [{ words, in: [c] }] : [];
  });
  const entry = lines.find((l) => l.in[0]?.name === 'ENTRYPOINT');
  const cmd = lines.find((l) => l.in[0]?.name === 'CMD');
  return entry && cmd ? [...lines, { words: [...entry.words, ...cmd.words], in: [...entry.in, ...cmd.in] }] : lines;
}

/**
 * The shell code a container of the image runs as it starts, where the Dockerfile has it (shell-form CMD,
 * ENTRYPOINT and HEALTHCHECK, and exec forms that run `sh -c`), each at its place in the text and everything
 * else blanked, so a read's line and column are the Dockerfile's. A Dockerfile with the `` ` `` escape is
 * written for Windows' shells, and shell forms after a `SHELL` that is no POSIX shell are that shell's: neither is read.
 */
export function runtimeShell(text: string): string {
  const out = text.replace(/[^\r\n]/g, ' ').split('');
  const { commands, escape, posix } = startInstructions(text);
  if (escape !== '\\') return out.join('');
  const place = (code: string, where: readonly DockerInstruction[]) => {
    // Placed where its JSON string starts; an escaped character shifts what follows it by a column or so.
    const raw = JSON.stringify(code);
    const spans = where.flatMap((w) => w.spans);
    const within = spans.map(([from, to]) => [from, text.slice(from, to).indexOf(raw)] as const).find(([, i]) => i >= 0);
    const at = within ? within[0] + within[1] + 1 : (spans[0]?.[0] ?? 0);
    [...code.replace(/\r?\n/g, ';')].forEach((c, i) => {
      if (out[at + i] !== undefined && out[at + i] !== '\n' && out[at + i] !== '\r') out[at + i] = c;
    });
  };
  for (const command of commands) {
    const [first] = command.spans;
    if (!first) continue;
    const health = command.name === 'HEALTHCHECK' ? healthCommand(command.args) : undefined;
    if (command.name === 'HEALTHCHECK' && health === undefined) continue;
    const words = execForm(health?.rest ?? command.args);
    if (words === undefined) {
      if (!posix) continue;
      // The shell form: the spans' text as written (a `\` ending a line continues it for the shell as for Docker).
      const skip = health ? text.slice(first[0]).indexOf(health.rest) : 0;
      for (const [n, [from, to]] of command.spans.entries())
        for (let i = n === 0 ? from + Math.max(skip, 0) : from; i < to; i++) out[i] = text[i] as string;
    } else if (health) for (const code of shellScripts(words)) place(code, [command]);
  }
  for (const line of execLines(commands)) for (const code of shellScripts(line.words)) place(code, line.in);
  return out.join('');
}

/** The file names of the scripts a container of the image starts (`ENTRYPOINT ["/docker-entrypoint.sh"]`, `CMD ./start.sh`). */
export function startedScripts(text: string): string[] {
  return [...new Set(startInstructions(text).commands.flatMap((c) => scriptNames(c.args)))];
}

/**
 * The file names of the programs a container of the image starts, whatever their ending: each start command's first
 * word (`ENTRYPOINT ["/entrypoint"]`, `CMD /start`), or the script a shell is given (`CMD ["bash", "/start"]`).
 */
export function startedPrograms(text: string): string[] {
  const { commands, escape } = startInstructions(text);
  const names = commands.flatMap((c) => {
    if (c.name === 'HEALTHCHECK') return [];
    const words = execForm(c.args) ?? dockerWords(c.args, escape);
    const [first, second] = words;
    const program = first !== undefined && isShell(first) && second !== undefined && !second.startsWith('-') ? second : first;
    return program ? [program.slice(program.lastIndexOf('/') + 1)] : [];
  });
  return [...new Set(names.filter((n) => n !== ''))];
}

/**
 * The COPY and ADD instructions of the image's stages: each one's words without its options (the paths it copies,
 * then where to), and whether it copies from another stage or image (`--from=`) rather than from the build context.
 */
function copies(text: string, stages = finalStages): Array<{ words: string[]; elsewhere: boolean }> {
  const { placed, escape } = parseDockerfile(text);
  return stages({ placed, escape })
    .flat()
    .flatMap((instruction) => {
      if (instruction.name !== 'COPY' && instruction.name !== 'ADD') return [];
      const all = execForm(instruction.args) ?? dockerWords(instruction.args, escape);
      return [{ words: all.filter((w) => !w.startsWith('--')), elsewhere: all.some((w) => w.startsWith('--from')) }];
    });
}

/**
 * The names files take in the image where a COPY or ADD of one file gives it another (`COPY ./compose/production/django/start
 * /start-celeryworker`): the name in the image, with the paths copied to it as written (without a leading `./` or `/`).
 * A copy from another stage or image (`--from=`) copies no file of the tree.
 */
export function copiedNames(text: string): Map<string, string[]> {
  const renamed = new Map<string, string[]>();
  const base = (path: string): string => path.slice(path.lastIndexOf('/') + 1);
  for (const { words, elsewhere } of copies(text)) {
    if (elsewhere) continue;
    const [from, to] = words;
    if (words.length !== 2 || from === undefined || to === undefined || from.endsWith('/') || to.endsWith('/')) continue;
    const source = from.replace(/^(?:\.\/|\/)+/, '');
    if (base(from) !== base(to)) renamed.set(base(to), [...(renamed.get(base(to)) ?? []), source]);
  }
  return renamed;
}

/**
 * The paths of the build context the image's stages copy, or the stages they copy from copy (`COPY --from=build`;
 * `COPY ./compose/production/django/entrypoint /entrypoint`,
 * `COPY pyproject.toml poetry.lock /app/`), as written without a leading `./`: not a copy from another stage or
 * image, a URL, nor a path a variable or a wildcard makes; and whether it copies the whole context (`COPY . .`).
 */
export function copiedSources(text: string): { paths: string[]; whole: boolean } {
  const sources: string[] = [];
  let whole = false;
  for (const { words, elsewhere } of copies(text, copyingStages)) {
    if (elsewhere) continue;
    for (const word of words.slice(0, -1)) {
      const path = withoutTrailingSlashes(word.replace(/^(?:\.\/)+/, ''));
      if (path === '' || path === '.') whole = true;
      // A path that climbs (`a/../../x`) names nothing of the context drift may look for: Docker keeps it inside.
      else if (!/[$*?[]|^[a-z]+:\/\/|^\//i.test(path) && !path.split('/').includes('..')) sources.push(path);
    }
  }
  return { paths: sources, whole };
}

/**
 * Whether a file's first line runs it with a POSIX shell (`#!/bin/sh`, `#!/usr/bin/env bash`, s6-overlay's
 * `#!/command/with-contenv bash`, which runs the shell with the container's environment).
 */
export function shellShebang(text: string): boolean {
  const m = /^#!\s*(\S+)(?:[ \t]+(\S+))?/.exec(text);
  if (!m) return false;
  const [, program = '', argument = ''] = m;
  return isShell(program) || (/\/(env|with-contenv)$/.test(program) && isShell(argument));
}

// The scripts s6-overlay's `/init` runs, from where an image copies them: its services' and one-shots' `run` (s6-rc.d),
// the legacy services.d services and the cont-init.d scripts.
const S6_SCRIPT = /(?:^|\/)etc\/(?:s6-overlay\/s6-rc\.d\/[^/]+\/run|services\.d\/[^/]+\/(?:run|finish)|cont-init\.d\/[^/]+)$/;

/** Whether the image starts s6-overlay (`ENTRYPOINT ["/init"]`), which runs the scripts a file's path says it holds (S6_SCRIPT). */
export const s6Started = (dockerfile: string): ((file: string) => boolean) =>
  startedPrograms(dockerfile).includes('init') ? (file) => S6_SCRIPT.test(file) : () => false;

// How shell scripts' names end: `.envsh` is what nginx's entrypoint sources from /docker-entrypoint.d.
const SCRIPT_ENDINGS = '(?:sh|bash|envsh)';

/** Whether a file is a shell script by its name (`entrypoint.sh`, `env.bash`, `15-local-resolvers.envsh`). */
const SCRIPT_FILE = new RegExp(`\\.${SCRIPT_ENDINGS}$`);
export const isScript = (file: string): boolean => SCRIPT_FILE.test(file);

// A script's name where a word starts, or right after another script's name (`a.sh.sh`): written without a lazy path
// before it, which tried every split of a long word (cubic: a 2,000-character word of a script took 5.6 s).
const SCRIPT_NAME = new RegExp(`(?:(?<![\\w-])|(?<=\\.${SCRIPT_ENDINGS}))([\\w-]+\\.${SCRIPT_ENDINGS})\\b`, 'g');

/** The names of the shell scripts a text names (`/app/entrypoint.sh`, `. ./env.bash`). */
export const scriptNames = (text: string): string[] => [...text.matchAll(SCRIPT_NAME)].map((m) => m[1] as string);

// A path after a command's start, its last segment captured. A start inside a word (`${HOME}/x`, `/bin/sh/x`) is taken
// only where it is the word's first: a later one reads the rest of the word again (quadratic on a long word of `{`).
const WORD_CHAR = '[\\w./${}-]';
const INSIDE_WORD = '\\{|\\b(?:then|do|else|source|exec|sh|bash)\\b';
const PATH = `${WORD_CHAR}*\\/([\\w-]+)["']?(?=[\\s;&|)]|$)`;
const BARE_SCRIPT_PATH = new RegExp(
  `(?:^|[;&|(]|(?:${INSIDE_WORD})(?!${WORD_CHAR})|(?:^|\\s)\\.)[ \\t]*["']?${PATH}|` +
    `(?<!${WORD_CHAR})(?:(?!${INSIDE_WORD})${WORD_CHAR})*(?:${INSIDE_WORD})${PATH}`,
  'gm',
);

/**
 * The names of the files without an ending a script runs or sources by a path, as a command's first word or after
 * `source`, `.`, `exec`, `sh` or `bash` (huginn's init: `source /scripts/setup_env`). A bare word is not taken: it may
 * be a function or a program on the PATH.
 */
export const bareScriptNames = (text: string): string[] => [...text.matchAll(BARE_SCRIPT_PATH)].map((m) => (m[1] ?? m[2]) as string);

/** The shell scripts the image's stages copy into each folder (`COPY 20-envsubst-on-templates.sh /docker-entrypoint.d`), by the folder's path. */
export function copiedScripts(text: string): Map<string, string[]> {
  const copied = new Map<string, string[]>();
  for (const { words } of copies(text)) {
    const folder = withoutTrailingSlashes(words.at(-1) ?? '');
    const scripts = words.slice(0, -1).flatMap(scriptNames);
    if (folder && scripts.length > 0) copied.set(folder, [...(copied.get(folder) ?? []), ...scripts]);
  }
  return copied;
}

const escaped = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Whether a script runs every file of a folder: `find "/docker-entrypoint.d/" …`, `run-parts /etc/entrypoint.d`,
 * `for f in /docker-entrypoint.d/*` (nginx's entrypoint runs the scripts its Dockerfile copies there).
 */
export function runsFolder(script: string, folder: string): boolean {
  const f = escaped(folder);
  // The command starts a word (`find`, `/usr/bin/find`), so `-x/find -x/find …` is not read again from each `find`.
  return new RegExp(
    `(?<![^\\s;&|(\`'"])(?:[^\\s-]\\S*\\/)?(?:find|run-parts)\\s+(?:-\\S+\\s+)*["']?${f}/?["']?(?=[\\s;)]|$)|${f}/\\*`,
    'm',
  ).test(script);
}
