import type { Node } from 'web-tree-sitter';
import type { ReadFallback } from '../../../core/code/code-read';
import type { FoundRead, Wrapper } from '../language';
import { plainString } from '../syntax';

/** How one library's reader is called: the keyword naming the key, where a positional default sits, the casts it has. */
interface EnvLibrary {
  readonly name: string;
  /** The modules whose classes make a reader (`environ.Env()`), or whose function is one (`from decouple import config`). */
  readonly modules: readonly string[];
  readonly classes: readonly string[];
  readonly functions: readonly string[];
  readonly keyKeyword: string;
  /** The index of the positional default of a call of the reader itself, and of each cast method. */
  readonly callDefault: number;
  readonly methods: ReadonlyMap<string, Cast>;
  /**
   * A reader of one variable (the URL parsers' `config()`): the one a call that names none reads, or names the module's
   * `DEFAULT_ENV`, and what a call gives without a default (`default=None` is none).
   */
  readonly variable?: { readonly name: string; readonly otherwise: ReadFallback };
}

type Cast = { readonly defaultAt: number; readonly key?: string };
const castsAt = (defaultAt: number, names: string[], key?: (name: string) => string | undefined): [string, Cast][] =>
  names.map((name) => [name, { defaultAt, key: key?.(name) }]);

// django-environ: `Env.__call__(var, cast, default)`, `list(var, cast, default)`; `db()` reads DATABASE_URL unless told.
const URL_VARS: Readonly<Record<string, string>> = {
  db_url: 'DATABASE_URL',
  db: 'DATABASE_URL',
  cache_url: 'CACHE_URL',
  cache: 'CACHE_URL',
  email_url: 'EMAIL_URL',
  email: 'EMAIL_URL',
  search_url: 'SEARCH_URL',
};
const DJANGO_ENVIRON: EnvLibrary = {
  name: 'django-environ',
  modules: ['environ'],
  classes: ['Env', 'FileAwareEnv'],
  functions: [],
  keyKeyword: 'var',
  callDefault: 2,
  methods: new Map([
    ...castsAt(1, ['str', 'bool', 'int', 'float', 'json', 'url', 'path', ...Object.keys(URL_VARS)], (m) => URL_VARS[m]),
    ...castsAt(2, ['list', 'tuple', 'dict', 'get_value']),
  ]),
};
const ENVIRONS: EnvLibrary = {
  name: 'environs',
  modules: ['environs'],
  classes: ['Env'],
  functions: [],
  keyKeyword: 'name',
  callDefault: 1,
  methods: new Map(
    castsAt(
      1,
      'str int bool float decimal list dict json datetime date time timedelta path log_level uuid url enum dj_db_url dj_email_url dj_cache_url'.split(
        ' ',
      ),
    ),
  ),
};
const DECOUPLE: EnvLibrary = {
  name: 'python-decouple',
  modules: ['decouple'],
  classes: ['AutoConfig'],
  functions: ['config'],
  keyKeyword: 'option',
  callDefault: 1,
  methods: new Map(),
};
// The URL parsers' `config(env=DEFAULT_ENV, default=…)`: dj-database-url's (no URL: no database), django-cache-url's
// (`default='locmem://'`) and dj-email-url's, called on the module (`dj_database_url.config(conn_max_age=600)`) or imported.
const urlParser = (name: string, module: string, variable: string, otherwise: ReadFallback = { kind: 'none' }): EnvLibrary => ({
  name,
  modules: [module],
  classes: [],
  functions: ['config'],
  keyKeyword: 'env',
  callDefault: 1,
  methods: new Map(),
  variable: { name: variable, otherwise },
});
const URL_PARSERS = [
  urlParser('dj-database-url', 'dj_database_url', 'DATABASE_URL'),
  urlParser('django-cache-url', 'django_cache_url', 'CACHE_URL', { kind: 'default', value: "'locmem://'" }),
  urlParser('dj-email-url', 'dj_email_url', 'EMAIL_URL'),
];
const LIBRARIES = [DJANGO_ENVIRON, ENVIRONS, DECOUPLE, ...URL_PARSERS];
const byName = new Map(LIBRARIES.map((l) => [l.name, l]));
// Whether a file's text names a library's module: one that does not imports nothing of them, and its imports are not walked.
const MODULE_NAMED = new RegExp(`\\b(?:${LIBRARIES.flatMap((l) => l.modules).join('|')})\\b`);

const key = (node: Node | undefined): string | undefined => (node ? plainString(node, ['string']) : undefined);
const LITERALS = new Set(['string', 'integer', 'float', 'true', 'false', 'none']);
const defaultOf = (node: Node): ReadFallback =>
  LITERALS.has(node.type) && !node.descendantsOfType('interpolation').length ? { kind: 'default', value: node.text } : { kind: 'default' };

function argumentsOf(call: Node): { positional: Node[]; keyword: Map<string, Node> } {
  const positional: Node[] = [];
  const keyword = new Map<string, Node>();
  for (const arg of call.childForFieldName('arguments')?.namedChildren ?? []) {
    const [name, value] = [arg?.childForFieldName('name'), arg?.childForFieldName('value')];
    if (arg?.type === 'keyword_argument' && name && value) keyword.set(name.text, value);
    else if (arg && arg.type !== 'comment' && arg.type !== 'keyword_argument') positional.push(arg);
  }
  return { positional, keyword };
}

/** Local names of what a file imports from the libraries' modules (`from environ import Env as E`), and of the modules. */
function imports(root: Node): {
  names: Map<string, { library: EnvLibrary; imported: string }>;
  modules: Map<string, EnvLibrary>;
  all: Set<string>;
} {
  const names = new Map<string, { library: EnvLibrary; imported: string }>();
  const modules = new Map<string, EnvLibrary>();
  const all = new Set<string>();
  for (const statement of root.descendantsOfType(['import_statement', 'import_from_statement'])) {
    const from = statement?.type === 'import_from_statement' ? statement.childForFieldName('module_name')?.text : undefined;
    const library = LIBRARIES.find((l) => from !== undefined && l.modules.includes(from));
    for (const n of statement?.childrenForFieldName('name') ?? []) {
      const aliased = n.type === 'aliased_import';
      const [name, local] = aliased ? [n.childForFieldName('name')?.text, n.childForFieldName('alias')?.text] : [n.text, n.text];
      if (!name || !local) continue;
      all.add(local);
      if (library) names.set(local, { library, imported: name });
      const module = LIBRARIES.find((l) => statement?.type === 'import_statement' && l.modules.includes(name));
      if (module) modules.set(local, module);
    }
  }
  return { names, modules, all };
}

/** The library whose class a call makes (`environ.Env(...)`, `Env(...)` imported from environ), or undefined. */
function madeBy(call: Node, imported: ReturnType<typeof imports>): EnvLibrary | undefined {
  const fn = call.childForFieldName('function');
  if (fn?.type === 'identifier') {
    const found = imported.names.get(fn.text);
    return found && found.library.classes.includes(found.imported) ? found.library : undefined;
  }
  const module = fn?.type === 'attribute' ? imported.modules.get(fn.childForFieldName('object')?.text ?? '') : undefined;
  return module?.classes.includes(fn?.childForFieldName('attribute')?.text ?? '') ? module : undefined;
}

/** `Env(DEBUG=(bool, False))`: the default a scheme entry gives its key, when it has one. */
function schemeOf(call: Node): Map<string, ReadFallback> {
  const scheme = new Map<string, ReadFallback>();
  for (const [name, value] of argumentsOf(call).keyword) {
    const parts = value.type === 'tuple' ? value.namedChildren.filter((n): n is Node => n !== null) : [];
    if (parts.length === 2 && parts[1]) scheme.set(name, defaultOf(parts[1]));
  }
  return scheme;
}

/** Pass 1: the readers a module makes at its top level (`env = environ.Env(DEBUG=(bool, False))`), by the name it binds them to, with the scheme's defaults. */
export function envLibraryReaders(root: Node): Wrapper[] {
  if (!MODULE_NAMED.test(root.text)) return [];
  const imported = imports(root);
  return imported.names.size === 0 && imported.modules.size === 0 ? [] : readersMade(root, imported);
}

/** The readers a module makes at its top level, given what it imports. */
function readersMade(root: Node, imported: ReturnType<typeof imports>): Wrapper[] {
  return root.namedChildren.flatMap((statement) => {
    const assignment = statement?.type === 'expression_statement' ? statement.namedChildren[0] : undefined;
    const [left, right] = [assignment?.childForFieldName('left'), assignment?.childForFieldName('right')];
    const library =
      assignment?.type === 'assignment' && left?.type === 'identifier' && right?.type === 'call' ? madeBy(right, imported) : undefined;
    if (!library || !left || !right) return [];
    return [{ name: left.text, keyParam: 0, fallback: { kind: 'none' }, wraps: library.name, keyDefaults: schemeOf(right) }];
  });
}

/** Whether a wrapper of pass 1 is a library's reader rather than a function of the code's. */
export const isLibraryReader = (w: Wrapper): boolean => byName.has(w.wraps);

/** One call of a reader (`env('X', default=…)`, `env.bool('X')`, `config('X', cast=bool)`): the read it makes. */
function readOf(
  call: Node,
  name: string,
  method: string | undefined,
  library: EnvLibrary,
  scheme: ReadonlyMap<string, ReadFallback>,
  imported: ReturnType<typeof imports>,
): FoundRead | undefined {
  const cast = method === undefined ? undefined : library.methods.get(method);
  if (method !== undefined && cast === undefined) return undefined;
  const { positional, keyword } = argumentsOf(call);
  const keyNode = positional[0] ?? keyword.get(library.keyKeyword);
  const variable =
    library.variable && (keyNode === undefined || namesDefaultEnv(keyNode, library, imported)) ? library.variable : undefined;
  const name_ = variable?.name ?? (keyNode ? key(keyNode) : cast?.key);
  if (name_ === undefined || (keyNode !== undefined && !variable && key(keyNode) === undefined)) return undefined;
  const written = keyword.get('default') ?? positional[cast?.defaultAt ?? library.callDefault];
  // A URL parser's `default=None` is no default: it gives what the parser gives without one.
  const given = library.variable && written?.type === 'none' ? undefined : written;
  const fallback = given ? defaultOf(given) : (library.variable?.otherwise ?? scheme.get(name_) ?? { kind: 'none' });
  const via = `${method === undefined ? name : `${name}.${method}`} (${library.name})`;
  return { name: name_, at: keyNode ?? call, via, fallback };
}

/** `dj_database_url.DEFAULT_ENV`, or `DEFAULT_ENV` imported from the module: the variable the library reads by default. */
function namesDefaultEnv(node: Node, library: EnvLibrary, imported: ReturnType<typeof imports>): boolean {
  if (node.type === 'identifier') return node.text === 'DEFAULT_ENV' && imported.names.get(node.text)?.library === library;
  const object = node.type === 'attribute' ? node.childForFieldName('object') : null;
  return node.childForFieldName('attribute')?.text === 'DEFAULT_ENV' && imported.modules.get(object?.text ?? '') === library;
}

/**
 * Reads through django-environ, environs, python-decouple and the URL parsers (dj-database-url's `config()`): calls of a
 * reader this module makes or imports by name from the module that makes it, and a library's function imported from
 * it (decouple's `config`) or called on its module (`dj_database_url.config(…)`).
 */
export function envLibraryReads(root: Node, readers: ReadonlyMap<string, Wrapper>): FoundRead[] {
  // Every read goes through a library's module the file imports, or a reader it imports by its name from another module.
  const text = root.text;
  if (!MODULE_NAMED.test(text) && ![...readers].some(([name, w]) => byName.has(w.wraps) && text.includes(name))) return [];
  const imported = imports(root);
  const own = new Map(readersMade(root, imported).map((r) => [r.name, r]));
  const visible = new Map<string, { library: EnvLibrary; scheme: ReadonlyMap<string, ReadFallback> }>();
  for (const [name, w] of readers) {
    const library = byName.get(w.wraps);
    if (library && imported.all.has(name) && !imported.names.has(name)) visible.set(name, { library, scheme: w.keyDefaults ?? new Map() });
  }
  for (const [name, r] of own) visible.set(name, { library: byName.get(r.wraps) as EnvLibrary, scheme: r.keyDefaults ?? new Map() });
  for (const [local, { library, imported: name }] of imported.names)
    if (library.functions.includes(name)) visible.set(local, { library, scheme: new Map() });
  const modules = new Map([...imported.modules].filter(([, library]) => library.functions.length > 0));
  if (visible.size === 0 && modules.size === 0) return [];
  return root.descendantsOfType('call').flatMap((call) => {
    const fn = call?.childForFieldName('function');
    const object = fn?.type === 'attribute' ? fn.childForFieldName('object') : undefined;
    const name = fn?.type === 'identifier' ? fn.text : object?.type === 'identifier' ? object.text : undefined;
    if (!call || name === undefined) return [];
    const method = object ? fn?.childForFieldName('attribute')?.text : undefined;
    const module = object ? modules.get(name) : undefined;
    if (module && method !== undefined && module.functions.includes(method))
      return readOf(call, `${name}.${method}`, undefined, module, new Map(), imported) ?? [];
    const reader = visible.get(name);
    return reader ? (readOf(call, name, method, reader.library, reader.scheme, imported) ?? []) : [];
  });
}
