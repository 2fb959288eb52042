import type { Node } from 'web-tree-sitter';
import type { FlowDialect } from '../read-flow';
import { outermost } from '../syntax';

const present = (nodes: (Node | null)[]): Node[] => nodes.filter((n): n is Node => n !== null);

/** How Python spells what the flow analysis follows: `v = read`, `if not v:`, `a if v else b`, `raise`, `sys.exit`. */
export const pythonFlow: FlowDialect = {
  binding(value) {
    const read = outermost(value, ['parenthesized_expression']);
    const assignment = read.parent;
    const left =
      assignment?.type === 'assignment' && assignment.childForFieldName('right')?.id === read.id
        ? assignment.childForFieldName('left')
        : null;
    const statement = assignment?.parent;
    return left?.type === 'identifier' && statement?.type === 'expression_statement' ? { names: [left.text], statement } : undefined;
  },
  ifParts(node) {
    const [condition, consequence] = [node.childForFieldName('condition'), node.childForFieldName('consequence')];
    if (node.type !== 'if_statement' || !condition || !consequence) return undefined;
    const otherwise = node.childrenForFieldName('alternative').find((a) => a.type === 'else_clause');
    return { condition, consequence, alternative: otherwise?.childForFieldName('body') ?? undefined };
  },
  conditional(node) {
    const [consequence, condition, alternative] = node.namedChildren;
    return node.type === 'conditional_expression' && consequence && condition && alternative
      ? { condition, consequence, alternative }
      : undefined;
  },
  assignment(node) {
    const at = node.type === 'expression_statement' ? node.namedChildren[0] : node;
    const [target, value] = [at?.childForFieldName('left'), at?.childForFieldName('right')];
    return at?.type === 'assignment' && target?.type === 'identifier' && value ? { target: target.text, value } : undefined;
  },
  returned: (node) => (node.type === 'return_statement' ? present(node.namedChildren) : undefined),
  fails: (node) =>
    node.type === 'raise_statement' || (node.type === 'call' && /^(sys\.)?exit$/.test(node.childForFieldName('function')?.text ?? '')),
  empty: new Set(['None', "''", '""']),
};
