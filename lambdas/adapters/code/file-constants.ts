import type { Node } from 'web-tree-sitter';
import type { TreeConstants } from './language';
import type { ReadGrammar } from './read-sites';
import { importsOf, rustModule, type Import, type ModulePath } from './constant-imports';

// Where a name is given a value: Python's and Ruby's `assignment` and JavaScript's `assignment_expression` (left,
// right), a `variable_declarator` of JavaScript, Java and C# (name, value), Rust's `const_item` and `static_item`.
const BINDINGS = ['assignment', 'assignment_expression', 'variable_declarator', 'const_item', 'static_item'];
// What names a constant where it is used: most grammars' identifier, Ruby's `constant`.
const NAME = /(^|_)identifier$|^constant$/;
// The name a member access ends with: Python's `settings.PORT_VAR`, JavaScript's `names.PORT_VAR`, Java's
// `Config.PORT_VAR`, Ruby's `Names::PORT_VAR`, Rust's `names::PORT_VAR`, C#'s `Names.PORT_VAR`.
const MEMBER_NAME = ['attribute', 'property', 'field', 'name'];
// A name written as a constant (`PORT_VAR`): another file's, or a member's, is taken only so.
const CONSTANT_CASE = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*$/;

/**
 * Every name a file binds, with the one string literal it gives it, or null: a name given two texts, or
 * anything but a literal, has none (which one a read gets is not known). `ENV_PORT = "APP_PORT"`,
 * `const KEY = 'X'`, `static final String KEY = "X"`, `const VAR: &str = "X"`.
 */
function fileBindings(grammar: ReadGrammar, root: Node): ReadonlyMap<string, string | null> {
  const given = new Map<string, string | null>();
  for (const node of root.descendantsOfType(BINDINGS)) {
    const name = node?.childForFieldName('left') ?? node?.childForFieldName('name');
    // C#'s declarator names no field for its value: the one child after the name.
    const [first, second] = node?.namedChildren ?? [];
    const value =
      node?.childForFieldName('right') ??
      node?.childForFieldName('value') ??
      (node?.namedChildCount === 2 && first?.id === name?.id ? second : null);
    if (!name || !NAME.test(name.type)) continue;
    const text = value ? grammar.key(value) : undefined;
    const had = given.get(name.text);
    given.set(name.text, text === undefined || (had !== undefined && had !== text) ? null : text);
  }
  return given;
}

/** Pass 1: the names written as constants (`PORT_VAR`) a file binds, for the reads of other files (see ConstantIndex). */
export function treeConstantsIn(grammar: ReadGrammar, root: Node): ReadonlyMap<string, string | null> {
  return new Map([...fileBindings(grammar, root)].filter(([name]) => CONSTANT_CASE.test(name)));
}

// What a member access's object is in the grammars: Python's and JavaScript's `object`, Java's too, Ruby's `scope`,
// Rust's `path`, C#'s `expression`.
const MEMBER_OBJECT = ['object', 'scope', 'path', 'expression'];
// A member of the code's own class or object.
const OWN = new Set(['self', 'this', 'cls', 'static', 'Self']);

/**
 * How a key argument names a constant: an identifier, or the constant-case name a member access ends with and
 * the path of what it names it through (`app.names`, `Names`, `Shop::Names`; `scoped`: written with `::`).
 */
function constantName(node: Node): { name: string; object?: string[]; scoped?: boolean } | undefined {
  if (NAME.test(node.type)) return { name: node.text };
  for (const field of MEMBER_NAME) {
    const last = node.childForFieldName(field);
    if (!last || !NAME.test(last.type) || !CONSTANT_CASE.test(last.text)) continue;
    const text = MEMBER_OBJECT.map((f) => node.childForFieldName(f)).find((n) => n !== null)?.text ?? '';
    const object = text.split(/\.|::/);
    return object.every((s) => WORD.test(s)) ? { name: last.text, object, scoped: node.text.includes('::') } : undefined;
  }
  return undefined;
}

const WORD = /^\w+$/;

/** Whether the file declares a class or module of that name (`Names.PORT_VAR` inside `class Names`). */
const declares = (text: string, name: string): boolean =>
  new RegExp(`\\b(?:class|module|object|interface|enum|struct|record|mod)\\s+${name}\\b`).test(text);

/** The one text the candidates agree on (each a name of a module); none where they give two. */
function agreed(tree: TreeConstants, candidates: ReadonlyArray<readonly [string, ModulePath]>): string | undefined {
  const texts = new Set<string>();
  for (const [name, module] of candidates) {
    const text = tree(name, module);
    if (text !== undefined) texts.add(text);
  }
  return texts.size === 1 ? [...texts][0] : undefined;
}

/**
 * The text of the constant `node` names: one the file binds (a bare name, or a member of its own class), else one
 * another file (TreeConstants) gives the module the file names it through: a module it imports the name from
 * (`from app.names import PORT_VAR`, `include Names`), one it imports under the name a member access starts with
 * (`import app.names as names`, `names.DB_VAR`), a module path written with `::` (`Shop::Names::PORT_VAR`,
 * `crate::names::PORT_VAR`), or a class of the file's folder (Java's package: `Names.DB_URL`). A member of anything
 * else (a parameter, a local object, a default import) names none; nor do imports that give two texts.
 * The file's bindings and imports are found once, when first asked.
 */
export function constantsOf(grammar: ReadGrammar, root: Node, tree?: TreeConstants): (node: Node) => string | undefined {
  let bindings: ReadonlyMap<string, string | null> | undefined;
  let imports: Import[] | undefined;
  const own = (name: string) => (bindings ??= fileBindings(grammar, root)).get(name);
  const imported = () => (imports ??= importsOf(root.text));
  // Asked once per name: a file of many reads through one class scans its text once.
  const declared = new Map<string, boolean>();
  const ownClass = (name: string) => declared.get(name) ?? declared.set(name, declares(root.text, name)).get(name) === true;
  return (node) => {
    const named = constantName(node);
    if (!named) return undefined;
    const { name, object } = named;
    if (object === undefined) {
      const bound = own(name);
      if (bound !== undefined) return bound ?? undefined;
      if (!tree) return undefined;
      const from = imported().flatMap((i): Array<readonly [string, ModulePath]> =>
        i.kind === 'all' ? [[name, i.module]] : i.kind === 'name' && i.local === name ? [[i.name, i.module]] : [],
      );
      return agreed(tree, from);
    }
    const [first = '', ...rest] = object;
    if (object.length === 1 && (OWN.has(first) || ownClass(first))) return own(name) ?? undefined;
    // A local object's members (`const ENV = {…}; ENV.PORT`) are not known.
    if (!tree || own(first) !== undefined) return undefined;
    const modules = imported().flatMap((i) => (i.kind === 'module' && i.local === first ? [[...i.module, ...rest]] : []));
    if (modules.length)
      return agreed(
        tree,
        modules.map((m) => [name, m] as const),
      );
    if (named.scoped) return tree(name, rustModule(object.join('::')));
    // An object or class imported by name (`import { Names } from './names'`): its members are not the module's names.
    if (imported().some((i) => i.kind === 'name' && i.local === first)) return undefined;
    return object.length === 1 && /^[A-Z]/.test(first) ? tree(name, ['.', first]) : undefined;
  };
}
