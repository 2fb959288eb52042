import type { Node } from 'web-tree-sitter';
import type { ReadFallback } from '../../../core/code/code-read';
import type { FoundRead, LanguageModule, Wrapper } from '../language';
import { runtimeShell } from '../dockerfile-commands';
import { isDockerfile } from '../dockerfile-env';
import { indirect, indirectOperator, indirectReads } from './shell-indirect';
import { environmental, variableOf } from './shell-names';

// `read -p PROMPT`, `read -d DELIM`: options of `read` whose next word is their value, not a variable it sets.
const READ_VALUE_OPTIONS = /^-[a-zA-Z]*[pdtnNui]$/;
const TESTS = new Set(['test', '[']);
const SOURCES = new Set(['.', 'source']);

/** The grammar shell scripts are parsed with (also for what a started script exports, image by image). */
export const SHELL_GRAMMAR = 'tree-sitter-bash/tree-sitter-bash.wasm';
// A Python virtualenv's activation script (`. /venv/bin/activate`) sets its own few variables and no others.
const ACTIVATES = /(?:^|\/)bin\/activate$/;
const ACTIVATION_SETS: ReadonlySet<string> = new Set(['VIRTUAL_ENV', 'VIRTUAL_ENV_PROMPT', 'PS1']);
const LISTS = new Set(['@', '*']);

/** The `${…}` operator (`:-`, `:?`, `#` of a length), if any. */
const operatorOf = (expansion: Node): string | undefined =>
  expansion.children.find((c) => c !== null && !c.isNamed && c.type !== '${' && c.type !== '}')?.type;

/** How it is read, for people: `sh $NAME`, `sh ${NAME:-…}`, `sh ${!NAME}` (the variable NAME's value names). */
function viaOf(expansion: Node): string {
  const operator = expansion.type === 'expansion' ? operatorOf(expansion) : undefined;
  if (expansion.type === 'simple_expansion') return 'sh $NAME';
  if (indirect(expansion)) return 'sh ${!NAME}';
  return operator === '#' ? 'sh ${#NAME}' : `sh \${NAME${operator ?? ''}${operator ? '…' : ''}}`;
}

/** A default as written, when it is a literal (`8080`, `"a b"`, `'x'`); else a default without a shown value. */
function defaultOf(expansion: Node): ReadFallback {
  const value = expansion.namedChildren.find((c) => c !== null && c.type !== 'variable_name');
  const literal =
    value &&
    (value.type === 'word' ||
      value.type === 'raw_string' ||
      (value.type === 'string' && !value.namedChildren.some((c) => c?.type !== 'string_content')));
  return literal ? { kind: 'default', value: value.text } : { kind: 'default' };
}

/** What `${NAME…}` or `$NAME` gives when NAME is unset. */
function fallbackOf(expansion: Node): ReadFallback {
  if (expansion.type === 'simple_expansion') return { kind: 'none' };
  switch (operatorOf(expansion)) {
    case ':-':
    case '-':
    case ':=':
    case '=':
      return defaultOf(expansion);
    // `${A:+…}` tests whether it is set; `${#A}` is 0 when it is not.
    case ':+':
    case '+':
    case '#':
      return { kind: 'default' };
    default:
      return { kind: 'none' };
  }
}

// Options for a program, passed unquoted so that each word is one (`java $JAVA_OPTS -jar app.jar`, gunicorn's
// `$GUNICORN_CMD_ARGS`): unset, by convention, they are none, and the program runs as it does without them.
const OPTION_LIST = /(?:^|_)(?:OPTS|OPTIONS|ARGS|FLAGS|PARAMS)$/;

/** Whether the expansion is a plain list of options among a command's arguments: it has a path for its absence. */
function optionList(expansion: Node, name: string): boolean {
  const command = expansion.parent;
  const plain = expansion.type === 'simple_expansion' || operatorOf(expansion) === undefined;
  return OPTION_LIST.test(name) && plain && command?.type === 'command' && command.childForFieldName('name')?.id !== expansion.id;
}

/** Whether the expansion is tested (`[ -z "$A" ]`, `[[ -n $A ]]`, `test "$A"`): the script has a path for its absence. */
function tested(node: Node): boolean {
  for (let at = node.parent; at; at = at.parent) {
    if (at.type === 'test_command') return true;
    if (at.type === 'command') return TESTS.has(at.childForFieldName('name')?.text ?? '');
  }
  return false;
}

/** Whether `node` tests the variable `name` somewhere in it. */
const testsName = (node: Node, name: string): boolean =>
  node.descendantsOfType(['simple_expansion', 'expansion']).some((e) => e !== null && variableOf(e)?.text === name && tested(e));

/**
 * Whether the expansion runs only where a test of its variable decided it would (`if [ -n "$A" ]; then … $A …`,
 * `[ -n "$A" ] && … $A`): the script has a path for its absence.
 */
function guarded(expansion: Node, name: string): boolean {
  for (let at: Node | null = expansion, parent = at.parent; parent; at = parent, parent = parent.parent) {
    if (parent.type === 'if_statement' || parent.type === 'elif_clause') {
      const conditions = parent.type === 'if_statement' ? parent.childrenForFieldName('condition') : [parent.namedChildren[0] ?? null];
      if (!conditions.some((c) => c !== null && c.id === at.id) && conditions.some((c) => c !== null && testsName(c, name))) return true;
    }
    if (
      parent.type === 'list' &&
      parent.namedChildren[0]?.id !== at.id &&
      parent.namedChildren[0] &&
      testsName(parent.namedChildren[0], name)
    )
      return true;
  }
  return false;
}

// `export "$var"="$val"`, `declare -g "$1"`, `printf -v "$name"`, `eval`, `${!var}`: the script sets variables it names at run
// time (docker-library's `file_env 'POSTGRES_USER' 'postgres'`), so any of its reads may be of a value it gave itself.
const SETS_BY_NAME = /\b(?:eval|printf\s+-v)\b|\b(?:export|declare|typeset|readonly|local)\s+(?:-\w+\s+)*"?\$|\$\{!/;

/** Where the script gives a variable a value of its own: an assignment, `local`/`declare`, `for`, `read`, `getopts`, `${A:=…}`. */
function definitions(root: Node): Map<string, Node[]> {
  const defined = new Map<string, Node[]>();
  const add = (name: string | undefined, node: Node) => name && defined.set(name, [...(defined.get(name) ?? []), node]);
  for (const node of root.descendantsOfType(['variable_assignment', 'for_statement', 'expansion', 'command', 'declaration_command'])) {
    if (!node) continue;
    if (node.type === 'variable_assignment') add(node.childForFieldName('name')?.text, node);
    else if (node.type === 'for_statement') add(node.childForFieldName('variable')?.text, node);
    else if (node.type === 'expansion') {
      if (operatorOf(node) === ':=' || operatorOf(node) === '=') add(variableOf(node)?.text, node);
    } else if (node.type === 'declaration_command') {
      // `local A`, `declare A` make it the script's; `export A` hands on the environment's.
      if (node.firstChild?.type !== 'export') for (const v of node.namedChildren) if (v?.type === 'variable_name') add(v.text, node);
    } else {
      const command = node.childForFieldName('name')?.text;
      const args = node.childrenForFieldName('argument').filter((a): a is Node => a !== null);
      if (command === 'read')
        args.forEach(
          (a, i) =>
            a.type === 'word' && /^[A-Za-z_]\w*$/.test(a.text) && !READ_VALUE_OPTIONS.test(args[i - 1]?.text ?? '') && add(a.text, node),
        );
      if (command === 'getopts' && args[1]) add(args[1].text, node);
    }
  }
  return defined;
}

const inside = (node: Node, outer: Node): boolean => node.startIndex >= outer.startIndex && node.endIndex <= outer.endIndex;

const functionOf = (node: Node): Node | undefined => {
  for (let at = node.parent; at; at = at.parent) if (at.type === 'function_definition') return at;
  return undefined;
};

/**
 * Where a definition's value is seen: `A=x cmd` gives it to the command alone, `local A` and `declare A` (without `-g`)
 * to their function; any other (`A=x`, `declare -g A`, `${A:=x}`, `read A`) to the whole script once it has run.
 */
function scopeOf(definition: Node): 'command' | 'script' | Node {
  if (definition.type === 'variable_assignment' && definition.parent?.type === 'command') return 'command';
  const declaration = definition.type === 'declaration_command' ? definition : definition.parent;
  const fn = declaration?.type === 'declaration_command' ? functionOf(declaration) : undefined;
  if (!declaration || !fn) return 'script';
  const keyword = declaration.firstChild?.type;
  const global =
    keyword === 'export' || ((keyword === 'declare' || keyword === 'typeset') && /^-\w*g/.test(declaration.namedChildren[0]?.text ?? ''));
  return global ? 'script' : fn;
}

/**
 * The environment variables a script reads: every `$NAME` and `${NAME…}` of a name the script does not set itself.
 * A name it sets is read from the environment only before it does (`[ -z "$PORT" ] && PORT=80`), in its own
 * default (`PORT=${PORT:-8080}`, `: "${PORT:=8080}"`) and where its value is not seen (another function's `local`,
 * `PORT=80 cmd`); later expansions, and any in a function when the script's body or another function sets it, read the script's value.
 */
function shellReads(root: Node): FoundRead[] {
  const defined = definitions(root);
  const setsByName = SETS_BY_NAME.test(root.text);
  // `. /etc/os-release`, `source "$f"`: what the sourced file sets is not known here, so any later read may be of its value.
  const sources = root
    .descendantsOfType('command')
    .filter((c): c is Node => c !== null && SOURCES.has(c.childForFieldName('name')?.text ?? ''));
  const activation = (c: Node): boolean => ACTIVATES.test((c.childrenForFieldName('argument')[0]?.text ?? '').replace(/^["']|["']$/g, ''));
  const sourced = sources.filter((c) => !activation(c)).map((c) => c.startIndex);
  const activated = sources.filter(activation).map((c) => c.startIndex);
  const afterSource = (e: Node): boolean => sourced.length > 0 && (e.startIndex > Math.min(...sourced) || functionOf(e) !== undefined);
  const reads: FoundRead[] = [];
  for (const expansion of root.descendantsOfType(['simple_expansion', 'expansion'])) {
    const variable = expansion && variableOf(expansion);
    if (!expansion || !variable || !environmental(variable.text)) continue;
    // `${!MONGO_INITDB_@}`, `${!APP_*}`: the names that start with the prefix, no variable's value.
    if (indirect(expansion) && LISTS.has(indirectOperator(expansion) ?? '')) continue;
    if (ACTIVATION_SETS.has(variable.text) && activated.some((at) => at < expansion.startIndex)) continue;
    const own = defined.get(variable.text) ?? [];
    const ownDefault = own.some((d) => d.id === expansion.id || (d.type === 'variable_assignment' && inside(expansion, d)));
    const fn = functionOf(expansion);
    const seen = own.filter((d) => {
      const scope = scopeOf(d);
      return scope === 'script' || (scope !== 'command' && inside(expansion, scope));
    });
    // A function runs when it is called, not where it is written: a variable another function or the script's body
    // sets (mysql's `declare -g DATADIR; DATADIR=…` in docker_setup_env) is the script's in it, whatever comes first.
    const scripts = seen.some((d) => d.startIndex < expansion.startIndex || (fn !== undefined && !inside(d, fn)));
    if (scripts && !ownDefault) continue;
    const fallback = fallbackOf(expansion);
    // A plain `$PATH` in its own assignment (`PATH=$PATH:/x`), or a tested or guarded one, has a path for its absence.
    const handled =
      fallback.kind === 'none' &&
      (setsByName ||
        afterSource(expansion) ||
        tested(expansion) ||
        guarded(expansion, variable.text) ||
        ownDefault ||
        optionList(expansion, variable.text));
    reads.push({ name: variable.text, at: variable, via: viaOf(expansion), fallback: handled ? { kind: 'default' } : fallback });
  }
  reads.push(...indirectReads(root, (e, name) => setsByName || tested(e) || guarded(e, name)));
  return reads;
}

// s6-overlay's container environment: a file written there (`printf "/usr/src/paperless/src" >
// /var/run/s6/container_environment/PAPERLESS_SRC_DIR`) is a variable of every script `with-contenv` runs after it.
const S6_WRITE = />[ \t]*["']?(?:\/var)?\/run\/s6\/container_environment\/([A-Z_][A-Z0-9_]*)\b/g;
const s6Name = (variable: string): string => `s6 container_environment/${variable}`;
const s6Variables = (text: string): string[] =>
  text.includes('container_environment') ? [...text.matchAll(S6_WRITE)].map((m) => m[1] as string) : [];
// Not a wrapper any code calls: the fact that an image's script sets the variable, found in pass 1 across the scripts.
const s6Fact = (variable: string): Wrapper => ({ name: s6Name(variable), keyParam: 0, fallback: { kind: 'default' }, wraps: 's6-overlay' });

/**
 * Shell: what a container runs as it starts. The commands of a folder's Dockerfile (shell-form CMD, ENTRYPOINT,
 * HEALTHCHECK, and `sh -c` in the exec form) and the scripts they start (`ENTRYPOINT ["/docker-entrypoint.sh"]`),
 * read with the container's environment, the variables an s6-overlay script sets in the container environment as set.
 * Other scripts of a tree (a build's, a deploy's) run elsewhere, with another environment: they are not read. A
 * Dockerfile's RUN runs with the build's.
 */
export const shell: LanguageModule<'shell'> = {
  id: 'shell',
  // Endings: `Dockerfile` and `Containerfile` end the names of the files a folder's image is built from (dockerfile-env).
  extensions: ['.sh', '.bash', '.envsh', 'Dockerfile', 'Containerfile'],
  grammar: (_extension: string) => SHELL_GRAMMAR,
  code(text, file, tree) {
    if (isDockerfile(file)) return tree === undefined || tree.image(file) ? runtimeShell(text) : undefined;
    return tree === undefined || tree.started(file) ? text : undefined;
  },
  wrappers: (tree) => s6Variables(tree.rootNode.text).map(s6Fact),
  reads: (tree, wrappers) =>
    shellReads(tree.rootNode).map((r) => (wrappers.has(s6Name(r.name)) ? { ...r, fallback: { kind: 'default' } } : r)),
};
