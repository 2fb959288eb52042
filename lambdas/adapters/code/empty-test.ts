import type { Node } from 'web-tree-sitter';
import { callArguments, calleeOf, operatorOf, unparenthesized } from './syntax';

// Python spells the operators in words; PHP's strict comparisons test the same as its loose ones against false and ''.
const WORDS: Readonly<Record<string, string>> = { not: '!', and: '&&', or: '||', is: '==', 'is not': '!=', '===': '==', '!==': '!=' };
const SIZE_OF = /^(?:len|strlen|std::strlen)$/;
const EMPTY_NAMES = '(?:isEmpty|isBlank|is_empty|isNullOrEmpty|isNullOrBlank|IsNullOrEmpty|IsNullOrWhiteSpace|empty)';
// `string.IsNullOrEmpty(X)`, `StringUtils.isBlank(X)`: a function testing its one argument.
const EMPTY_FUNCTION = new RegExp(`(?:^|\\.)${EMPTY_NAMES}$`);
// `v.isEmpty()`, `empty(v)`: a call of one of them on, or with, a bound name.
const EMPTY_CALL = new RegExp(`\\b${EMPTY_NAMES}\\s*\\(\\s*(?:\\w+\\s*)?\\)$`);

/** Whether a text is one of the bound names; its length is looked at first, as hashing the text of a long condition costs its length. */
export function isBound(text: string, bound: ReadonlySet<string>): boolean {
  for (const name of bound) if (name.length === text.length) return bound.has(text);
  return false;
}

function names(node: Node, bound: ReadonlySet<string>): boolean {
  const text = unparenthesized(node).text;
  if (isBound(text.startsWith('*') ? text.slice(1) : text, bound)) return true;
  const inner = node.type.includes('call') ? node.namedChildren.at(-1)?.namedChildren[0] : undefined;
  // len(v), strlen(v): the size of the bound value.
  return inner != null && SIZE_OF.test(node.namedChildren[0]?.text ?? '') && isBound(inner.text, bound);
}

/** Whether `c` is a call that tests whether its one argument, a bound value, is empty: `string.IsNullOrWhiteSpace(config["X"])`. */
export function emptinessCall(c: Node, bound: ReadonlySet<string>): boolean {
  if (!/call|invocation/.test(c.type) || !EMPTY_FUNCTION.test(calleeOf(c))) return false;
  const args = callArguments(c);
  return args.length === 1 && args[0] !== undefined && names(args[0], bound);
}

/** Whether a node is a predicate on a bound value: Ruby's `ENV['X'].blank?`, `v.present?`, C#'s `v is null`. */
export function predicateOn(node: Node, bound: ReadonlySet<string>): boolean {
  return subjectMatch(node.text, bound, PREDICATE_REST) !== undefined;
}

// What follows a subject: Ruby's `v.nil?`, `v.present?` and C#'s `v is null`, `v is not null` (PREDICATE_REST); C#'s
// `v is string s`, `v is { }`, a type pattern, which a null never matches (TYPE_REST).
export const PREDICATE_REST = /^(?:\.(nil\?|empty\?|blank\?|present\?|any\?)|\s+is\s+(not\s+)?null)$/;
export const TYPE_REST = /^\s+is\s+(?:string|object|\{\s*\})(?:\s+\w+)?$/;
const LINE_END = /[\n\r\u2028\u2029]/;

/**
 * The match of `subject rest` whose subject is a bound name, as `[whole, subject, …rest's groups]`, else undefined.
 * The subject is one line, and a blank after it follows a character that is none (or it is one character): what
 * `^(.+?)(?<=^.|\S)rest` matches, but only the bound names are tried, as that pattern's search costs the text's
 * length at each level of a condition of thousands of `and`s. The answer is the same: a text ends in either rest in
 * one way only, so at most one subject fits, the one the lazy search finds.
 */
export function subjectMatch(text: string, bound: ReadonlySet<string>, rest: RegExp): Array<string | undefined> | undefined {
  for (const subject of bound) {
    if (subject === '' || subject.length >= text.length || !text.startsWith(subject) || LINE_END.test(subject)) continue;
    const matched = rest.exec(text.slice(subject.length));
    if (!matched) continue;
    const blankFollows = matched[0][0] !== '.';
    if (blankFollows && subject.length > 1 && /\s/.test(subject.at(-1) ?? '')) continue;
    return [text, subject, ...matched.slice(1)];
  }
  return undefined;
}

/** A test a language spells without the value (`'X' in os.environ`): `set` or `empty`, or undefined for any other node. */
export type Presence = (node: Node) => 'empty' | 'set' | undefined;

type Verdict = 'empty' | 'set' | undefined;

/** What one node of a condition says by itself, or the parts it combines (`!a`, `a && b`), tested on their own. */
type Step = { verdict: Verdict } | { not: Node } | { both: '&&' | '||'; left: Node; right: Node };

function stepOf(condition: Node, bound: ReadonlySet<string>, empty: ReadonlySet<string>, presence?: Presence): Step {
  const c = unparenthesized(condition);
  const own = presence?.(c);
  if (own !== undefined) return { verdict: own };
  if (names(c, bound)) return { verdict: 'set' };
  const predicate = subjectMatch(c.text, bound, PREDICATE_REST);
  if (predicate) return { verdict: /present|any/.test(predicate[2] ?? '') || predicate[3] !== undefined ? 'set' : 'empty' };
  if (subjectMatch(c.text, bound, TYPE_REST)) return { verdict: 'set' };
  const op = WORDS[operatorOf(c) ?? ''] ?? operatorOf(c);
  const parts = c.namedChildren.filter((n): n is Node => n !== null);
  if (op === '!' && parts.length === 1 && parts[0]) return { not: parts[0] };
  if (emptinessCall(c, bound)) return { verdict: 'empty' };
  if (/call|invocation/.test(c.type) && EMPTY_CALL.test(c.text) && [...bound].some((b) => c.text.includes(b))) return { verdict: 'empty' };
  const [left, right] = [parts[0], parts.at(-1)];
  if (!left || !right || parts.length !== 2) return { verdict: undefined };
  if (op === '&&' || op === '||') return { both: op, left, right };
  const value = names(left, bound) ? right : names(right, bound) ? left : undefined;
  if (!value || (op !== '==' && op !== '!=')) return { verdict: undefined };
  if (value.text === 'true') return { verdict: op === '==' ? 'set' : 'empty' };
  if (!empty.has(value.text) && value.text !== '0' && value.text !== 'false') return { verdict: undefined };
  return { verdict: op === '==' ? 'empty' : 'set' };
}

/** What a node of a condition tests by itself, not through the parts it combines (`!a`, `a && b`): undefined for those. */
export function ownTest(condition: Node, bound: ReadonlySet<string>, empty: ReadonlySet<string>, presence?: Presence): Verdict {
  const step = stepOf(condition, bound, empty, presence);
  return 'verdict' in step ? step.verdict : undefined;
}

/**
 * Whether a condition tests that a bound value is unset (`empty`) or set (`set`). An explicit stack, not recursion,
 * through `!`, `&&` and `||`: a condition of thousands of `and`s is as deep.
 */
export function testOf(condition: Node, bound: ReadonlySet<string>, empty: ReadonlySet<string>, presence?: Presence): Verdict {
  const verdicts: Verdict[] = [];
  const work: Array<Node | '!' | '&&' | '||'> = [condition];
  for (let item = work.pop(); item !== undefined; item = work.pop()) {
    if (item === '!') {
      const inner = verdicts.pop();
      verdicts.push(inner === 'set' ? 'empty' : inner === 'empty' ? 'set' : undefined);
    } else if (item === '&&' || item === '||') {
      const sides = [verdicts.pop(), verdicts.pop()];
      const decides = item === '&&' ? 'set' : 'empty';
      verdicts.push(sides.includes(decides) ? decides : undefined);
    } else {
      const step = stepOf(item, bound, empty, presence);
      if ('verdict' in step) verdicts.push(step.verdict);
      else if ('not' in step) work.push('!', step.not);
      else work.push(step.both, step.right, step.left);
    }
  }
  return verdicts[0];
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
