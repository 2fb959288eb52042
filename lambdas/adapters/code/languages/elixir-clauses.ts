import type { Node } from 'web-tree-sitter';
import { NONE, type SiteFallback } from '../read-sites';
import { field, operatorOf } from '../syntax';

/** The `pattern -> body` clauses of a `case`/`cond` call's do block. */
const clausesOf = (call: Node): Node[] =>
  (call.namedChildren.find((c) => c?.type === 'do_block')?.namedChildren ?? []).filter((c): c is Node => c?.type === 'stab_clause');

const calledAs = (node: Node | null | undefined, name: string): boolean =>
  node?.type === 'call' && field(node, 'target')?.type === 'identifier' && field(node, 'target')?.text === name;

/**
 * Whether a guard holds when the variable it tests is nil: `is_nil(v)`, `v == nil`, `v in [nil, ""]`, `v not in ["a"]`, and
 * `or` / `and` of those. Anything else (`is_binary(v)`, a call of the code's own) is taken to exclude nil.
 */
function guardTakesNil(guard: Node, name: string): boolean {
  const op = guard.type === 'binary_operator' ? operatorOf(guard) : undefined;
  const [left, right] = [field(guard, 'left'), field(guard, 'right')];
  if (op === 'or' || op === 'and') {
    const [a, b] = [left && guardTakesNil(left, name), right && guardTakesNil(right, name)];
    return op === 'or' ? Boolean(a || b) : Boolean(a && b);
  }
  if (calledAs(guard, 'is_nil')) return guard.namedChildren.find((c) => c?.type === 'arguments')?.namedChildren[0]?.text === name;
  if (left?.text !== name || !right) return false;
  const holdsNil = right.type === 'list' && right.namedChildren.some((c) => c?.type === 'nil');
  if (op === 'in') return holdsNil;
  if (op === 'not in') return right.type === 'list' && !holdsNil;
  if (op === '==' || op === '===') return right.type === 'nil';
  return (op === '!=' || op === '!==') && right.type !== 'nil';
}

/** Whether a clause's pattern matches nil: `nil`, `_`, `_name`, a variable without a guard, or one whose guard holds for nil (`v when v in [nil, ""]`; `v when is_binary(v)` does not). */
function takesNil(clause: Node): boolean {
  const left = field(clause, 'left');
  const guarded = left?.type === 'binary_operator' && operatorOf(left) === 'when';
  const pattern = (guarded ? field(left, 'left') : left)?.namedChildren[0];
  if (pattern?.type === 'nil') return true;
  if (pattern?.type !== 'identifier') return false;
  const guard = guarded ? field(left, 'right') : undefined;
  return pattern.text.startsWith('_') || !guarded || (guard !== undefined && guardTakesNil(guard, pattern.text));
}

/** What a clause's body gives: its one literal expression as the default's node, NONE when it fails. */
function given(clause: Node, fails: (node: Node) => boolean): SiteFallback {
  const body = field(clause, 'right');
  if (body && fails(body)) return NONE;
  const only = body?.namedChildren.length === 1 ? body.namedChildren[0] : undefined;
  return only ? { kind: 'default', node: only } : { kind: 'default' };
}

/** Unset, a `case` runs its first clause that takes nil (none: a CaseClauseError). */
function caseFallback(call: Node, fails: (node: Node) => boolean): SiteFallback {
  const clause = clausesOf(call).find(takesNil);
  return clause ? given(clause, fails) : NONE;
}

/**
 * The `case region do` a read bound to a variable, `region = System.get_env("FLY_REGION")`, is the subject of, where
 * that is the variable's first use in the block after it (live_beats' SongsCleaner: `region when region in [nil, …] ->`).
 */
function heldCase(read: Node): Node | undefined {
  const binding = read.parent;
  const name = binding?.type === 'binary_operator' && operatorOf(binding) === '=' ? field(binding, 'left') : undefined;
  if (!binding || field(binding, 'right')?.id !== read.id || name?.type !== 'identifier') return undefined;
  const block = binding.parent;
  if (!block) return undefined;
  const { statements, usedIn } = blockUses(block);
  // The first statement after the binding that uses the name.
  const uses = usedIn.get(name.text) ?? [];
  let [lo, hi] = [0, uses.length];
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (statements[uses[mid]!]!.startIndex > binding.startIndex) hi = mid;
    else lo = mid + 1;
  }
  const statement = lo < uses.length ? statements[uses[lo]!] : undefined;
  if (!statement) return undefined;
  const subject = calledAs(statement, 'case') ? statement.namedChildren.find((c) => c?.type === 'arguments')?.namedChildren[0] : undefined;
  return subject?.type === 'identifier' && subject.text === name.text ? statement : undefined;
}

interface BlockUses {
  readonly statements: readonly Node[];
  /** The statements (their indexes, in order) where each identifier appears. */
  readonly usedIn: ReadonlyMap<string, number[]>;
}

// A block's statements and the identifiers each uses, made once per block: each of its bindings looks for its first use.
const blocks = new WeakMap<object, Map<number, BlockUses>>();

function blockUses(block: Node): BlockUses {
  const byId = blocks.get(block.tree) ?? new Map<number, BlockUses>();
  blocks.set(block.tree, byId);
  const known = byId.get(block.id);
  if (known) return known;
  const statements = block.namedChildren.filter((n): n is Node => n !== null);
  const usedIn = new Map<string, number[]>();
  statements.forEach((statement, i) => {
    for (const id of statement.descendantsOfType('identifier')) {
      if (!id) continue;
      const list = usedIn.get(id.text) ?? [];
      if (list.at(-1) !== i) list.push(i);
      usedIn.set(id.text, list);
    }
  });
  const uses = { statements, usedIn };
  byId.set(block.id, uses);
  return uses;
}

/**
 * `case System.get_env("X") do nil -> :info; v -> … end`: unset runs the first clause that takes nil (none: a
 * CaseClauseError). `cond do System.get_env("X") -> …; true -> … end`: unset is false, a later clause runs (none, or
 * all raising: required). Undefined when the read is neither.
 */
export function clauseAround(read: Node, fails: (node: Node) => boolean): SiteFallback | undefined {
  const held = heldCase(read);
  if (held) return caseFallback(held, fails);
  const args = read.parent;
  if (args?.type !== 'arguments' || args.namedChildren[0]?.id !== read.id) return undefined;
  if (args.parent && calledAs(args.parent, 'case')) return caseFallback(args.parent, fails);
  const clause = args.parent;
  const cond = clause?.parent?.parent;
  if (!clause || !cond || clause.type !== 'stab_clause' || field(clause, 'left')?.id !== args.id || !calledAs(cond, 'cond'))
    return undefined;
  const later = clausesOf(cond).filter((c) => c.startIndex > clause.startIndex);
  return later.some((c) => !fails(field(c, 'right') ?? c)) ? { kind: 'default' } : NONE;
}
