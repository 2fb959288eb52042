import type { Node } from 'web-tree-sitter';

// Set by the shell itself, never by a container's configuration. HOME, PATH, USER and the like are the
// platform's (core/code/platform-keys).
const SHELL_VARIABLES = new Set([
  'PWD',
  'OLDPWD',
  'IFS',
  'UID',
  'EUID',
  'PPID',
  'RANDOM',
  'LINENO',
  'SECONDS',
  'EPOCHSECONDS',
  'EPOCHREALTIME',
  'SHLVL',
  'OPTARG',
  'OPTIND',
  'REPLY',
  'PIPESTATUS',
  'FUNCNAME',
  'BASHPID',
  'BASH_SOURCE',
  'BASH_VERSION',
  'BASH_REMATCH',
  'BASH_ARGV',
  'GROUPS',
  'PS1',
  'PS4',
]);

/** A variable a container's environment may set: upper case by convention (POSIX's for the environment), not the shell's own. */
export const environmental = (name: string): boolean => /^[A-Z_][A-Z0-9_]*$/.test(name) && /[A-Z]/.test(name) && !SHELL_VARIABLES.has(name);

export const variableOf = (expansion: Node): Node | undefined =>
  expansion.namedChildren.find((c) => c?.type === 'variable_name') ?? undefined;
