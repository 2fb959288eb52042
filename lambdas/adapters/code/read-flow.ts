import type { Node } from 'web-tree-sitter';
import { emptinessCall, isBound, literalTest, ownTest, predicateOn, testOf, type Presence } from './empty-test';
import { NONE, type SiteFallback } from './read-sites';
import { callArguments, calleeOf, encloses, operatorOf, unparenthesized } from './syntax';

/** The parts of a branch (`if`, ternary): the alternative is absent when there is no `else`. */
export interface Branch {
  readonly condition: Node;
  readonly consequence: Node;
  readonly alternative?: Node;
  /** Ruby's `unless`: the consequence runs when the condition is false. */
  readonly inverted?: boolean;
}

/** How one language spells the statements the flow analysis follows. */
export interface FlowDialect {
  /** The variables a read's value is bound to, the statement binding them, and an `if` that binding opens (Go's `if v := …; v != ""`). */
  binding(value: Node): { names: string[]; statement: Node; ownIf?: Node } | undefined;
  ifParts(node: Node): Branch | undefined;
  conditional(node: Node): Branch | undefined;
  assignment(node: Node): { target: string; value: Node } | undefined;
  /** `v ??= 'd'`, `v ||= 'd'`: the variable and its default. */
  defaulting?(node: Node): { target: string; value: Node } | undefined;
  /** The values of a `return`, or undefined when the node is none. */
  returned(node: Node): Node[] | undefined;
  /** Whether the node panics, throws or exits. */
  fails(node: Node): boolean;
  /** Whether the node returns and gives its caller nothing (Java's `return;`, in a void method): the code just stops there. */
  returnsNothing?(node: Node): boolean;
  /** Texts that mean "unset" in a comparison: `""`, `nil`, `null`, `nullptr`. */
  readonly empty: ReadonlySet<string>;
}

// A fallback is written next to its read: statements further on are not searched.
const FOLLOWING = 8;
// How far up from a read its test may be: `if (!(a && process.env.X))`.
const PRESENCE_DEPTH = 6;

/** The node and its named descendants, in document order. A stack, not nested generators: a chain of thousands of `and`s is as deep. */
function* within(node: Node): Generator<Node> {
  const stack = [node];
  for (let at = stack.pop(); at !== undefined; at = stack.pop()) {
    yield at;
    const children = at.namedChildren;
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i];
      if (child) stack.push(child);
    }
  }
}

const mentions = (node: Node, bound: ReadonlySet<string>): boolean => [...within(node)].some((n) => isBound(n.text, bound));

/** The test a branch makes, seen from its consequence (`unless` turns it). */
function testedBy(
  b: Branch,
  bound: ReadonlySet<string>,
  d: FlowDialect,
  literal = false,
  presence?: Presence,
): 'empty' | 'set' | undefined {
  const test = testOf(b.condition, bound, d.empty, presence) ?? (literal ? literalTest(b.condition, bound, d.empty) : undefined);
  return b.inverted && test ? (test === 'empty' ? 'set' : 'empty') : test;
}

function fromReturn(values: Node[], bound: ReadonlySet<string>, d: FlowDialect): SiteFallback {
  const [first, ...rest] = values;
  if (!first || rest.some((v) => !d.empty.has(v.text)) || mentions(first, bound) || d.empty.has(first.text)) return NONE;
  if (!first.type.includes('call') && !first.type.includes('invocation')) return { kind: 'default', node: first };
  // A call returned on an empty value is an error (`errors.New(…)`, `fmt.Errorf(…)`), or what the call makes of
  // its arguments (a wrapper's `os.getenv(name, default)`, judged by its parameters): none here. A call of literals
  // alone that names no error is a computed default: `return os.Getenv("PORT")`, `return default_port()`.
  const literals = callArguments(first).every((a) => d.empty.has(a.text) || /string|number|integer|float|true|false|literal/.test(a.type));
  return literals && !ERROR_CALL.test(calleeOf(first)) ? { kind: 'default' } : NONE;
}

// What an error's constructor or a failure's call is named: `errors.New`, `fmt.Errorf`, `new_error`, `abort`, `missingEnv`.
const ERROR_CALL = /err|exception|fail|panic|abort|fatal|invalid|missing|required|raise|throw/i;

/** What a branch taken when the value is unset does: assigns a default, returns one, or fails. */
function decide(branch: Node, bound: ReadonlySet<string>, d: FlowDialect): SiteFallback {
  for (const n of within(branch)) {
    const assigned = d.assignment(n);
    // `v = v.Trim()` transforms the value: it gives no default.
    if (assigned && bound.has(assigned.target) && !mentions(assigned.value, bound)) return { kind: 'default', node: assigned.value };
  }
  for (const n of within(branch)) {
    if (d.fails(n)) return NONE;
    // `if (url == null) return;` in a void method: it runs on without the key, doing nothing more.
    if (d.returnsNothing?.(n)) return { kind: 'default' };
    const values = d.returned(n);
    if (values) return fromReturn(values, bound, d);
  }
  return NONE;
}

/** What the branch taken unset gives: nothing when there is none or it fails (`if v, do: v, else: raise "…"`). */
function fromBranch(test: 'empty' | 'set', b: Branch, d: FlowDialect): SiteFallback {
  const node = test === 'empty' ? b.consequence : b.alternative;
  return node && ![...within(node)].some((n) => d.fails(n)) ? { kind: 'default', node } : NONE;
}

/** A ternary around the read itself: `getenv("X") ? getenv("X") : "d"`, `System.getenv("X") != null ? … : d`. */
export function ternaryAround(read: Node, d: FlowDialect): SiteFallback | undefined {
  const bound = new Set([read.text]);
  let at = read;
  for (let depth = 0; depth < 4 && at.parent; depth++, at = at.parent) {
    const b = d.conditional(at.parent);
    if (!b) continue;
    const test = testOf(b.condition, bound, d.empty);
    return test ? fromBranch(test, b, d) : undefined;
  }
  return undefined;
}

// How far up from a read the branch that guards it may be: `if (X) { a = { port: Number(X) } }`.
const GUARD_DEPTH = 10;

/**
 * How a language knows, in a condition, a test of a read's key spelled otherwise: another read of the
 * same key (`os.getenv('X')` guarding `os.environ['X']`) or a test of its presence (`'X' in os.environ`).
 */
export interface SameKey {
  /** The key as the code's strings spell it: a condition whose text does not hold it neither reads nor tests it. */
  readonly key: string;
  readonly reads: (node: Node) => boolean;
  readonly presence: Presence;
}

/**
 * Whether a condition may test the read: it holds the read's text, or the key's. Else no test of it can be found there,
 * and a thousand reads in the branch of one long condition do not each search it.
 */
function mayTest(condition: Node, own: readonly string[], same?: SameKey): boolean {
  const text = condition.text;
  return own.some((o) => text.includes(o)) || (same !== undefined && text.includes(same.key));
}

/**
 * A read inside a branch taken only when that same read is set (`X ? parseInt(X) : 587`,
 * `if (X) { port = Number(X) }`, with `same`: `… if 'X' in os.environ else 5`): it never runs unset,
 * so what the code gets then is the other branch, a default. Undefined when no such branch encloses the read.
 */
export function guardedRead(read: Node, d: FlowDialect, same?: SameKey): SiteFallback | undefined {
  const own = [read.text, unparenthesized(read).text];
  let at = read;
  for (let depth = 0; at.parent && depth < GUARD_DEPTH; depth++, at = at.parent) {
    const holder = at.parent;
    const b = d.conditional(holder) ?? d.ifParts(holder);
    if (!b || encloses(b.condition, read) || !mayTest(b.condition, own, same)) continue;
    const others = same ? [...within(b.condition)].filter(same.reads).map((n) => n.text) : [];
    const keys = new Set([...own, ...others]);
    const test = testedBy(b, keys, d, false, same?.presence);
    // `if 'A' in os.environ or 'B' in os.environ:`: the branch may run with A unset, but never with both unset.
    const set = test === 'set' || (test === undefined && !b.inverted && eitherSet(b.condition, keys, d, same?.presence));
    const taken = set ? b.consequence : test === 'empty' ? b.alternative : undefined;
    if (taken === undefined || !encloses(taken, read)) continue;
    return d.conditional(holder) ? fromBranch(set ? 'set' : 'empty', b, d) : { kind: 'default' };
  }
  return undefined;
}

/**
 * A read after an `if` that leaves when its key is unset (`if (System.getenv("X") == null) return;`, then
 * `use(System.getenv("X"))`): it runs only when set, so the code has a path without it, a default. A guard
 * that fails instead (throws, exits) leaves the read as it is. Undefined when no such guard comes before the read.
 */
export function afterEarlyReturn(read: Node, d: FlowDialect, same?: SameKey): SiteFallback | undefined {
  const own = [read.text, unparenthesized(read).text];
  let at = read;
  for (let depth = 0; at.parent && depth < GUARD_DEPTH; depth++, at = at.parent) {
    let left = FOLLOWING;
    for (let s = at.previousNamedSibling; s && left > 0; s = s.previousNamedSibling, left--) {
      const b = d.ifParts(s);
      if (!b || b.alternative) continue;
      const others = same ? [...within(b.condition)].filter(same.reads).map((n) => n.text) : [];
      if (testedBy(b, new Set([...own, ...others]), d, true, same?.presence) !== 'empty') continue;
      const exits = [...within(b.consequence)];
      if (exits.some((n) => d.fails(n))) return undefined;
      if (exits.some((n) => d.returned(n) !== undefined)) return { kind: 'default' };
    }
  }
  return undefined;
}

// A field (`svc.addr`, `this.url`, PHP's `$this->url`), not a variable: other code may read it.
const FIELD = /^[\w$]+(?:(?:\.|->|::)[\w$]+)+$/;
const fields = (bound: ReadonlySet<string>): boolean => [...bound].some((name) => FIELD.test(name));

// Whether a branch assigns the value, as it is or converted (`port = v`, `port = parse(v)`, `hosts = v.split(',')`): the target keeps its old value when unset.
function assignsFrom(branch: Node, bound: ReadonlySet<string>, d: FlowDialect): boolean {
  // Variables the branch declares from the value (`v, err := time.ParseDuration(s)`) hold it too, converted.
  const holding = new Set(bound);
  const takes = (value: string): boolean => [...holding].some((b) => value === b || value.endsWith(`(${b})`));
  return [...within(branch)].some((n) => {
    const assigned = d.assignment(n);
    const value = assigned?.value.text;
    if (value === undefined) {
      const declared = takes(n.text) ? d.binding(n) : undefined;
      for (const name of declared?.names ?? []) if (name !== '_') holding.add(name);
      return false;
    }
    // A method of the value assigned to another variable converts it; to itself (`v = v.Trim()`) it only transforms it.
    const other = !bound.has(assigned?.target ?? '');
    const converts = (b: string): boolean => value.startsWith(`${b}.`) && other;
    // So does any expression of a variable assigned to another (`HEADER = tuple(v.split(',', maxsplit=1))`); a field
    // (`svc.addr`) may be read by other code, which the branch does not guard.
    const expression = other && assigned !== undefined && !fields(bound) && mentions(assigned.value, holding);
    return takes(value) || [...bound].some(converts) || expression;
  });
}

/**
 * `if v := read: hosts = v.split(',') else: hosts = [domain]`: the value is used only when set, and
 * the other branch runs without it (it neither fails nor returns): a default, what that branch
 * assigns. Undefined when the branches are not that.
 */
function otherwiseBranch(branch: Branch, otherwise: Node, bound: ReadonlySet<string>, d: FlowDialect): SiteFallback | undefined {
  if (!assignsFrom(branch.consequence, bound, d)) return undefined;
  for (const n of within(otherwise)) if (d.fails(n) || d.returned(n)) return undefined;
  const assigned = [...within(otherwise)].map((n) => d.assignment(n)).find((a) => a !== undefined);
  return assigned ? { kind: 'default', node: assigned.value } : { kind: 'default' };
}

/** An `if` that uses the read only when it is set (`if os.Getenv("X") != "" { port = os.Getenv("X") }`): the target keeps what it held. */
export function guardAround(read: Node, d: FlowDialect): SiteFallback | undefined {
  const bound = new Set([read.text]);
  let at = read.parent;
  for (let depth = 0; at && depth < 8; depth++, at = at.parent) {
    const b = d.ifParts(at);
    if (!b) continue;
    if (testOf(b.condition, bound, d.empty) !== 'set') return undefined;
    return assignsFrom(b.consequence, bound, d) ? { kind: 'default' } : undefined;
  }
  return undefined;
}

const LOGICAL = new Set(['&&', '||', 'and', 'or']);
const TRUTH_CALLS = /^(?:Boolean|bool)$/;

/** Whether `holder` makes what it holds a truth value: `!X`, `not X`, `Boolean(X)`, `bool(X)` (unset is false, a default). */
function truthOf(holder: Node): boolean {
  const op = operatorOf(holder);
  if ((op === '!' || op === 'not') && holder.namedChildren.length === 1) return true;
  return /call|invocation/.test(holder.type) && TRUTH_CALLS.test(calleeOf(holder)) && callArguments(holder).length === 1;
}

// The operators of a comparison, as each language spells them (Python's in words).
const COMPARISONS = new Set(['==', '!=', '===', '!==', 'is', 'is not']);

/**
 * `os.environ.get("X") is not None`, `process.env.X !== undefined`, `os.Getenv("X") != ""`: a comparison of the value with
 * what an unset key gives, a truth value that is false (or true) without it.
 */
const comparedWithEmpty = (holder: Node, bound: ReadonlySet<string>, d: FlowDialect): boolean =>
  holder.namedChildren.length === 2 && COMPARISONS.has(operatorOf(holder) ?? '') && testOf(holder, bound, d.empty) !== undefined;

/** `int.TryParse(config["X"], out var n)`: a parse that answers false for a missing value instead of failing. */
const parsesLeniently = (holder: Node, bound: ReadonlySet<string>): boolean =>
  /call|invocation/.test(holder.type) && /(?:^|\.)TryParse$/.test(calleeOf(holder)) && bound.has(callArguments(holder)[0]?.text ?? '');

/**
 * A read that only decides a branch: `if (process.env.DISABLE_TELEMETRY)`, `ENV['X'].present? ? … : …`,
 * `if (config["X"] != null)`, `process.env.FEATURE === 'true'`, `!!process.env.X`, `Boolean(A && B)`,
 * `!string.IsNullOrEmpty(config["X"])`, `bool.TryParse(config["X"], out var b)`, `ENV['X'].blank?`. Unset takes the other branch (or makes
 * the comparison false): the code runs without the key, unless the branch taken when it is unset
 * fails (`if (!process.env.DB_URL) throw …`), which makes the key required.
 */
function presenceAround(read: Node, d: FlowDialect): SiteFallback | undefined {
  // A read in parentheses is tested as what they hold.
  const bound = new Set([read.text, unparenthesized(read).text]);
  let compared = false;
  // Whether `at` is still the read's value, or a `&&` / `||` of it: what `!` or `Boolean()` turns into a truth.
  let valued = true;
  // Whether an `||` of the read, and others, is what `at` holds: in a condition, one side set or another picks the branch.
  let either = false;
  let at = read;
  for (let depth = 0; at.parent && depth < PRESENCE_DEPTH; depth++, at = at.parent) {
    const holder = at.parent;
    const tested = valued;
    either ||= valued && OR.has(operatorOf(holder) ?? '');
    compared ||=
      (valued && truthOf(holder)) ||
      emptinessCall(holder, bound) ||
      parsesLeniently(holder, bound) ||
      (valued && predicateOn(holder, bound)) ||
      (valued && comparedWithEmpty(holder, bound, d));
    valued &&= holder.type === 'parenthesized_expression' || /argument/.test(holder.type) || LOGICAL.has(operatorOf(holder) ?? '');
    const branch = d.ifParts(holder) ?? d.conditional(holder);
    if (branch) {
      // A read in a branch's body is used there, not tested.
      if (!encloses(branch.condition, read)) break;
      const test = testedBy(branch, bound, d, true);
      // `X if os.getenv('A') or os.getenv('B') else None`: B only picks the branch, which A may pick without it.
      if (!test && tested && either) return { kind: 'default' };
      if (!test) break;
      const unset = test === 'empty' ? branch.consequence : branch.alternative;
      return unset && [...within(unset)].some((n) => d.fails(n)) ? NONE : { kind: 'default' };
    }
    compared ||= literalTest(holder, bound, d.empty) !== undefined;
  }
  return compared ? { kind: 'default' } : undefined;
}

/** The `if` of an `if / else if` chain (from `first`) whose condition tests the value, with its test. */
function testInChain(
  first: Branch | undefined,
  bound: ReadonlySet<string>,
  d: FlowDialect,
): { branch?: Branch; test?: 'empty' | 'set'; either?: true } {
  let branch = first;
  for (let hop = 0; branch && hop < FOLLOWING; hop++) {
    const test = testedBy(branch, bound, d);
    if (test) return { branch, test };
    // `A set || X set`: the branch may run without X too; only whether X picks it is known.
    if (!branch.inverted && eitherSet(branch.condition, bound, d)) return { branch, either: true };
    const alternative = branch.alternative;
    // `else if`: the alternative is the next if, as it is or alone in its clause.
    const only = alternative?.namedChildCount === 1 ? alternative.namedChild(0) : null;
    branch = alternative && (d.ifParts(alternative) ?? (only ? d.ifParts(only) : undefined));
  }
  return {};
}

/**
 * A value that only picks a branch (`else if (!string.IsNullOrEmpty(spannerProjectId)) { services.AddSingleton<…>() }`):
 * its branch never uses it, and the one taken unset neither fails nor returns: the code runs without the key.
 */
function onlyDecides(branch: Branch, otherwise: Node | undefined, bound: ReadonlySet<string>, d: FlowDialect): SiteFallback {
  if (mentions(branch.consequence, bound)) return NONE;
  if (!otherwise) return { kind: 'default' };
  return [...within(otherwise)].some((n) => d.fails(n) || d.returned(n) !== undefined) ? NONE : { kind: 'default' };
}

const OR = new Set(['||', 'or']);

/**
 * Whether a condition is an `||` one of whose sides (or of an `||` side's) tests that the value is set. A side that is
 * itself an `||` tests it only as a whole (an `||` of tests is never one that it is set): its own sides are looked at in turn.
 */
function eitherSet(condition: Node, bound: ReadonlySet<string>, d: FlowDialect, presence?: Presence): boolean {
  const c = unparenthesized(condition);
  if (!OR.has(operatorOf(c) ?? '')) return false;
  const sides = [...c.namedChildren];
  for (let side = sides.pop(); side !== undefined; side = sides.pop()) {
    if (side === null) continue;
    const inner = unparenthesized(side);
    const either = OR.has(operatorOf(inner) ?? '');
    if ((either ? ownTest(side, bound, d.empty, presence) : testOf(side, bound, d.empty, presence)) === 'set') return true;
    if (either) sides.push(...inner.namedChildren);
  }
  return false;
}

/**
 * `dsn = os.environ.get('SENTRY_DSN')`, then `if dsn: sentry_sdk.init(dsn=dsn)` and no other use: the value is used only where
 * its test says it is set, and unset the code goes on without it (a default), as a read written in that branch would.
 */
function usedOnlyIn(test: Node, branch: Branch, bound: ReadonlySet<string>, d: FlowDialect): boolean {
  if (fields(bound) || !mentions(branch.consequence, bound)) return false;
  // `if (v != null) v = v.Trim();` transforms the value for later code, which may use it unset.
  if ([...within(branch.consequence)].some((n) => bound.has(d.assignment(n)?.target ?? ''))) return false;
  return !usedLater(test, bound, d);
}

/** Whether a statement after `test` uses the value, not counting an `if` that first gives the names a new one in its own condition. */
function usedLater(test: Node, bound: ReadonlySet<string>, d: FlowDialect): boolean {
  for (let s = test.nextNamedSibling; s; s = s.nextNamedSibling) if (mentions(s, bound) && !rebindsOwnIf(s, bound, d)) return true;
  return false;
}

/**
 * Whether a statement is an `if` whose condition assigns the names anew before any use, one its branch runs only after
 * (the dialect's binding opens it), and whose else does not use them: huginn's Devise initializer binds `key` in each
 * provider's `if (key = ENV["TWITTER_OAUTH_KEY"]).present? && …`, and the next provider's `if` uses its own.
 */
function rebindsOwnIf(s: Node, bound: ReadonlySet<string>, d: FlowDialect): boolean {
  const branch = d.ifParts(s);
  if (!branch || (branch.alternative && mentions(branch.alternative, bound))) return false;
  const first = [...within(branch.condition)].find((n) => isBound(n.text, bound) || isBound(d.assignment(n)?.target ?? '', bound));
  const assigned = first && d.assignment(first);
  if (!assigned || !bound.has(assigned.target) || mentions(assigned.value, bound)) return false;
  return d.binding(assigned.value)?.ownIf?.id === s.id;
}

/**
 * `v = getenv("IPV6_ENABLED")`, then `if (v != nullptr && std::string(v) == "true") { ip = "[::]"; }` and no other use: the value
 * only picks a branch with no else, which the code goes past without it (a default).
 */
function onlyPicks(test: Node, branch: Branch, bound: ReadonlySet<string>, d: FlowDialect): boolean {
  if (branch.alternative || fields(bound) || mentions(branch.consequence, bound)) return false;
  return !usedLater(test, bound, d);
}

/** Whether a branch stores the value where a pointer points (Go's `*target = raw`): the caller's variable keeps what it held when it does not run. */
const setsThroughPointer = (branch: Node, bound: ReadonlySet<string>, d: FlowDialect): boolean =>
  [...within(branch)].some((n) => {
    const assigned = d.assignment(n);
    return assigned !== undefined && assigned.target.startsWith('*') && mentions(assigned.value, bound);
  });

/** The fallback written around a read bound to variables: an `if` that tests them, or a ternary on them, in the statements that follow. */
export const flowAround = (value: Node, d: FlowDialect): SiteFallback => flowDecision(value, d) ?? NONE;

/**
 * flowAround, undefined when nothing around the value decides (no test of it, no default for it): around a
 * wrapper's call, that leaves the wrapper's own fallback (a comparison's false) as it is.
 */
export function flowDecision(value: Node, d: FlowDialect): SiteFallback | undefined {
  const binding = d.binding(value);
  if (!binding) return presenceAround(value, d);
  const bound = new Set(binding.names);
  const start = binding.ownIf ?? binding.statement.nextNamedSibling;
  let left = FOLLOWING;
  for (let s: Node | null = start; s && left > 0; s = s.nextNamedSibling, left--) {
    const defaulted = d.defaulting?.(s);
    if (defaulted && bound.has(defaulted.target)) return { kind: 'default', node: defaulted.value };
    const { branch, test, either } = testInChain(d.ifParts(s), bound, d);
    if (branch && either) return onlyDecides(branch, branch.alternative, bound, d);
    if (branch && test === 'empty') return decide(branch.consequence, bound, d);
    if (branch && test === 'set') {
      if (branch.alternative) {
        const decided = decide(branch.alternative, bound, d);
        if (decided !== NONE) return decided;
        return otherwiseBranch(branch, branch.alternative, bound, d) ?? onlyDecides(branch, branch.alternative, bound, d);
      }
      const next = s.nextNamedSibling;
      const values = next ? d.returned(next) : undefined;
      // `if ok { *target = raw }; return nil`: the value leaves through the pointer, and the nil error after it is no default.
      const succeeds = values?.every((v) => d.empty.has(v.text)) === true && setsThroughPointer(branch.consequence, bound, d);
      if (values && !succeeds) return fromReturn(values, bound, d);
      return assignsFrom(branch.consequence, bound, d) || usedOnlyIn(s, branch, bound, d) || onlyPicks(s, branch, bound, d)
        ? { kind: 'default' }
        : NONE;
    }
    // `if ($v == "true") { … }`: a comparison with a text, true only when set.
    const plain = d.ifParts(s);
    if (plain && !plain.inverted && literalTest(plain.condition, bound, d.empty) === 'set' && onlyPicks(s, plain, bound, d))
      return { kind: 'default' };
    for (const n of within(s)) {
      const b = d.conditional(n);
      const t = b && testOf(b.condition, bound, d.empty);
      if (b && t) return fromBranch(t, b, d);
    }
    const assigned = d.assignment(s) ?? (s.namedChildren[0] ? d.assignment(s.namedChildren[0]) : undefined);
    if (assigned && bound.has(assigned.target)) return undefined;
  }
  return undefined;
}
