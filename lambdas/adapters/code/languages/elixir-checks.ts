import type { Node } from 'web-tree-sitter';
import { flowDecision, guardedRead, type FlowDialect } from '../read-flow';
import { NONE, type SiteFallback } from '../read-sites';
import { field, operatorOf } from '../syntax';
import { clauseAround } from './elixir-clauses';

const FAILS = new Set(['raise', 'reraise', 'exit', 'throw', 'halt']);
const OR = new Set(['||', 'or']);
const BRANCHES = new Set(['if', 'unless']);

const calledName = (call: Node): string | undefined => {
  const target = field(call, 'target');
  return target?.type === 'dot' ? field(target, 'right')?.text : target?.text;
};

/** Whether a node is, or contains, a `raise`/`exit`/`throw`/`System.halt` call. */
export function elixirFails(node: Node): boolean {
  return [node, ...node.descendantsOfType('call')].some((n) => n !== null && n.type === 'call' && FAILS.has(calledName(n) ?? ''));
}

const isOr = (node: Node | null): node is Node => node?.type === 'binary_operator' && OR.has(operatorOf(node) ?? '');

/** The parts of `if v do … else … end` and `unless v, do: …, else: …`. */
function ifParts(node: Node) {
  if (node.type !== 'call' || !BRANCHES.has(field(node, 'target')?.text ?? '')) return undefined;
  const args = node.namedChildren.find((c) => c?.type === 'arguments');
  const condition = args?.namedChildren[0];
  const block = node.namedChildren.find((c) => c?.type === 'do_block');
  const keyword = (name: string) =>
    field(
      args?.namedChildren.find((c) => c?.type === 'keywords')?.namedChildren.find((p) => field(p, 'key')?.text.trim() === `${name}:`),
      'value',
    );
  const consequence = block ?? keyword('do');
  const alternative = block?.namedChildren.find((c) => c?.type === 'else_block') ?? keyword('else');
  if (!condition || !consequence) return undefined;
  return { condition, consequence, alternative: alternative ?? undefined, inverted: field(node, 'target')?.text === 'unless' };
}

const assigned = (node: Node) => {
  if (node.type !== 'binary_operator' || operatorOf(node) !== '=') return undefined;
  const [target, value] = [field(node, 'left'), field(node, 'right')];
  return target?.type === 'identifier' && value ? { target: target.text, value } : undefined;
};

const flow: FlowDialect = {
  binding(value) {
    const parent = value.parent;
    const bound = parent ? assigned(parent) : undefined;
    return parent && bound && bound.value.id === value.id ? { names: [bound.target], statement: parent } : undefined;
  },
  ifParts,
  conditional(node) {
    // Not isOr: its guard would leave `node` typed never below.
    if (node.type === 'binary_operator' && OR.has(operatorOf(node) ?? '')) {
      const [left, right] = [field(node, 'left'), field(node, 'right')];
      // `v || "d"`: the right when the left is nil.
      return left && right ? { condition: left, consequence: left, alternative: right } : undefined;
    }
    // `size = if v, do: String.to_integer(v), else: 10`: an `if` whose value the code keeps is a ternary (`unless`, which turns its test, is not).
    // Its parent is asked last: tree-sitter finds it from the root, past every statement before it in its block.
    if (node.type !== 'call' || field(node, 'target')?.text !== 'if') return undefined;
    return node.parent && assigned(node.parent)?.value.id === node.id ? ifParts(node) : undefined;
  },
  assignment: assigned,
  // Elixir returns its last expression: no `return` statement to follow.
  returned: () => undefined,
  fails: elixirFails,
  empty: new Set(['nil', '""']),
};

// A comparison of the value with something written: `System.get_env("X") == "true"`, `… in ~w(true 1)`.
const COMPARES = new Set(['==', '===', 'in', '=~', '!=', '!==', 'not']);
const NEGATED = new Set(['!=', '!==', 'not']);

/**
 * A read compared with a literal decides something and runs without the key (false when unset), unless
 * it is the condition of an `if`/`unless` whose branch taken when unset raises: then the key is required.
 */
function comparedAround(read: Node): SiteFallback | undefined {
  const comparison = read.parent;
  const op = comparison?.type === 'binary_operator' && field(comparison, 'left')?.id === read.id ? operatorOf(comparison) : undefined;
  if (!comparison || op === undefined || !COMPARES.has(op)) return undefined;
  const holder = comparison.parent?.type === 'arguments' ? comparison.parent.parent : undefined;
  const branch = holder ? ifParts(holder) : undefined;
  if (branch?.condition.id !== comparison.id) return { kind: 'default' };
  // Unset, an equality is false (`if` takes its else) and a negation true: `unless` turns it.
  const unsetTakes = NEGATED.has(op) !== (branch.inverted === true) ? branch.consequence : branch.alternative;
  return unsetTakes && elixirFails(unsetTakes) ? { kind: 'none' } : { kind: 'default' };
}

/**
 * `if url = System.get_env("X") do … end`: the value is bound in the condition, which is false unset, so the code
 * goes on without the key (the else, or nil), unless the branch taken unset raises (`unless v = …, do: raise …`).
 */
function boundInCondition(read: Node): SiteFallback | undefined {
  const binding = read.parent;
  const args = binding?.parent;
  if (!binding || assigned(binding)?.value.id !== read.id || args?.type !== 'arguments' || args.namedChildren[0]?.id !== binding.id)
    return undefined;
  const branch = args.parent ? ifParts(args.parent) : undefined;
  if (!branch) return undefined;
  const unsetTakes = branch.inverted ? branch.consequence : branch.alternative;
  return unsetTakes && elixirFails(unsetTakes) ? NONE : { kind: 'default' };
}

/** `System.get_env("X") || "d"`, `… || raise "…"`, a comparison, a `case`/`cond` on it, `if v = System.get_env("X")`, or a later `if v … else raise` / `unless v, do: raise` around a read. */
export function elixirAround(read: Node): SiteFallback | undefined {
  const parent = read.parent;
  // `A || B || "d"` groups as `(A || B) || "d"`: B falls back as the link it ends does.
  if (isOr(parent) && field(parent, 'right')?.id === read.id) return elixirAround(parent);
  if (isOr(parent) && field(parent, 'left')?.id === read.id) {
    const right = field(parent, 'right');
    if (right) return elixirFails(right) ? { kind: 'none' } : { kind: 'default', node: right };
  }
  return (
    comparedAround(read) ?? clauseAround(read, elixirFails) ?? boundInCondition(read) ?? guardedRead(read, flow) ?? flowDecision(read, flow)
  );
}
