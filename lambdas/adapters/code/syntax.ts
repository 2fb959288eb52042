import type { Node } from 'web-tree-sitter';

// Children of a string literal that are its text (across grammars); anything else (an interpolation) makes it no key.
const TEXT_PARTS = new Set([
  'string_content',
  'string_literal_content',
  'string_fragment',
  'escape_sequence',
  'interpreted_string_literal_content',
  'raw_string_literal_content',
  'raw_string_content',
  // Elixir's.
  'quoted_content',
]);

/** Whether a node is a piece of a string literal's text (not its quotes, nor an interpolation). */
export const isTextPart = (node: Node): boolean => TEXT_PARTS.has(node.type);

/** The text of a string literal of one of `types` without interpolation, or undefined (an interpolated or empty string is no key). */
export function plainString(node: Node, types: readonly string[]): string | undefined {
  if (!types.includes(node.type)) return undefined;
  // Python's quotes are named nodes (`string_start`, `string_end`): the delimiters, not the text.
  const parts = node.namedChildren.filter((part) => part?.type !== 'string_start' && part?.type !== 'string_end');
  if (parts.some((part) => part === null || !TEXT_PARTS.has(part.type))) return undefined;
  const text = parts.map((part) => part?.text ?? '').join('');
  return text === '' ? undefined : text;
}

/** A node's child in a field, or undefined (also for no node). */
/** Whether `inner` lies within `outer` in the source text (`outer` itself included). */
export const encloses = (outer: { startIndex: number; endIndex: number }, inner: { startIndex: number; endIndex: number }): boolean =>
  inner.startIndex >= outer.startIndex && inner.endIndex <= outer.endIndex;

export const field = (node: Node | null | undefined, name: string): Node | undefined => node?.childForFieldName(name) ?? undefined;

/** Whether `node` is `parent`'s child in the field `name` (`left` of a binary expression, `object` of a member). */
export const inField = (parent: Node, name: string, node: Node): boolean => parent.childForFieldName(name)?.id === node.id;

/** The operator of a binary node: its first anonymous child (`??`, `||`, `or`). */
export function operatorOf(node: Node): string | undefined {
  return node.children.find((child) => child !== null && !child.isNamed)?.type;
}

/** The node, or the closest ancestor, whose parent is not of one of `types` (parentheses around an expression). */
export function outermost(node: Node, types: readonly string[]): Node {
  let at = node;
  while (at.parent !== null && types.includes(at.parent.type)) at = at.parent;
  return at;
}

/** What a call calls, as written: `string.IsNullOrEmpty`, `Boolean`. */
export const calleeOf = (call: Node): string => (call.childForFieldName('function') ?? call.namedChildren[0])?.text ?? '';

/** The arguments of a call in order (Kotlin's `value_argument` unwrapped to its value; comments left out). */
export function callArguments(call: Node): Node[] {
  const list = call.childForFieldName('arguments') ?? call.namedChildren.find((c) => c !== null && /arguments$/.test(c.type)) ?? null;
  if (list === null) return [];
  return list.namedChildren.flatMap((arg) => {
    if (arg === null || arg.type.includes('comment')) return [];
    const value = arg.type === 'value_argument' ? arg.namedChildren.at(-1) : arg;
    return value ? [value] : [];
  });
}

/** The node with parentheses taken off (`(x)` → `x`; C++'s `condition_clause` too). */
export function unparenthesized(node: Node): Node {
  let at = node;
  while (['parenthesized_expression', 'condition_clause'].includes(at.type) && at.namedChildren.length === 1 && at.namedChildren[0])
    at = at.namedChildren[0];
  return at;
}

/** The nearest ancestor of one of `types`, or undefined. */
export function enclosing(node: Node, types: ReadonlySet<string>): Node | undefined {
  for (let at = node.parent; at !== null; at = at.parent) if (types.has(at.type)) return at;
  return undefined;
}

const NULLS = /^(null|NULL|None|nil|undefined|nullptr)$/;

/** Whether an expression is the language's null (`null`, `None`, `nil`): passed as a default, it is none. */
export const isNull = (node: Node): boolean => NULLS.test(node.text);

/** The default a signature gives a parameter (`key='x'`, `$d = 'x'`, `string d = "x"`, `d = 'x'`), or undefined; a null default is none. */
export function parameterDefault(param: Node | null): Node | undefined {
  if (param === null) return undefined;
  const value =
    param.childForFieldName('default_value') ??
    param.childForFieldName('value') ??
    (param.type === 'assignment_pattern' ? param.childForFieldName('right') : null) ??
    // C#'s `string d = "x"`: the default follows the name, in no field.
    (param.type === 'parameter' ? (param.childForFieldName('name')?.nextNamedSibling ?? null) : null);
  return value && !NULLS.test(value.text) ? value : undefined;
}
