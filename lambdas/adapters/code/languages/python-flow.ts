import type { Node } from 'web-tree-sitter';
import type { FlowDialect } from '../read-flow';
import { outermost } from '../syntax';

const present = (nodes: (Node | null)[]): Node[] => nodes.filter((n): n is Node => n !== null);

// How far a walrus may sit inside its `if`'s condition: `if (v := read) is not None and …:`.
const WALRUS_DEPTH = 4;

/**
 * `if v := os.getenv('X'):` binds `v` in the condition of the `if` it opens (as Go's `if v := …; v != ""`).
 * The names include the walrus as written, so a condition that tests it in place (`(v := read) is not None`) tests `v`.
 */
function walrusBinding(read: Node): { names: string[]; statement: Node; ownIf: Node } | undefined {
  const walrus = read.parent;
  const name =
    walrus?.type === 'named_expression' && walrus.childForFieldName('value')?.id === read.id ? walrus.childForFieldName('name') : null;
  if (!walrus || name?.type !== 'identifier') return undefined;
  const wrapped = outermost(walrus, ['parenthesized_expression']);
  let at = wrapped;
  for (let depth = 0; at.parent && depth < WALRUS_DEPTH; depth++, at = at.parent) {
    const holder = at.parent;
    if ((holder.type === 'if_statement' || holder.type === 'elif_clause') && holder.childForFieldName('condition')?.id === at.id)
      return holder.type === 'if_statement'
        ? { names: [name.text, walrus.text, wrapped.text], statement: holder, ownIf: holder }
        : undefined;
  }
  return undefined;
}

/** Whether the function a `return` leaves returns a value anywhere (then a bare `return` gives its caller None, no default). */
function givesValues(node: Node): boolean {
  let fn = node.parent;
  while (fn && fn.type !== 'function_definition') fn = fn.parent;
  return (fn?.descendantsOfType('return_statement') ?? []).some((r) => r !== null && r.namedChildCount > 0);
}

/** How Python spells what the flow analysis follows: `v = read`, `if not v:`, `a if v else b`, `raise`, `sys.exit`. */
export const pythonFlow: FlowDialect = {
  binding(value) {
    const read = outermost(value, ['parenthesized_expression']);
    const walrus = walrusBinding(read);
    if (walrus) return walrus;
    const assignment = read.parent;
    const left =
      assignment?.type === 'assignment' && assignment.childForFieldName('right')?.id === read.id
        ? assignment.childForFieldName('left')
        : null;
    const statement = assignment?.parent;
    return left?.type === 'identifier' && statement?.type === 'expression_statement' ? { names: [left.text], statement } : undefined;
  },
  ifParts(node) {
    if (node.type !== 'if_statement') return undefined;
    const [condition, consequence] = [node.childForFieldName('condition'), node.childForFieldName('consequence')];
    if (!condition || !consequence) return undefined;
    const otherwise = node.childrenForFieldName('alternative').find((a) => a.type === 'else_clause');
    return { condition, consequence, alternative: otherwise?.childForFieldName('body') ?? undefined };
  },
  conditional(node) {
    if (node.type !== 'conditional_expression') return undefined;
    const [consequence, condition, alternative] = node.namedChildren;
    return consequence && condition && alternative ? { condition, consequence, alternative } : undefined;
  },
  assignment(node) {
    const at = node.type === 'expression_statement' ? node.namedChildren[0] : node;
    if (at?.type !== 'assignment') return undefined;
    const [target, value] = [at.childForFieldName('left'), at.childForFieldName('right')];
    return target?.type === 'identifier' && value ? { target: target.text, value } : undefined;
  },
  returned: (node) => (node.type === 'return_statement' ? present(node.namedChildren) : undefined),
  returnsNothing: (node) => node.type === 'return_statement' && node.namedChildCount === 0 && !givesValues(node),
  fails: (node) =>
    node.type === 'raise_statement' || (node.type === 'call' && /^(sys\.)?exit$/.test(node.childForFieldName('function')?.text ?? '')),
  empty: new Set(['None', "''", '""']),
};
