import type { Node } from 'web-tree-sitter';
import type { ReadFallback } from '../../core/code/code-read';
import type { FoundRead, PropertyFramework, TreeConstants, Wrapper } from './language';
import { affixOf, literalStart, type AffixedParam } from './key-affix';
import { constantsOf } from './file-constants';
import { isNull, operatorOf, parameterDefault } from './syntax';

/** What a read falls back to: the default's node when there is one (a literal gives the value, a parameter a wrapper's `param`), or its text alone when no node holds it (Spring's `${a.b:d}`). */
export type SiteFallback = { readonly kind: 'none' } | { readonly kind: 'default'; readonly node?: Node; readonly value?: string };

export const NONE: SiteFallback = { kind: 'none' };

/** The argument a call passes for a parameter: at its position, else by its name. */
export const argumentAt = (call: CallSite, index: number, name?: string): Node | undefined =>
  call.args[index] ?? (name === undefined ? undefined : call.keywords?.get(name));

/** A direct read: the key's argument (a literal, a parameter or any expression), how it reads, what it falls back to. */
export interface ReadSite {
  readonly key: Node;
  readonly via: string;
  readonly fallback: SiteFallback;
  /** The key when it is not the literal's text: Spring's `${a.b:d}` names `a.b`; `GetConnectionString("X")` names `ConnectionStrings:X`. */
  readonly name?: string | ((text: string) => string);
  /** Read through a framework's properties (see FoundRead.property). */
  readonly property?: PropertyFramework;
  /** The code declares the setting secret (see FoundRead.secret). */
  readonly secret?: true;
  /** `key` is the environment itself, taken whole (`dict(os.environ)`, `{ ...process.env }`): see FoundRead.open. */
  readonly whole?: true;
}

/** A named function: its parameters' names in order, the defaults its signature gives them, and its body. */
export interface FunctionSite {
  readonly name: string;
  readonly params: readonly string[];
  /** `def env(key, fallback='x')`: the default written for a parameter, by its index. */
  readonly defaults?: readonly (Node | undefined)[];
  readonly body: Node;
}

/** A call of a wrapper: its positional arguments and the call itself (a fallback written around it applies). */
export interface CallSite {
  readonly name: string;
  readonly args: readonly Node[];
  /** Arguments passed by the parameter's name (Python's `get_env("X", default="d")`), by that name. */
  readonly keywords?: ReadonlyMap<string, Node>;
  readonly node: Node;
  /** The key the call reads when it is not its argument's text: C#'s `identitySection.GetRequiredValue("Url")` reads `Identity:Url`. */
  readonly named?: (text: string) => string;
}

/** What one language tells the read finder about its syntax; the wrapper and read passes below are shared. */
export interface ReadGrammar {
  /** Direct reads under a node, each with the fallback written in or around it. */
  sites(root: Node): ReadSite[];
  /** Whether a file's text can hold a direct read (`ENV`, `getenv`): a file without one is not walked for them. Absent: every file is. */
  mayRead?(text: string): boolean;
  /** Node types that define a named function (a read with a parameter for key inside one makes it a wrapper). */
  readonly functionTypes: readonly string[];
  /** Where a definition is no node type of its own (Elixir's `def` is a call): whether a node of `functionTypes` defines one. */
  isFunction?(node: Node): boolean;
  /** A function definition's name, parameters and body. */
  functionOf(node: Node): FunctionSite | undefined;
  /** The calls under a node of a function whose name `wanted` accepts (arguments are only looked at for those). */
  calls(root: Node, wanted: (name: string) => boolean): CallSite[];
  /** A key's text when the node is a plain string literal. */
  key(node: Node): string | undefined;
  /** Whether a default is a literal (string, number, boolean) whose text is the default's value. */
  isLiteral(node: Node): boolean;
  /** The parameter a node names (`key`, `&key`, `key.c_str()`), or undefined. */
  reference(node: Node): string | undefined;
  /** The fallback written around a wrapper's call (`?? 'd'`, `or 'd'`), if any. */
  around?(expression: Node): SiteFallback | undefined;
  /** Whether a function body throws, raises or exits (then an empty read through it fails: no default). */
  fails?(body: Node): boolean;
}

/** Whether a node defines a function, as the grammar says (see ReadGrammar.isFunction). */
export const definesFunction = (grammar: ReadGrammar, node: Node): boolean =>
  grammar.functionTypes.includes(node.type) && (grammar.isFunction?.(node) ?? true);

/** A function whose grammar names its `name`, `parameters` and `body`, and each parameter's `name` (C#, Java, PHP). */
export function fieldFunction(fn: Node): FunctionSite | undefined {
  const [name, body] = [fn.childForFieldName('name')?.text, fn.childForFieldName('body')];
  const list = (fn.childForFieldName('parameters')?.namedChildren ?? []).filter((p) => p !== null && !p.type.includes('comment'));
  const params = list.map((p) => p?.childForFieldName('name')?.text ?? '');
  return name && body ? { name, params, defaults: list.map(parameterDefault), body } : undefined;
}

/** The parameter of its function a key names (with text joined to it): the function, where it is, and the parameter's index. */
function keyParameter(grammar: ReadGrammar, key: Node): { affix: AffixedParam; at: Node; fn: FunctionSite; keyParam: number } | undefined {
  const affix = affixOf(grammar, key);
  let at = key.parent;
  while (affix !== undefined && at !== null && !definesFunction(grammar, at)) at = at.parent;
  const fn = at === null || affix === undefined ? undefined : grammar.functionOf(at);
  const keyParam = fn ? fn.params.indexOf(affix?.param ?? '') : -1;
  return fn && at && affix && keyParam >= 0 ? { affix, at, fn, keyParam } : undefined;
}

/** What a key argument names: a key, or a parameter of the function it is in (see readsIn); neither, a name made as the code runs. */
type KeyArgument = { key?: string; param?: true };

/** A read of a name the scan cannot list, at `key`: see FoundRead.open. */
const openRead = (key: Node, via: string, prefix: string, whole?: true): FoundRead & { at: Node } => ({
  name: prefix,
  at: key,
  via,
  fallback: NONE,
  open: whole ? { whole } : {},
});

/** The fallback a site gives: a literal's text, or a default without one. */
export function valueOf(grammar: ReadGrammar, fallback: SiteFallback): ReadFallback {
  if (fallback.kind === 'none') return fallback;
  const value = fallback.node === undefined ? fallback.value : grammar.isLiteral(fallback.node) ? fallback.node.text : undefined;
  return value === undefined ? { kind: 'default' } : { kind: 'default', value };
}

// Whether the body reads a parameter: one it only assigns through (`*target = value`) is where the value goes, not a default.
export function readsParam(body: Node, param: string): boolean {
  return body.descendantsOfType(['identifier', 'variable_name', 'name']).some((id) => {
    if (id?.text !== param) return false;
    for (let at: Node = id; at.parent && at.id !== body.id; at = at.parent)
      if (/assignment/.test(at.parent.type) && at.parent.childForFieldName('left')?.id === at.id) return false;
    return true;
  });
}

/** A default taken from the parameter at `index` of `fn`, by position or name; a call that leaves it out gets the signature's own default. */
export function paramFallback(grammar: ReadGrammar, fn: FunctionSite, index: number): Wrapper['fallback'] {
  const [own, defaultName] = [fn.defaults?.[index], fn.params[index]];
  return {
    kind: 'param',
    defaultParam: index,
    ...(defaultName && { defaultName }),
    ...(own && { omitted: valueOf(grammar, { kind: 'default', node: own }) }),
  };
}

function wrapperOf(grammar: ReadGrammar, fn: FunctionSite, site: ReadSite, keyParam: number): Wrapper {
  const keyName = fn.params[keyParam];
  const base = { name: fn.name, keyParam, ...(keyName && { keyName }), wraps: site.via, ...(site.property && { property: site.property }) };
  const asParam = (defaultParam: number): Wrapper['fallback'] => paramFallback(grammar, fn, defaultParam);
  if (site.fallback.kind === 'default') {
    const defaultParam = site.fallback.node ? fn.params.indexOf(grammar.reference(site.fallback.node) ?? '') : -1;
    return { ...base, fallback: defaultParam >= 0 ? asParam(defaultParam) : valueOf(grammar, site.fallback) };
  }
  if (grammar.fails?.(fn.body)) return { ...base, fallback: NONE };
  // `v = read(key); if (empty(v)) return fallback;` where the site's analysis saw no default: another parameter the body reads is it.
  const defaultParam = fn.params.findIndex((param, i) => i !== keyParam && readsParam(fn.body, param));
  return { ...base, fallback: defaultParam >= 0 ? asParam(defaultParam) : NONE };
}

const ASSIGNMENTS = new Set(['assignment', 'assignment_expression']);
// What holds a key literal in the expression it names, up to the assignment: `os.environ['X']`, `process.env.X`, `config["A:B"]`.
const ACCESS = new Set([
  'subscript',
  'subscript_expression',
  'element_reference',
  'element_access_expression',
  'member_expression',
  'argument',
  'bracketed_argument_list',
]);

/**
 * Whether a direct site is a value the code sets, not one it reads: `ENV['X'] = v`, `os.environ['X'] = v`,
 * `process.env.X = v`, `$_ENV['X'] = v`, `config["X"] = v` (a plain `=`: `||=` and `??=` read first).
 */
export function written(site: ReadSite): boolean {
  let at = site.key;
  while (at.parent && ACCESS.has(at.parent.type)) at = at.parent;
  const holder = at.parent;
  return holder !== null && ASSIGNMENTS.has(holder.type) && holder.childForFieldName('left')?.id === at.id && operatorOf(holder) === '=';
}

/**
 * Pass 1: the functions of a file whose parameter flows into a direct read (the first such read decides; wrappers of these are
 * `chainedIn`). Reads of the parameter with text added (`getenv($env . '_FILE')`) are keys each call reads too (Wrapper.also),
 * or, in a function that reads none of it as it is, the first of them is its key.
 */
export function wrappersIn(grammar: ReadGrammar, root: Node): Wrapper[] {
  const found = new Map<number, { plain?: Wrapper; affixed: Wrapper[] }>();
  if (grammar.mayRead && !grammar.mayRead(root.text)) return [];
  for (const site of grammar.sites(root)) {
    if (written(site) || site.whole) continue;
    const param = site.name === undefined ? keyParameter(grammar, site.key) : undefined;
    if (!param) continue;
    const { affix, at, fn, keyParam } = param;
    const entry = found.get(at.id) ?? { affixed: [] };
    const plain = affix.prefix === '' && affix.suffix === '';
    if (plain && !entry.plain) entry.plain = wrapperOf(grammar, fn, site, keyParam);
    if (!plain) entry.affixed.push({ ...wrapperOf(grammar, fn, site, keyParam), affix: { prefix: affix.prefix, suffix: affix.suffix } });
    found.set(at.id, entry);
  }
  return [...found.values()].flatMap(({ plain, affixed: written }) => {
    // `if path := os.getenv(s + '_FILE'): … return os.getenv(s, d)`: unset, the key with text added falls back to the key as it is.
    const affixed = plain
      ? written.map((w) => (w.fallback.kind === 'none' ? { ...w, fallback: { kind: 'default' as const } } : w))
      : written;
    const [main, ...rest] = plain ? [plain, ...affixed] : affixed;
    const also = rest.map((w) => ({ prefix: w.affix?.prefix ?? '', suffix: w.affix?.suffix ?? '', fallback: w.fallback }));
    return main ? [also.length > 0 ? { ...main, also } : main] : [];
  });
}

// Names every collection and client has: a wrapper so named is matched only unqualified, on a type or on itself
// (for languages whose receivers name their type; PHP's `$this->settings->get` is its own wrapper).
const COMMON = /^(get|getOrDefault|getString|getInt|getBool|getBoolean|value|var|fetch|find|lookup|read)$/;
const OWN = /^(this|self|Self|[A-Z]\w*)$/;

/** Whether a call of a wrapper named `name` can be that wrapper: `config.get(…)` is not a wrapper `get`, `Config.get(…)` is. */
export function plausible(call: Node, name: string): boolean {
  if (!COMMON.test(name)) return true;
  const text = call.text;
  const head = text
    .slice(0, text.indexOf('('))
    // Type arguments out; a `<` no `>` follows is kept as it is, with what follows it (not looked for again from each `<`).
    .replace(/<[^>]*(>)?/g, (part, closed) => (closed ? '' : part))
    .trim();
  const qualifier = head.slice(0, head.length - name.length).replace(/(\.|::|->|\?\.)$/, '');
  return qualifier === '' || OWN.test(qualifier.split(/\.|::/).at(-1) ?? '');
}

const EMPTY = /^(?:[rbuRBU]?(['"`])\1|None|nil|null|undefined|NULL|nullptr)$/;

/**
 * Whether the caller of a read still decides what it gives unset: it gives nothing, or a default the
 * wrapper computes (`Ok(None)`) or leaves empty (`""`), which `?? 'd'`, `.unwrap_or(d)` or a throw around the call replaces.
 */
export function undecided(fallback: ReadFallback): boolean {
  return fallback.kind === 'none' || fallback.value === undefined || EMPTY.test(fallback.value);
}

/** What a call of a wrapper falls back to from its arguments alone, and whether what is written around the call decides instead. */
function passed(grammar: ReadGrammar, wrapper: Wrapper, call: CallSite): { fallback: ReadFallback; open: boolean } {
  if (wrapper.fallback.kind !== 'param') return { fallback: wrapper.fallback, open: undecided(wrapper.fallback) };
  const given = argumentAt(call, wrapper.fallback.defaultParam, wrapper.fallback.defaultName);
  // `env('X', null)` passes no default: what the wrapper gets is nothing, which the code around the call may decide.
  if (given !== undefined && isNull(given)) return { fallback: NONE, open: true };
  if (given === undefined) {
    const omitted = wrapper.fallback.omitted ?? NONE;
    return { fallback: omitted, open: undecided(omitted) };
  }
  // An expression passed as the default (`getEnv('X', DEFAULT_PORT)`) is the default, whatever its value.
  const fallback = valueOf(grammar, { kind: 'default', node: given });
  return { fallback, open: fallback.kind === 'default' && fallback.value !== undefined && EMPTY.test(fallback.value) };
}

/** What is written around a call decides an undecided fallback: a default, or a failure (`.expect(…)`, `?: throw`). */
export function decided(grammar: ReadGrammar, fallback: ReadFallback, around: SiteFallback | undefined): ReadFallback {
  if (around === undefined) return fallback;
  return around.kind === 'none' ? NONE : valueOf(grammar, around);
}

/** The reads of one call of a wrapper: its key, with the text the wrapper adds, and the further keys it reads (Wrapper.also). */
function throughWrapper(
  grammar: ReadGrammar,
  call: CallSite,
  wrapper: Wrapper,
  via: string,
  named: (node: Node) => KeyArgument,
): (FoundRead & { at: Node })[] {
  const at = argumentAt(call, wrapper.keyParam, wrapper.keyName);
  if (at === undefined) return [];
  const { key, param } = named(at);
  // A name made as the code runs; one a function passes on from its own parameter is read where that function is called.
  if (key === undefined) return call.named || param ? [] : [openRead(at, via, (wrapper.affix?.prefix ?? '') + literalStart(grammar, at))];
  const reads = [{ ...(wrapper.affix ?? { prefix: '', suffix: '' }), fallback: wrapper.fallback }, ...(wrapper.also ?? [])];
  return reads.map((r) => {
    const name = r.prefix + key + r.suffix;
    const { fallback, open } = passed(grammar, { ...wrapper, fallback: r.fallback }, call);
    return {
      name: call.named ? call.named(name) : name,
      at,
      via,
      fallback: open ? decided(grammar, fallback, grammar.around?.(call.node)) : fallback,
      ...(wrapper.property && { property: wrapper.property }),
    };
  });
}

/**
 * Pass 2: the direct reads of a file, then its calls of the language's wrappers (`builtin` ones apply
 * when the tree defines no function of that name; their `via` is their `wraps`). A key may be named by a
 * constant of the file, or one of another file (`treeConstants`) that this file binds no name for.
 */
export function readsIn(
  grammar: ReadGrammar,
  root: Node,
  wrappers: ReadonlyMap<string, Wrapper>,
  builtin: readonly Wrapper[] = [],
  treeConstants?: TreeConstants,
): FoundRead[] {
  const found: FoundRead[] = [];
  const seen = new Set<number>();
  const text = root.text;
  const fallbacks = new Map(builtin.map((w) => [w.name, w]));
  const called = [...wrappers.keys(), ...fallbacks.keys()].filter((name) => text.includes(name));
  const direct = grammar.mayRead?.(text) ?? true;
  if (called.length === 0 && !direct) return [];
  const constant = constantsOf(grammar, root, treeConstants);
  // What a key argument names: its literal's text, a parameter of its function (a wrapper's key, read where the wrapper
  // is called), or a constant of the file (`os.getenv(PORT_VAR)`); nothing of these, a name made as the code runs.
  const named = (node: Node): KeyArgument => {
    const literal = grammar.key(node);
    if (literal !== undefined) return { key: literal };
    if (keyParameter(grammar, node)) return { param: true };
    const key = constant(node);
    return key === undefined ? {} : { key };
  };
  for (const site of direct ? grammar.sites(root) : []) {
    if (written(site)) continue;
    if (site.whole) {
      found.push(openRead(site.key, site.via, '', true));
      continue;
    }
    const { key, param } = named(site.key);
    const name = typeof site.name === 'string' ? site.name : key !== undefined && site.name ? site.name(key) : key;
    if (name === undefined) {
      // A name made as the code runs, but in a wrapper, whose calls name their keys. One the site puts under a
      // section (C#'s `kafka[$"Topic:{t}"]`, `GetConnectionString(name)`) starts with the section.
      const start = literalStart(grammar, site.key);
      if (!param) found.push(openRead(site.key, site.via, typeof site.name === 'function' ? site.name(start) : start));
      continue;
    }
    seen.add(site.key.id);
    const read: FoundRead = { name, at: site.key, via: site.via, fallback: valueOf(grammar, site.fallback) };
    found.push({ ...read, ...(site.property && { property: site.property }), ...(site.secret && { secret: site.secret }) });
  }
  const wanted = new Set(called);
  for (const call of wanted.size ? grammar.calls(root, (name) => wanted.has(name)) : []) {
    const defined = wrappers.get(call.name);
    const wrapper = defined ?? fallbacks.get(call.name);
    if (wrapper === undefined) continue;
    const via = defined ? `${wrapper.name} (wrapper of ${wrapper.wraps})` : wrapper.wraps;
    for (const read of throughWrapper(grammar, call, wrapper, via, named)) if (!seen.has(read.at.id)) found.push(read);
  }
  return found;
}
