import type { Node } from 'web-tree-sitter';
import type { TreeConstants } from './language';
import type { ReadGrammar } from './read-sites';

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

/** The name a key argument names a constant by: an identifier, or the constant-case name a member access ends with. */
function constantName(node: Node): { name: string; member: boolean } | undefined {
  if (NAME.test(node.type)) return { name: node.text, member: false };
  for (const field of MEMBER_NAME) {
    const last = node.childForFieldName(field);
    if (last && NAME.test(last.type) && CONSTANT_CASE.test(last.text)) return { name: last.text, member: true };
  }
  return undefined;
}

/**
 * The text of the constant `node` names: one of its file (any name, or a member's written as a constant), else,
 * when the file binds no such name, one another file gives it (TreeConstants). The file's bindings are found
 * once, when first asked.
 */
export function constantsOf(grammar: ReadGrammar, root: Node, tree?: TreeConstants): (node: Node) => string | undefined {
  let bindings: ReadonlyMap<string, string | null> | undefined;
  return (node) => {
    const named = constantName(node);
    if (!named) return undefined;
    const own = (bindings ??= fileBindings(grammar, root)).get(named.name);
    if (own !== undefined) return own ?? undefined;
    return tree?.(named.name);
  };
}
