import type { Node } from 'web-tree-sitter';
import { callArguments, calleeOf, operatorOf, unparenthesized } from './syntax';

// Python spells the operators in words; PHP's strict comparisons test the same as its loose ones against false and ''.
const WORDS: Readonly<Record<string, string>> = { not: '!', and: '&&', or: '||', is: '==', 'is not': '!=', '===': '==', '!==': '!=' };
// Ruby's `v.nil?`, `v.present?` and C#'s `v is null`, `v is not null`. The blanks before `is` are read from where they start.
const PREDICATE = /^(.+?)(?:\.(nil\?|empty\?|blank\?|present\?|any\?)|(?<=^.|\S)\s+is\s+(not\s+)?null)$/;
// C#'s `v is string s`, `v is { }`: a type pattern, which a null never matches.
const TYPE_PATTERN = /^(.+?)(?<=^.|\S)\s+is\s+(?:string|object|\{\s*\})(?:\s+\w+)?$/;
const SIZE_OF = /^(?:len|strlen|std::strlen)$/;
const EMPTY_NAMES = '(?:isEmpty|isBlank|is_empty|isNullOrEmpty|isNullOrBlank|IsNullOrEmpty|IsNullOrWhiteSpace|empty)';
// `string.IsNullOrEmpty(X)`, `StringUtils.isBlank(X)`: a function testing its one argument.
const EMPTY_FUNCTION = new RegExp(`(?:^|\\.)${EMPTY_NAMES}$`);
// `v.isEmpty()`, `empty(v)`: a call of one of them on, or with, a bound name.
const EMPTY_CALL = new RegExp(`\\b${EMPTY_NAMES}\\s*\\(\\s*(?:\\w+\\s*)?\\)$`);

function names(node: Node, bound: ReadonlySet<string>): boolean {
  const text = unparenthesized(node).text.replace(/^\*/, '');
  if (bound.has(text)) return true;
  const inner = node.type.includes('call') ? node.namedChildren.at(-1)?.namedChildren[0] : undefined;
  // len(v), strlen(v): the size of the bound value.
  return inner != null && SIZE_OF.test(node.namedChildren[0]?.text ?? '') && bound.has(inner.text);
}

/** Whether `c` is a call that tests whether its one argument, a bound value, is empty: `string.IsNullOrWhiteSpace(config["X"])`. */
export function emptinessCall(c: Node, bound: ReadonlySet<string>): boolean {
  if (!/call|invocation/.test(c.type) || !EMPTY_FUNCTION.test(calleeOf(c))) return false;
  const args = callArguments(c);
  return args.length === 1 && args[0] !== undefined && names(args[0], bound);
}

/** Whether a node is a predicate on a bound value: Ruby's `ENV['X'].blank?`, `v.present?`, C#'s `v is null`. */
export function predicateOn(node: Node, bound: ReadonlySet<string>): boolean {
  const predicate = PREDICATE.exec(node.text);
  return predicate?.[1] !== undefined && bound.has(predicate[1]);
}

/** A test a language spells without the value (`'X' in os.environ`): `set` or `empty`, or undefined for any other node. */
export type Presence = (node: Node) => 'empty' | 'set' | undefined;

/** Whether a condition tests that a bound value is unset (`empty`) or set (`set`). */
export function testOf(
  condition: Node,
  bound: ReadonlySet<string>,
  empty: ReadonlySet<string>,
  presence?: Presence,
): 'empty' | 'set' | undefined {
  const c = unparenthesized(condition);
  const own = presence?.(c);
  if (own !== undefined) return own;
  if (names(c, bound)) return 'set';
  const predicate = PREDICATE.exec(c.text);
  if (predicate?.[1] !== undefined && predicateOn(c, bound))
    return /present|any/.test(predicate[2] ?? '') || predicate[3] !== undefined ? 'set' : 'empty';
  const typed = TYPE_PATTERN.exec(c.text);
  if (typed?.[1] !== undefined && bound.has(typed[1])) return 'set';
  const op = WORDS[operatorOf(c) ?? ''] ?? operatorOf(c);
  const parts = c.namedChildren.filter((n): n is Node => n !== null);
  if (op === '!' && parts.length === 1 && parts[0]) {
    const inner = testOf(parts[0], bound, empty, presence);
    return inner === 'set' ? 'empty' : inner === 'empty' ? 'set' : undefined;
  }
  if (emptinessCall(c, bound)) return 'empty';
  if (/call|invocation/.test(c.type) && EMPTY_CALL.test(c.text) && [...bound].some((b) => c.text.includes(b))) return 'empty';
  const [left, right] = [parts[0], parts.at(-1)];
  if (!left || !right || parts.length !== 2) return undefined;
  if (op === '&&' || op === '||') {
    const sides = [testOf(left, bound, empty, presence), testOf(right, bound, empty, presence)];
    return sides.includes(op === '&&' ? 'set' : 'empty') ? (op === '&&' ? 'set' : 'empty') : undefined;
  }
  const value = names(left, bound) ? right : names(right, bound) ? left : undefined;
  if (!value || (op !== '==' && op !== '!=')) return undefined;
  if (value.text === 'true') return op === '==' ? 'set' : 'empty';
  if (!empty.has(value.text) && value.text !== '0' && value.text !== 'false') return undefined;
  return op === '==' ? 'empty' : 'set';
}

// A string or number as written: never what an unset read gives.
const LITERAL = /^(?:(["'`]).*\1|-?\d+(?:\.\d+)?)$/s;

/**
 * A comparison of a bound value with a literal other than an empty one: `X == 'on'` holds only when
 * it is set (`set`), `X != 'on'` holds whenever it is unset (`empty`).
 */
export function literalTest(condition: Node, bound: ReadonlySet<string>, empty: ReadonlySet<string>): 'empty' | 'set' | undefined {
  const c = unparenthesized(condition);
  // Counted before the children are listed: every read asks this of each node above it, a class's body among them.
  if (c.namedChildCount !== 2) return undefined;
  const parts = c.namedChildren.filter((n): n is Node => n !== null);
  const [left, right] = [parts[0], parts.at(-1)];
  if (!left || !right || parts.length !== 2) return undefined;
  const op = WORDS[operatorOf(c) ?? ''] ?? operatorOf(c);
  // Python's `X in ['mysql', 'mariadb']`: a choice among literals, which None is never one of.
  if ((op === 'in' || op === 'not in') && /^(list|tuple|set)$/.test(right.type) && names(left, bound)) {
    const among = right.namedChildren.filter((n): n is Node => n !== null);
    if (among.length > 0)
      return among.every((n) => LITERAL.test(n.text) && !empty.has(n.text)) ? (op === 'in' ? 'set' : 'empty') : undefined;
  }
  const value = names(left, bound) ? right : names(right, bound) ? left : undefined;
  if (!value || empty.has(value.text) || !LITERAL.test(value.text)) return undefined;
  return op === '==' ? 'set' : op === '!=' ? 'empty' : undefined;
}
