import type { Node } from 'web-tree-sitter';
import type { TreeConstants } from './language';
import type { ReadGrammar } from './read-sites';
import { importsOf, type Import } from './constant-imports';

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
 * the module it names it through, by its path (`app.names`, `Names`, `Shop::Names`).
 */
function constantName(node: Node): { name: string; module?: string[] } | undefined {
  if (NAME.test(node.type)) return { name: node.text };
  for (const field of MEMBER_NAME) {
    const last = node.childForFieldName(field);
    if (!last || !NAME.test(last.type) || !CONSTANT_CASE.test(last.text)) continue;
    const object = MEMBER_OBJECT.map((f) => node.childForFieldName(f)).find((n) => n !== null);
    const module = object?.text.split(/[.:]+/).filter(Boolean) ?? [];
    return module.length > 0 && module.every((s) => /^\w+$/.test(s)) ? { name: last.text, module } : undefined;
  }
  return undefined;
}

/** Whether the file declares a class or module of that name (`Names.PORT_VAR` inside `class Names`). */
const declares = (text: string, name: string): boolean =>
  new RegExp(`\\b(?:class|module|object|interface|enum|struct|record|mod)\\s+${name}\\b`).test(text);

/**
 * The text of the constant `node` names: one the file binds (a bare name, or a member of its own class), else one of
 * another file (TreeConstants) the file names it through: a module it imports the name from (`from app.names import
 * PORT_VAR`), or the module of a member access (`names.DB_VAR`, `Names.DB_URL`) that is no name of the file's own.
 * The file's bindings and imports are found once, when first asked.
 */
export function constantsOf(grammar: ReadGrammar, root: Node, tree?: TreeConstants): (node: Node) => string | undefined {
  let bindings: ReadonlyMap<string, string | null> | undefined;
  let imports: Import[] | undefined;
  const own = (name: string) => (bindings ??= fileBindings(grammar, root)).get(name);
  return (node) => {
    const named = constantName(node);
    if (!named) return undefined;
    const { name, module } = named;
    if (module === undefined) {
      const bound = own(name);
      if (bound !== undefined) return bound ?? undefined;
      if (!tree) return undefined;
      // Taken from another module by name, or from a module whose every name the file takes (`include Names`).
      for (const i of (imports ??= importsOf(root.text))) {
        const text = 'anyName' in i ? tree(name, i.module) : i.local === name ? tree(i.name, i.module) : undefined;
        if (text !== undefined) return text;
      }
      return undefined;
    }
    const [first = ''] = module;
    if (module.length === 1 && (OWN.has(first) || declares(root.text, first))) return own(name) ?? undefined;
    // A local object's members (`const ENV = {…}; ENV.PORT`) are not known.
    return own(first) === undefined ? tree?.(name, module) : undefined;
  };
}
