import type { Node } from 'web-tree-sitter';
import type { FoundRead } from '../language';
import type { Branch } from '../read-flow';
import { encloses, operatorOf, unparenthesized } from '../syntax';
import { pythonFlow } from './python-flow';
import { presenceTest, readKey, type OsNames } from './python-guards';

// How far up from a read the `if` that guards it may be: `if …:` around `sentry_sdk.init(environment=os.environ['X'])`.
const GUARD_DEPTH = 16;

/** The conjuncts of a condition (`a and b and c`), or none when it is an `or`, a `not` or anything else at its top. A stack: thousands of `and`s are as deep. */
function conjuncts(condition: Node): Node[] {
  const found: Node[] = [];
  const parts = [condition];
  for (let next = parts.pop(); next !== undefined; next = parts.pop()) {
    const at = unparenthesized(next);
    if (at.type !== 'boolean_operator') found.push(at);
    else if (operatorOf(at) === 'and') {
      // An `or` inside gives none of its own, as at the top.
      const [left, right] = [at.childForFieldName('left'), at.childForFieldName('right')];
      if (left && right) parts.push(right, left);
    } else if (next === condition) return [];
  }
  return found;
}

/** The variable a conjunct tests set: `'X' in os.environ`, `os.getenv('X')`, `os.environ.get('X') is not None`, as the file spells os. */
function testedSet(part: Node, os: OsNames): string | undefined {
  const tested = presenceTest(part, os);
  if (tested) return tested.test === 'set' ? tested.key : undefined;
  const [left, right] = part.namedChildren;
  const got = part.type === 'comparison_operator' && operatorOf(part) === 'is not' && right?.type === 'none' ? left : part;
  // A call given a default (`os.environ.get('X', 'd')`) is true with X unset.
  const single = got?.type === 'call' && got.childForFieldName('arguments')?.namedChildCount === 1;
  return single ? readKey(got, os) : undefined;
}

/** The variables a condition requires set for its branch to run: those of its conjuncts that test one. */
function requiredSet(condition: Node, os: OsNames): string[] {
  return conjuncts(condition).flatMap((part) => testedSet(part, os) ?? []);
}

/** The branches of an `if` and each of its `elif`s, which pythonFlow.ifParts (reading the `if` whole) leaves to it. */
function branchOf(node: Node): Branch | undefined {
  if (node.type !== 'elif_clause') return pythonFlow.ifParts(node);
  const [condition, consequence] = [node.childForFieldName('condition'), node.childForFieldName('consequence')];
  return condition && consequence ? { condition, consequence } : undefined;
}

/**
 * A read inside the branch of an `if` (or `elif`) that tests other variables set runs only where they are:
 * `if 'SENTRY_DSN' in os.environ:` around `os.environ['SENTRY_ENVIRONMENT']` (FoundRead.onlyWhereSet).
 */
export function withPresenceGuards(reads: readonly FoundRead[], os: OsNames): FoundRead[] {
  // By condition: the reads of one branch share its `if`.
  const required = new Map<number, string[]>();
  return reads.map((read) => {
    const at = read.at as Partial<Node>;
    if (read.file !== undefined || at.parent === undefined) return read;
    const names = new Set<string>();
    let node = at as Node;
    for (let depth = 0; node.parent && depth < GUARD_DEPTH; depth++, node = node.parent) {
      const branch = branchOf(node.parent);
      if (!branch || !encloses(branch.consequence, at as Node)) continue;
      let set = required.get(branch.condition.id);
      if (set === undefined) required.set(branch.condition.id, (set = requiredSet(branch.condition, os)));
      for (const name of set) if (name !== read.name) names.add(name);
    }
    return names.size ? { ...read, onlyWhereSet: [...names] } : read;
  });
}
