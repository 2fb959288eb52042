import { treeConstantsIn } from '../file-constants';
import type { Node } from 'web-tree-sitter';
import type { FoundRead, LanguageModule } from '../language';
import { flowAround, guardedRead } from '../read-flow';
import { chainedIn } from '../wrapper-chains';
import { NONE, plausible, readsIn, wrappersIn, type ReadGrammar, type ReadSite, type SiteFallback } from '../read-sites';
import { operatorOf, outermost, parameterDefault, plainString } from '../syntax';
import { pythonFlow } from './python-flow';
import { caught, sameKey, type OsNames } from './python-guards';
import { envLibraryReaders, envLibraryReads, isLibraryReader } from './python-env-libraries';
import { settingsFields } from './python-settings';
import { djangoSettingsScopes } from './python-django-settings';
import { withPresenceGuards } from './python-presence-guards';
import { flaskConfigReads, flaskFacts, isFlaskFact } from './python-flask';
import { cliOptionReads } from './python-cli-options';

const LITERALS = new Set(['integer', 'float', 'true', 'false', 'none']);
// Methods of os.environ that read a key: `get` and `setdefault` take a default as their second argument, `pop` too.
const ENVIRON_METHODS = new Set(['get', 'setdefault', 'pop']);

const key = (node: Node): string | undefined => plainString(node, ['string']);

/** Positional arguments of a call, and its keyword arguments' values (`key=`, `default=`). */
function argumentsOf(call: Node): { positional: Node[]; keyword: ReadonlyMap<string, Node> } {
  const positional: Node[] = [];
  const keyword = new Map<string, Node>();
  for (const arg of call.childForFieldName('arguments')?.namedChildren ?? []) {
    if (arg === null || arg.type === 'comment') continue;
    const [name, value] = [arg.childForFieldName('name'), arg.childForFieldName('value')];
    if (arg.type === 'keyword_argument' && name && value) keyword.set(name.text, value);
    else if (arg.type !== 'keyword_argument') positional.push(arg);
  }
  return { positional, keyword };
}

const isOr = (node: Node | null): node is Node => node?.type === 'boolean_operator' && operatorOf(node) === 'or';

/** `or 'd'` after a read; in `A or B or 'd'`, B (the right of an `or` that is itself a left) falls back as that `or` does. */
function around(expression: Node): SiteFallback | undefined {
  const read = outermost(expression, ['parenthesized_expression']);
  const parent = read.parent;
  if (!isOr(parent)) return undefined;
  if (parent.childForFieldName('right')?.id === read.id) return around(parent);
  const right = parent.childForFieldName('left')?.id === read.id ? parent.childForFieldName('right') : null;
  return right ? { kind: 'default', node: right } : undefined;
}

/** `os.environ.get('A', os.environ.get('B'))`: B, the default of another read, falls back as that read does. */
function outerRead(call: Node, os: OsNames): Node | undefined {
  const list = outermost(call, ['parenthesized_expression']).parent;
  const outer = list?.type === 'argument_list' ? list.parent : null;
  const fn = outer?.type === 'call' ? outer.childForFieldName('function') : null;
  const reads =
    fn?.type === 'attribute' && ENVIRON_METHODS.has(fn.childForFieldName('attribute')?.text ?? '') ? fn.childForFieldName('object') : fn;
  const named = reads?.type === 'attribute' ? reads.childForFieldName('attribute')?.text : reads?.text;
  const isRead = named !== undefined && (READERS.has(named) || os.imported.has(named));
  return outer && isRead && argumentsOf(outer).positional[1]?.id === outermost(call, ['parenthesized_expression']).id ? outer : undefined;
}

/** A read's fallback when a branch taken only with its key set encloses it (`… if 'X' in os.environ else 5`). */
function guarded(read: Node, key: Node, os: OsNames): SiteFallback | undefined {
  const name = plainString(key, ['string']);
  return name === undefined ? undefined : guardedRead(read, pythonFlow, sameKey(name, os));
}

/** A call of `os.getenv` or `os.environ.get`: its key and the default it passes, or the `or` after it, or a guard around it. */
function callSite(call: Node, via: string, os: OsNames): ReadSite[] {
  const { positional, keyword } = argumentsOf(call);
  // `os.getenv(key='X', default='d')` names both (os.environ.get takes no keywords: never found there).
  const [key, passed] = [positional[0] ?? keyword.get('key'), positional[1] ?? keyword.get('default')];
  if (key === undefined) return [];
  // `get('X', None)` is `get('X')`: nothing when unset.
  const given = passed?.type === 'none' ? undefined : passed;
  const outer = given ? undefined : outerRead(call, os);
  const fallback = given
    ? { kind: 'default' as const, node: given }
    : outer
      ? (around(outer) ?? flowAround(outer, pythonFlow))
      : (around(call) ?? guarded(call, key, os) ?? flowAround(call, pythonFlow));
  return [{ key, via, fallback }];
}

/** The read made where `os.environ` or `os.getenv` (or a name imported from os) is used. */
function siteOf(ref: Node, name: string, os: OsNames): ReadSite[] {
  const parent = ref.parent;
  const via = ref.type === 'attribute' ? `os.${name}` : name;
  if (name === 'getenv')
    return parent?.type === 'call' && parent.childForFieldName('function')?.id === ref.id ? callSite(parent, via, os) : [];
  if (parent?.type === 'subscript' && parent.childForFieldName('value')?.id === ref.id) {
    const key = parent.childForFieldName('subscript');
    // A subscript raises when unset: only a guard around it, or an except that catches the KeyError, gives it a default.
    return key ? [{ key, via, fallback: guarded(parent, key, os) ?? caught(parent, pythonFlow) ?? NONE }] : [];
  }
  const method = parent?.type === 'attribute' ? parent.childForFieldName('attribute')?.text : undefined;
  if (parent?.type === 'attribute' && method && ENVIRON_METHODS.has(method) && parent.parent?.type === 'call')
    return callSite(parent.parent, `${via}.${method}`, os);
  if (parent?.type === 'comparison_operator' && parent.namedChildren.at(-1)?.id === ref.id && /\bin$/.test(operatorOf(parent) ?? '')) {
    const key = parent.namedChildren[0];
    return key ? [{ key, via: `in ${via}`, fallback: { kind: 'default' } }] : [];
  }
  return name === 'environ' && takenWhole(ref) ? [{ key: ref, via, fallback: NONE, whole: true }] : [];
}

// Methods of os.environ that change it, reading nothing.
const ENVIRON_WRITES = new Set(['update', 'clear', 'putenv', 'unsetenv']);

/**
 * Whether a use of os.environ, none of the reads above, takes all of it: `dict(os.environ)`, `os.environ.copy()`,
 * `**os.environ`, `for k in os.environ`, `env=os.environ`. Not `env = os.environ`, a name for it whose reads are
 * followed (osNames), nor `os.environ.update(…)`.
 */
function takenWhole(ref: Node): boolean {
  const parent = ref.parent;
  const is = (field: string): boolean => parent?.childForFieldName(field)?.id === ref.id;
  switch (parent?.type) {
    case 'attribute': {
      const method = parent.childForFieldName('attribute')?.text ?? '';
      return is('object') && parent.parent?.type === 'call' && !ENVIRON_WRITES.has(method);
    }
    case 'assignment':
      return is('right') && parent.childForFieldName('left')?.type !== 'identifier';
    case 'keyword_argument':
    case 'pair':
      return is('value');
    case 'for_statement':
    case 'for_in_clause':
      return is('right');
    case 'argument_list':
    case 'dictionary_splat':
    case 'list_splat':
    case 'return_statement':
      return true;
    default:
      return false;
  }
}
const READERS = new Set(['environ', 'getenv']);

/** The names a file gives `os` (`import os as o`) and the readers it imports from it, by local name (`from os import environ as env`). */
function osNames(root: Node): OsNames {
  const modules = new Set(['os']);
  const imported = new Map<string, string>();
  for (const statement of root.descendantsOfType(['import_statement', 'import_from_statement'])) {
    const fromOs = statement?.type === 'import_from_statement' && statement.childForFieldName('module_name')?.text === 'os';
    for (const n of statement?.childrenForFieldName('name') ?? []) {
      const aliased = n.type === 'aliased_import';
      const [name, local] = aliased ? [n.childForFieldName('name')?.text, n.childForFieldName('alias')?.text] : [n.text, n.text];
      if (!name || !local) continue;
      if (statement?.type === 'import_statement' && name === 'os') modules.add(local);
      if (fromOs && READERS.has(name)) imported.set(local, name);
    }
  }
  // `env = os.environ`: the same mapping under another name (`os.environ.copy()` is a snapshot, not the environment's reads).
  for (const assignment of root.descendantsOfType('assignment')) {
    const [left, right] = [assignment?.childForFieldName('left'), assignment?.childForFieldName('right')];
    const environ =
      right?.type === 'attribute'
        ? right.childForFieldName('attribute')?.text === 'environ' && modules.has(right.childForFieldName('object')?.text ?? '')
        : right?.type === 'identifier' && imported.get(right.text) === 'environ';
    if (left?.type === 'identifier' && environ) imported.set(left.text, 'environ');
  }
  return { modules, imported };
}

function sites(root: Node): ReadSite[] {
  const os = osNames(root.tree.rootNode);
  const { modules, imported } = os;
  return root.descendantsOfType('identifier').flatMap((id) => {
    if (!id) return [];
    const parent = id.parent;
    if (parent?.type === 'attribute' && parent.childForFieldName('attribute')?.id === id.id) {
      const object = parent.childForFieldName('object')?.text ?? '';
      return READERS.has(id.text) && modules.has(object) ? siteOf(parent, id.text, os) : [];
    }
    const name = imported.get(id.text);
    return name ? siteOf(id, name, os) : [];
  });
}

function parameterName(param: Node | null): string {
  if (param?.type === 'identifier') return param.text;
  const name = param?.childForFieldName('name') ?? param?.namedChildren[0];
  return name?.type === 'identifier' ? name.text : '';
}

/** The reads with the presence guards around them; the names the file gives `os` are looked for only where there are reads. */
const withGuards = (reads: FoundRead[], root: Node): FoundRead[] => (reads.length ? withPresenceGuards(reads, osNames(root)) : reads);

/** How Python spells reads, fallbacks, functions and calls. */
export const pythonGrammar: ReadGrammar = {
  sites,
  mayRead: (text) => /environ|getenv/.test(text),
  functionTypes: ['function_definition'],
  functionOf: (fn) => {
    const [name, body] = [fn.childForFieldName('name'), fn.childForFieldName('body')];
    const list = (fn.childForFieldName('parameters')?.namedChildren ?? []).filter((p) => p?.type !== 'comment');
    // A method's `self` or `cls` is not an argument of `self.env('X')`.
    if (['self', 'cls'].includes(parameterName(list[0] ?? null))) list.shift();
    // `default=None` leaves a call that omits it without a default, as `get('X', None)` does.
    const defaults = list.map((p) => parameterDefault(p ?? null));
    return name && body ? { name: name.text, params: list.map(parameterName), defaults, body } : undefined;
  },
  // By a bare name, on `self` or `cls`, or through the module that defines it (`config.get_int`, `h.env_str` for
  // `import settings_helpers as h`): wrappers are known by name across the files, as bare calls already are.
  calls: (root, wanted) =>
    root.descendantsOfType('call').flatMap((call) => {
      const fn = call?.childForFieldName('function');
      const object = fn?.type === 'attribute' ? fn.childForFieldName('object')?.text : undefined;
      const name = fn?.type === 'identifier' ? fn.text : object !== undefined ? fn?.childForFieldName('attribute')?.text : undefined;
      if (!call || !name || !wanted(name)) return [];
      const own = object === undefined || object === 'self' || object === 'cls' || plausible(call, name);
      const { positional, keyword } = argumentsOf(call);
      return own ? [{ name, args: positional, keywords: keyword, node: call }] : [];
    }),
  key,
  isLiteral: (node) => LITERALS.has(node.type) || key(node) !== undefined || /^[rbuRBU]?(''|"")$/.test(node.text),
  reference: (node) => (node.type === 'identifier' ? node.text : undefined),
  around,
  fails: (body) =>
    body.descendantsOfType('raise_statement').length > 0 ||
    body.descendantsOfType('call').some((c) => /^(sys\.)?exit$/.test(c?.childForFieldName('function')?.text ?? '')),
};

/** Python: `os.getenv`, `os.environ[...]`, `.get`, `in os.environ`, `or 'd'`, wrappers and their wrappers, pydantic settings fields, django-environ, environs, python-decouple, Flask's `from_prefixed_env` and click's and typer's `envvar=`. */
export const python: LanguageModule<'python'> = {
  id: 'python',
  extensions: ['.py'],
  grammar: (_extension: string) => 'tree-sitter-python/tree-sitter-python.wasm',
  wrappers: (tree) => [...wrappersIn(pythonGrammar, tree.rootNode), ...envLibraryReaders(tree.rootNode), ...flaskFacts(tree.rootNode)],
  // A library's reader is read through its own calls (`env.bool('X')`), not as a key parameter passed on; Flask's facts are no calls.
  chained: (tree, known) =>
    chainedIn(pythonGrammar, tree.rootNode, new Map([...known].filter(([, w]) => !isLibraryReader(w) && !isFlaskFact(w)))),
  constants: (tree) => treeConstantsIn(pythonGrammar, tree.rootNode),
  scopes: djangoSettingsScopes,
  reads: (tree, wrappers, _declared, constants) =>
    withGuards(
      [
        ...readsIn(
          pythonGrammar,
          tree.rootNode,
          new Map([...wrappers].filter(([, w]) => !isLibraryReader(w) && !isFlaskFact(w))),
          undefined,
          constants,
        ),
        ...settingsFields(tree.rootNode),
        ...envLibraryReads(tree.rootNode, wrappers),
        ...flaskConfigReads(tree.rootNode, wrappers),
        ...cliOptionReads(tree.rootNode),
      ],
      tree.rootNode,
    ),
};
