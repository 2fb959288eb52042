import type { Node } from 'web-tree-sitter';
import { flowDecision, guardedRead, type FlowDialect } from '../read-flow';
import { operatorOf, outermost, field } from '../syntax';
import type { SiteFallback } from '../read-sites';

const FAILS = new Set(['raise', 'fail', 'abort', 'exit', 'exit!']);
const VARIABLES = ['identifier', 'instance_variable', 'class_variable', 'global_variable', 'constant'];

/** Whether a node is, or contains, a `raise`/`fail`/`abort`/`exit` call. */
export function raises(node: Node): boolean {
  return [node, ...node.descendantsOfType(['call', 'identifier'])].some(
    (n) => n !== null && FAILS.has(n.type === 'call' ? (n.childForFieldName('method')?.text ?? '') : n.type === 'identifier' ? n.text : ''),
  );
}

/** The right of `read || x` or `read or x` (also `v = read or raise`, which Ruby groups as `(v = read) or raise`). */
function orElse(read: Node): Node | undefined {
  let left = outermost(read, ['parenthesized_statements']);
  if (left.parent?.type === 'assignment' && left.parent.childForFieldName('right')?.id === left.id) left = left.parent;
  const parent = left.parent;
  if (parent?.type !== 'binary' || !['||', 'or'].includes(operatorOf(parent) ?? '')) return undefined;
  return parent.childForFieldName('left')?.id === left.id ? (parent.childForFieldName('right') ?? undefined) : undefined;
}

const IFS = new Set(['if', 'unless', 'if_modifier', 'unless_modifier']);
const assigned = (node: Node, type: string) => {
  if (node.type !== type) return undefined;
  const [target, value] = [field(node, 'left'), field(node, 'right')];
  return target && value ? { target: target.text, value } : undefined;
};

// How far an assignment may sit inside its `if`'s condition: `if defined?(A) && (key = ENV['X']).present? && …`.
const CONDITION_DEPTH = 8;

/**
 * The `if` whose condition assigns, reached through `&&`, parentheses and calls on the value only (`(key = ENV['X']).present?`):
 * its branch runs only where the assignment ran. Not through `||` (`ready? || (v = …)` may run it without), nor an `unless`.
 */
function conditionOf(assignment: Node): Node | undefined {
  let at = assignment;
  for (let depth = 0; at.parent && depth < CONDITION_DEPTH; depth++, at = at.parent) {
    const holder = at.parent;
    if (holder.type === 'if' || holder.type === 'if_modifier') return field(holder, 'condition')?.id === at.id ? holder : undefined;
    const chained = holder.type === 'binary' && ['&&', 'and'].includes(operatorOf(holder) ?? '');
    const called = holder.type === 'call' && field(holder, 'receiver')?.id === at.id;
    if (!chained && !called && holder.type !== 'parenthesized_statements') return undefined;
  }
  return undefined;
}

const flow: FlowDialect = {
  binding(value) {
    const parent = outermost(value, ['parenthesized_statements']).parent;
    const name = field(parent, 'left');
    if (parent?.type !== 'assignment' || !name || !VARIABLES.includes(name.type)) return undefined;
    const ownIf = conditionOf(parent);
    // `if (key = ENV['X']).present?`: the condition tests the assignment as written, the value it gives.
    const written = [parent.text, outermost(parent, ['parenthesized_statements']).text];
    return ownIf ? { names: [name.text, ...written], statement: ownIf, ownIf } : { names: [name.text], statement: parent };
  },
  ifParts(node) {
    if (!IFS.has(node.type)) return undefined;
    const [condition, modifier] = [field(node, 'condition'), node.type.endsWith('modifier')];
    // An empty body (`if ENV['X']; end`, as ERB's `<% if ENV['X'] %>…<% end %>` around text reads) is its `end`: nothing runs.
    const consequence =
      field(node, modifier ? 'body' : 'consequence') ?? (modifier ? null : (node.children.find((c) => c?.type === 'end') ?? null));
    if (!condition || !consequence) return undefined;
    const alternative = modifier ? undefined : field(node, 'alternative');
    return { condition, consequence, alternative, inverted: node.type.startsWith('unless') };
  },
  conditional(node) {
    const type = node.type;
    if (type === 'conditional') {
      const [condition, consequence, alternative] = [field(node, 'condition'), field(node, 'consequence'), field(node, 'alternative')];
      return condition && consequence && alternative ? { condition, consequence, alternative } : undefined;
    }
    if (type !== 'binary' || !['||', 'or'].includes(operatorOf(node) ?? '')) return undefined;
    const [left, right] = [field(node, 'left'), field(node, 'right')];
    // `v || 'd'`: the right when the left is unset.
    return left && right ? { condition: left, consequence: left, alternative: right } : undefined;
  },
  assignment: (node) => assigned(node, 'assignment'),
  defaulting: (node) => (operatorOf(node) === '||=' ? assigned(node, 'operator_assignment') : undefined),
  returned(node) {
    // `return 'd'` holds its value in an argument list.
    const value = node.firstNamedChild?.type === 'argument_list' ? node.firstNamedChild.firstNamedChild : node.firstNamedChild;
    return node.type === 'return' ? (value ? [value] : []) : undefined;
  },
  fails: raises,
  empty: new Set(['nil', "''", '""']),
};

/**
 * The read and the calls after it that give nil for nil: ActiveSupport's `.presence` (nil for a blank text too) and a safe
 * navigation, `&.to_i`, `&.split(',')`. Rails code writes `ENV['X'].presence || 'd'`, and what follows falls back as after the read.
 */
function nilKept(read: Node): Node {
  let at = outermost(read, ['parenthesized_statements']);
  for (let up = at.parent; up?.type === 'call' && field(up, 'receiver')?.id === at.id; up = at.parent) {
    if (field(up, 'method')?.text !== 'presence' && field(up, 'operator')?.text !== '&.') break;
    at = outermost(up, ['parenthesized_statements']);
  }
  return at;
}

/** `ENV['X'] || 'd'`, `… or raise`, `ENV['X'] ||= 'd'`, or a later `v ||= 'd'` / `v = 'd' if v.nil?` / `raise … unless v` around a read. */
export function around(read: Node): SiteFallback | undefined {
  const value = nilKept(read);
  // `A || B || 'd'` is `(A || B) || 'd'`: B falls back as the link it ends does.
  const link = outermost(value, ['parenthesized_statements']).parent;
  if (
    link?.type === 'binary' &&
    ['||', 'or'].includes(operatorOf(link) ?? '') &&
    field(link, 'right')?.id === outermost(value, ['parenthesized_statements']).id
  )
    return around(link);
  const right = orElse(value);
  if (right !== undefined) return raises(right) ? { kind: 'none' } : { kind: 'default', node: right };
  // `ENV['X'] ||= d`: the environment's value, else d (which the process then sets).
  const own = read.parent;
  if (own?.type === 'operator_assignment' && operatorOf(own) === '||=' && field(own, 'left')?.id === read.id) {
    const assigned = field(own, 'right');
    return assigned && !raises(assigned) ? { kind: 'default', node: assigned } : { kind: 'none' };
  }
  // `ENV['X'].present? ? ENV['X'].to_f : 100`, `if ENV['X'] … use(ENV['X'])`: used only where its own test says it is set.
  return guardedRead(read, flow) ?? flowDecision(value, flow);
}
