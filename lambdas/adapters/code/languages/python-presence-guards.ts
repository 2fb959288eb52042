import type { Node } from 'web-tree-sitter';
import type { FoundRead } from '../language';
import { encloses } from '../syntax';

// How far up from a read the `if` that guards it may be: `if …:` around `sentry_sdk.init(environment=os.environ['X'])`.
const GUARD_DEPTH = 16;

// A test that a variable is set, one conjunct of an `if`: `'X' in os.environ`, `os.getenv('X')`,
// `os.environ.get('X') is not None` (a name imported from os too).
const IN_ENVIRON = /^(['"])([A-Za-z_]\w*)\1\s+in\s+(?:os\.)?environ$/;
const GOT = /^(?:os\.)?(?:getenv|environ\.get)\(\s*(['"])([A-Za-z_]\w*)\1\s*\)(?:\s+is\s+not\s+None)?$/;

const unparenthesized = (text: string): string => {
  let t = text.trim();
  while (t.startsWith('(') && t.endsWith(')')) t = t.slice(1, -1).trim();
  return t;
};

/** The conjuncts of a condition (`a and b and c`), or none when it is an `or`, a `not` or anything else at its top. A stack: thousands of `and`s are as deep. */
function conjuncts(condition: Node): Node[] {
  const found: Node[] = [];
  const parts = [condition];
  for (let at = parts.pop(); at !== undefined; at = parts.pop()) {
    while (at.type === 'parenthesized_expression' && at.namedChildren.length === 1) at = at.namedChildren[0]!;
    if (at.type !== 'boolean_operator') found.push(at);
    else if (at.children.find((c) => c?.type === 'and' || c?.type === 'or')?.type === 'and') {
      // An `or` inside gives none of its own, as at the top.
      const [left, right] = [at.childForFieldName('left'), at.childForFieldName('right')];
      if (left && right) parts.push(right, left);
    }
  }
  return found;
}

/** The variables a condition requires set for its branch to run: those of its conjuncts that test one. */
function requiredSet(condition: Node): string[] {
  const names: string[] = [];
  for (const part of conjuncts(condition)) {
    const text = unparenthesized(part.text);
    const name = IN_ENVIRON.exec(text)?.[2] ?? GOT.exec(text)?.[2];
    if (name !== undefined) names.push(name);
  }
  return names;
}

/**
 * A read inside the branch of an `if` (or `elif`) that tests other variables set runs only where they are:
 * `if 'SENTRY_DSN' in os.environ:` around `os.environ['SENTRY_ENVIRONMENT']` (FoundRead.onlyWhereSet).
 */
export function withPresenceGuards(reads: readonly FoundRead[]): FoundRead[] {
  // By condition: the reads of one branch share its `if`.
  const required = new Map<number, string[]>();
  return reads.map((read) => {
    const at = read.at as Partial<Node>;
    if (read.file !== undefined || at.parent === undefined) return read;
    const names = new Set<string>();
    let node = at as Node;
    for (let depth = 0; node.parent && depth < GUARD_DEPTH; depth++, node = node.parent) {
      const holder = node.parent;
      if (holder.type !== 'if_statement' && holder.type !== 'elif_clause') continue;
      const consequence = holder.childForFieldName('consequence');
      const condition = holder.childForFieldName('condition');
      if (!consequence || !condition || !encloses(consequence, at as Node)) continue;
      let set = required.get(condition.id);
      if (set === undefined) required.set(condition.id, (set = requiredSet(condition)));
      for (const name of set) if (name !== read.name) names.add(name);
    }
    return names.size ? { ...read, onlyWhereSet: [...names] } : read;
  });
}
