import type { Node } from 'web-tree-sitter';
import type { ReadGrammar } from './read-sites';

// Where a name is given a value: Python's and Ruby's `assignment` and JavaScript's `assignment_expression` (left,
// right), a `variable_declarator` of JavaScript, Java and C# (name, value), Rust's `const_item` and `static_item`.
const BINDINGS = ['assignment', 'assignment_expression', 'variable_declarator', 'const_item', 'static_item'];
// What names a constant where it is used: most grammars' identifier, Ruby's `constant`.
const NAME = /(^|_)identifier$|^constant$/;

/**
 * The names a file gives one string literal, and nothing else anywhere in it: `ENV_PORT = "APP_PORT"`,
 * `const KEY = 'X'`, `static final String KEY = "X"`, `const VAR: &str = "X"`. A name given two texts,
 * or anything but a literal, is none: which one a read gets is not known.
 */
export function fileConstants(grammar: ReadGrammar, root: Node): ReadonlyMap<string, string> {
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
  const constants = new Map<string, string>();
  for (const [name, text] of given) if (text !== null) constants.set(name, text);
  return constants;
}

/** The text of a constant `node` names (see fileConstants), the file's constants found once, when first asked. */
export function constantsOf(grammar: ReadGrammar, root: Node): (node: Node) => string | undefined {
  let constants: ReadonlyMap<string, string> | undefined;
  return (node) => (NAME.test(node.type) ? (constants ??= fileConstants(grammar, root)).get(node.text) : undefined);
}
