import { baseName } from './shape';

const SHELLS: ReadonlySet<string> = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh', 'busybox']);

/** A word of a command line that runs a shell: `sh`, `/bin/bash`, `busybox` (whose `sh` follows). */
export const isShell = (word: string): boolean => SHELLS.has(baseName(word));

/** `-c`, and flags that hold it (`-ec`, `-xc`): the next word is the script. */
const isScriptFlag = (word: string): boolean => /^-[a-z]+$/.test(word) && word.includes('c');

/**
 * The scripts a container's command line hands a shell (`sh -c "…"`, `["/bin/sh", "-ec"]` then
 * `args: ["…"]`): the words after the script flag of a line that starts with a shell. Kubernetes joins
 * `command` and `args` (ECS `entryPoint` and `command`, a Dockerfile's exec-form ENTRYPOINT and CMD) into that line.
 */
export function shellScripts(line: readonly string[]): string[] {
  const shell = shellAt(line);
  if (shell < 0) return [];
  const flag = line.findIndex((w, i) => i > shell && isScriptFlag(w));
  return flag < 0 ? [] : line.slice(flag + 1, flag + 2);
}

/** Init and privilege wrappers that run the rest of the line: `tini --`, `dumb-init`, `env`, `gosu USER`, `su-exec USER`. */
const WRAPPERS: ReadonlySet<string> = new Set(['tini', 'dumb-init', 'env', 'catatonit', 'nice', 'nohup', 'exec']);
const USER_WRAPPERS: ReadonlySet<string> = new Set(['gosu', 'su-exec']);

/** Where the shell of a line is: its first word, or the first word after the wrappers that start it; -1 for none. */
function shellAt(line: readonly string[]): number {
  let i = 0;
  for (;;) {
    const word = line[i];
    if (word === undefined) return -1;
    if (isShell(word)) return i;
    const name = baseName(word);
    if (USER_WRAPPERS.has(name)) i += 2;
    else if (WRAPPERS.has(name) || (i > 0 && word.startsWith('-'))) i += 1;
    else return -1;
  }
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((w): w is string => typeof w === 'string') : []);

/**
 * The names a shell script reads: `$NAME`, `${NAME}`, `${NAME:-default}` (a read, whatever its default).
 * Not inside single quotes (`awk '{print $NF}'`), nor after a backslash (`\$PRICE`): the shell expands
 * nothing there.
 */
function scriptReads(script: string): string[] {
  const names: string[] = [];
  // A `$NAME` or `${NAME` where the scan stands (sticky: its own per call, as it keeps where it stood).
  const nameAt = /\$\{?([A-Za-z_][A-Za-z0-9_]*)/y;
  let single = false;
  let double = false;
  for (let i = 0; i < script.length; i++) {
    const c = script[i];
    if (single) {
      if (c === "'") single = false;
    } else if (c === '\\') i++;
    else if (c === "'" && !double) single = true;
    else if (c === '"') double = !double;
    else if (c === '$' && script[i + 1] === '$')
      i++; // `$$`, the shell's process id: `$$NAME` is no read of NAME.
    else if (c === '$') {
      nameAt.lastIndex = i;
      const m = nameAt.exec(script);
      if (m) names.push(m[1] as string);
    }
  }
  return names;
}

/**
 * A word as the kubelet hands it to the container: `$$` reduced to `$`, and each `$(NAME)` it expands replaced by
 * its value, which is no shell text of ours (left empty here).
 */
const kubeletExpanded = (word: string): string => word.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_.-]*)\)/g, (m) => (m === '$$' ? '$' : ''));

/** The names of `$(NAME)` the kubelet expands in command and args (`$$(NAME)` is the text `$(NAME)`). */
function kubeletReads(word: string): string[] {
  return [...word.matchAll(/(?<!\$)(\$+)\(([A-Za-z_][A-Za-z0-9_.-]*)\)/g)]
    .filter((m) => (m[1] as string).length % 2 === 1)
    .map((m) => m[2] as string);
}

/**
 * The variables a container's command line uses: the container's own environment read by the
 * platform or its shell, not by the application's code (see Observation.expandedInto). `head` and
 * `tail` are Kubernetes' `command` and `args` (ECS: `entryPoint` and `command`); `kubelet`: `$(NAME)`
 * is expanded before the command runs.
 */
export function commandReads(head: unknown, tail: unknown, kubelet: boolean): Set<string> {
  const line = [...strings(head), ...strings(tail)];
  const names = new Set<string>();
  if (kubelet) for (const word of line) for (const name of kubeletReads(word)) names.add(name);
  const run = kubelet ? line.map(kubeletExpanded) : line;
  for (const script of shellScripts(run)) for (const name of scriptReads(script)) names.add(name);
  return names;
}
