import type { Node } from 'web-tree-sitter';
import { flowAround, guardedRead, type FlowDialect } from '../read-flow';
import { operatorOf, outermost, field } from '../syntax';
import type { SiteFallback } from '../read-sites';

/** Whether a node is, or contains, a `throw`, `exit` or `die`. */
export function fails(node: Node): boolean {
  const calls = [node, ...node.descendantsOfType(['throw_expression', 'exit_statement', 'function_call_expression'])];
  return calls.some(
    (n) =>
      n !== null &&
      (n.type !== 'function_call_expression'
        ? ['throw_expression', 'exit_statement'].includes(n.type)
        : /^\\?(die|exit)$/.test(n.childForFieldName('function')?.text ?? '')),
  );
}

// How far an assignment may sit inside an `if`'s condition: `if (($v = getenv('X')) !== false)`.
const CONDITION_DEPTH = 4;

/** The `if` whose condition holds an assignment (`if ($f = getenv('X_FILE'))`), or undefined. */
function conditionOf(assignment: Node): Node | undefined {
  let at = assignment;
  for (let depth = 0; at.parent && depth < CONDITION_DEPTH; depth++, at = at.parent) {
    const holder = at.parent;
    if (holder.type === 'if_statement') return field(holder, 'condition')?.id === at.id ? holder : undefined;
    if (holder.type !== 'parenthesized_expression' && holder.type !== 'binary_expression') return undefined;
  }
  return undefined;
}

const flow: FlowDialect = {
  binding(value) {
    const parent = outermost(value, ['parenthesized_expression']).parent;
    const name = field(parent, 'left');
    if (parent?.type !== 'assignment_expression' || !parent.parent || name?.type !== 'variable_name') return undefined;
    const ownIf = conditionOf(parent);
    // `if ($f = getenv('X'))`: the condition tests the assignment as written, the value it gives.
    return ownIf ? { names: [name.text, parent.text], statement: ownIf, ownIf } : { names: [name.text], statement: parent.parent };
  },
  ifParts(node) {
    if (node.type !== 'if_statement') return undefined;
    const [condition, consequence, otherwise] = [field(node, 'condition'), field(node, 'body'), field(node, 'alternative')];
    // `else { … }` is an else_clause with a body; an `elseif` is not the other branch of this condition.
    const alternative = otherwise?.type === 'else_clause' ? field(otherwise, 'body') : undefined;
    return condition && consequence ? { condition, consequence, alternative } : undefined;
  },
  conditional(node) {
    if (node.type !== 'conditional_expression') return undefined;
    const [condition, alternative] = [field(node, 'condition'), field(node, 'alternative')];
    // `$v ?: 'd'` has no middle: the condition is the value.
    const consequence = field(node, 'body') ?? condition;
    return condition && consequence && alternative ? { condition, consequence, alternative } : undefined;
  },
  assignment(node) {
    const at = node.type === 'expression_statement' ? node.firstNamedChild : node;
    if (at?.type !== 'assignment_expression') return undefined;
    const [target, value] = [field(at, 'left'), field(at, 'right')];
    return target && value ? { target: target.text, value } : undefined;
  },
  returned: (node) => (node.type === 'return_statement' ? node.namedChildren.filter((n): n is Node => n !== null) : undefined),
  fails,
  // getenv gives false, never null, when unset.
  empty: new Set(['false', 'null', "''", '""']),
};

/**
 * `read ?: 'd'`, `read ?? 'd'`, `?? throw`, or a later `if ($v === false) $v = 'd';` around a read. `getenv`
 * returns false, never null, when the variable is unset: `getenv('X') ?? 'd'` never falls back (`nullable` false).
 */
export function around(read: Node, nullable = true): SiteFallback | undefined {
  const left = outermost(read, ['parenthesized_expression']);
  const parent = left.parent;
  let right: Node | null = null;
  if (
    parent?.type === 'conditional_expression' &&
    parent.childForFieldName('body') === null &&
    parent.childForFieldName('condition')?.id === left.id
  ) {
    right = parent.childForFieldName('alternative');
  } else if (
    parent?.type === 'conditional_expression' &&
    parent.childForFieldName('body') === null &&
    parent.childForFieldName('alternative')?.id === left.id
  ) {
    // `A ?: B ?: 'd'` is `(A ?: B) ?: 'd'`: B falls back as the link it ends does.
    return around(parent);
  } else if (parent?.type === 'binary_expression' && operatorOf(parent) === '??' && parent.childForFieldName('left')?.id === left.id) {
    if (!nullable) return undefined;
    right = parent.childForFieldName('right');
  } else {
    // What follows decides only with a default: a failure found there cannot be told from nothing found.
    const after = guardedRead(read, flow) ?? flowAround(read, flow);
    return after.kind === 'default' ? after : undefined;
  }
  if (right === null) return undefined;
  return fails(right) ? { kind: 'none' } : { kind: 'default', node: right };
}
