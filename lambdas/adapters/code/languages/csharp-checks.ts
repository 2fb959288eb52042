import type { Node } from 'web-tree-sitter';
import { flowAround, guardedRead, type FlowDialect } from '../read-flow';
import { operatorOf, field } from '../syntax';
import type { SiteFallback } from '../read-sites';

function stored(read: Node): { name: string; statement: Node } | undefined {
  const parent = read.parent;
  let name: string | undefined;
  let statement: Node | null = null;
  if (parent?.type === 'variable_declarator') {
    name = parent.childForFieldName('name')?.text;
    statement = parent.parent?.parent ?? null;
  } else if (parent?.type === 'assignment_expression' && parent.childForFieldName('right')?.id === read.id) {
    name = parent.childForFieldName('left')?.text;
    statement = parent.parent;
  }
  // Top-level statements sit each in a global_statement: their siblings are the next global statements.
  if (statement?.parent?.type === 'global_statement') statement = statement.parent;
  return name && statement ? { name, statement } : undefined;
}

const unwrap = (node: Node) => (node.type === 'global_statement' ? (node.firstNamedChild ?? node) : node);

/** Whether a node throws or exits (`Environment.Exit`, `Environment.FailFast`). */
export function fails(node: Node): boolean {
  return (
    node.descendantsOfType(['throw_statement', 'throw_expression']).length > 0 ||
    node
      .descendantsOfType('invocation_expression')
      .some((call) => /^(System\.)?Environment\.(Exit|FailFast)$/.test(call?.childForFieldName('function')?.text ?? ''))
  );
}

const assigned = (node: Node, operator: string) => {
  const bare = unwrap(node);
  const at = bare.type === 'expression_statement' ? bare.firstNamedChild : bare;
  if (at?.type !== 'assignment_expression' || operatorOf(at) !== operator) return undefined;
  const [target, value] = [field(at, 'left'), field(at, 'right')];
  return target && value ? { target: target.text, value } : undefined;
};

const flow: FlowDialect = {
  binding(value) {
    const found = stored(value);
    return found ? { names: [found.name], statement: found.statement } : undefined;
  },
  ifParts(statement) {
    const node = unwrap(statement);
    const [condition, consequence] = [field(node, 'condition'), field(node, 'consequence')];
    return node.type === 'if_statement' && condition && consequence
      ? { condition, consequence, alternative: field(node, 'alternative') }
      : undefined;
  },
  conditional(node) {
    const type = node.type;
    if (type === 'conditional_expression') {
      const [condition, consequence, alternative] = [field(node, 'condition'), field(node, 'consequence'), field(node, 'alternative')];
      return condition && consequence && alternative ? { condition, consequence, alternative } : undefined;
    }
    if (type !== 'binary_expression' || operatorOf(node) !== '??') return undefined;
    const [left, right] = [field(node, 'left'), field(node, 'right')];
    // `v ?? "d"`: the right when the left is null.
    return left && right ? { condition: left, consequence: left, alternative: right } : undefined;
  },
  assignment: (node) => assigned(node, '='),
  defaulting: (node) => assigned(node, '??='),
  returned: (node) => (node.type === 'return_statement' ? node.namedChildren.filter((n): n is Node => n !== null) : undefined),
  fails,
  empty: new Set(['null', '""', 'string.Empty', 'String.Empty']),
};

/** A read inside a branch its own test takes only when set (`c["X"] != null ? int.Parse(c["X"]) : 100`): the other branch's. */
export const guardedIn = (read: Node): SiteFallback | undefined => guardedRead(read, flow);

/** The fallback a later `if (string.IsNullOrEmpty(v)) …`, `v ??= …` or `IsNullOrEmpty(v) ? … : v` gives a read stored in `v`. */
export function assignedAfter(read: Node): SiteFallback | undefined {
  return flowAround(read, flow);
}
