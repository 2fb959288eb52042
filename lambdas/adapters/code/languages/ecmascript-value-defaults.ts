import type { Node } from 'web-tree-sitter';
import type { Wrapper } from '../language';
import { testOf, type Presence } from '../empty-test';
import { definesFunction, paramFallback, plausible, type FunctionSite, type ReadGrammar, type SiteFallback } from '../read-sites';
import { callArguments, inField, isNull, operatorOf, outermost, unparenthesized } from '../syntax';
import { flow } from './ecmascript-env';
import { isFallback, TRANSPARENT } from './ecmascript-objects';

/**
 * Functions that take a read's value, not its key, and give something else when it is empty: Unleash's
 * `parseEnvVarNumber(envVar, defaultVal)`, which returns `defaultVal` when `!envVar`, so that
 * `parseEnvVarNumber(process.env.DATABASE_PORT, 5432)` falls back to 5432. Pass 1 hands them on as
 * pseudo-wrappers (no call is named as they are); `keyParam` is the parameter the value is given at.
 */
const DEFAULTS = 'value defaulted by: ';

/** `typeof v === 'string'` holds only when v is set, `typeof v === 'undefined'` only when it is not (Unleash's `parseEnvVarStrings`). */
function typeOfTest(bound: ReadonlySet<string>): Presence {
  return (node) => {
    const op = operatorOf(node);
    if (node.type !== 'binary_expression' || !op || !['===', '==', '!==', '!='].includes(op)) return undefined;
    const [left, right] = [node.childForFieldName('left'), node.childForFieldName('right')];
    const typed = [left, right].find((n) => n?.type === 'unary_expression' && operatorOf(n) === 'typeof');
    const type = (typed === left ? right : left)?.text.slice(1, -1);
    if (!typed || !bound.has(unparenthesized(typed.namedChildren[0] ?? typed).text) || !/^[a-z]+$/.test(type ?? '')) return undefined;
    return (type === 'undefined') === op.startsWith('=') ? 'empty' : 'set';
  };
}

/** Whether a condition tests that the value is empty or set. */
const tested = (condition: Node, bound: ReadonlySet<string>) => testOf(condition, bound, flow.empty, typeOfTest(bound));

/** `v ?? d`, `v || d`, `v ? f(v) : d`: what an expression gives when `v` is empty, or undefined when it does not say. */
function emptyOf(expression: Node, bound: ReadonlySet<string>): Node | undefined {
  const e = unparenthesized(expression);
  if (isFallback(e) && bound.has(unparenthesized(e.childForFieldName('left') ?? e).text)) return e.childForFieldName('right') ?? undefined;
  const branch = flow.conditional(e);
  const test = branch && tested(branch.condition, bound);
  if (test === 'set') return branch?.alternative;
  return test === 'empty' ? branch?.consequence : undefined;
}

/** The value a branch returns as its first statement (`return d;`, `{ return d; }`, `else return d;`). */
function returnedFirst(branch: Node | undefined): Node | undefined {
  let at = branch?.type === 'else_clause' ? branch.namedChildren.find((c) => c?.type !== 'comment') : branch;
  if (at?.type === 'statement_block') at = at.namedChildren.find((c) => c?.type !== 'comment');
  const values = at ? flow.returned(at) : undefined;
  return values?.length === 1 ? values[0] : undefined;
}

// Each looks at the text first: walking every statement of every function costs more than the whole of this pass.
const mentions = (node: Node, name: string): boolean =>
  node.text.includes(name) && node.descendantsOfType('identifier').some((id) => id?.text === name);
const stops = (node: Node): boolean =>
  /\bthrow\b|process\.exit/.test(node.text) && (flow.fails(node) || node.descendantsOfType('throw_statement').length > 0);

/**
 * What `fn` returns when its parameter `value` is empty, as its body says before it uses the value otherwise: an
 * `if (!value) return d;`, an `if (value) { … } return d;` (or its `else`), a `return value ?? d`, an arrow's `value || d`.
 */
function returnedWhenEmpty(fn: FunctionSite, value: string): Node | undefined {
  const bound = new Set([value]);
  if (fn.body.type !== 'statement_block') return emptyOf(fn.body, bound);
  for (const s of fn.body.namedChildren) {
    if (!s || s.type === 'comment') continue;
    const values = flow.returned(s);
    if (values) return values.length === 1 && values[0] ? emptyOf(values[0], bound) : undefined;
    const branch = flow.ifParts(s);
    const test = branch && tested(branch.condition, bound);
    if (branch && test === 'empty') return returnedFirst(branch.consequence);
    if (branch && test === 'set')
      return branch.alternative ? returnedFirst(branch.alternative) : returnedFirst(s.nextNamedSibling ?? undefined);
    // The value used, or the function left, before any test of it: what an empty value gives is not plain.
    if (mentions(s, value) || stops(s)) return undefined;
  }
  return undefined;
}

/**
 * What a call of `fn` gets for an empty value when the function returns `returned`: a parameter's argument, a literal (`''` too,
 * as `?? ''` gives it), or an expression's result. `null` and `undefined` are still nothing.
 */
function fallbackOf(grammar: ReadGrammar, fn: FunctionSite, valueParam: number, returned: Node): Wrapper['fallback'] | undefined {
  if (isNull(returned)) return undefined;
  const param = fn.params.indexOf(grammar.reference(returned) ?? '');
  if (param === valueParam) return undefined;
  if (param >= 0) return paramFallback(grammar, fn, param);
  return grammar.isLiteral(returned) ? { kind: 'default', value: returned.text } : { kind: 'default' };
}

const FUNCTION_VALUES = new Set(['arrow_function', 'function_expression', 'function']);
const CLASSES = new Set(['class_declaration', 'abstract_class_declaration', 'class']);

/**
 * The functions a module defines at its top level, exported or not, and its classes' methods: those other files can
 * call by name. Callbacks and closures inside functions, many in a front end, are not looked at (nor walked to).
 */
function moduleFunctions(root: Node): Node[] {
  const found: Node[] = [];
  for (const child of root.namedChildren) {
    const statement =
      child?.type === 'export_statement' ? (child.childForFieldName('declaration') ?? child.childForFieldName('value')) : child;
    if (!statement) continue;
    if (statement.type.includes('function')) found.push(statement);
    for (const d of /declaration$/.test(statement.type) ? statement.namedChildren : []) {
      const value = d?.type === 'variable_declarator' ? d.childForFieldName('value') : null;
      if (value && FUNCTION_VALUES.has(value.type)) found.push(value);
    }
    const body = CLASSES.has(statement.type) ? statement.childForFieldName('body') : null;
    for (const member of body?.namedChildren ?? []) {
      const value = member?.type.endsWith('field_definition') ? member.childForFieldName('value') : member;
      if (value && (value.type === 'method_definition' || FUNCTION_VALUES.has(value.type))) found.push(value);
    }
  }
  return found;
}

/** Pass 1: the functions of a module that give something else for an empty value at one of their parameters (the first such parameter). */
export function valueDefaulters(grammar: ReadGrammar, root: Node): Wrapper[] {
  if (!/\breturn\b|=>/.test(root.text)) return [];
  return moduleFunctions(root).flatMap((node) => {
    const fn = definesFunction(grammar, node) ? grammar.functionOf(node) : undefined;
    if (!fn) return [];
    for (const [index, param] of fn.params.entries()) {
      const returned = param ? returnedWhenEmpty(fn, param) : undefined;
      const fallback = returned && fallbackOf(grammar, fn, index, returned);
      if (fallback) return [{ name: DEFAULTS + fn.name, keyParam: index, fallback, wraps: DEFAULTS }];
    }
    return [];
  });
}

/** The value defaulters among pass 1's wrappers, by the name they are called by. */
export function defaultersOf(wrappers: ReadonlyMap<string, Wrapper>): ReadonlyMap<string, Wrapper> {
  const found = new Map<string, Wrapper>();
  for (const w of wrappers.values()) if (w.wraps === DEFAULTS) found.set(w.name.slice(DEFAULTS.length), w);
  return found;
}

/**
 * `parseEnvVarNumber(process.env.X, 5432)`: a read given as it is to a value defaulter (the last of an `A || B` given so too),
 * which falls back to what the defaulter gives for an empty value. Undefined when the read is no such argument.
 */
export function afterDefaulter(read: Node, defaulters: ReadonlyMap<string, Wrapper>): SiteFallback | undefined {
  let argument = outermost(read, TRANSPARENT);
  while (argument.parent && isFallback(argument.parent) && inField(argument.parent, 'right', argument))
    argument = outermost(argument.parent, TRANSPARENT);
  const call = argument.parent?.type === 'arguments' ? argument.parent.parent : null;
  const fn = call?.type === 'call_expression' ? call.childForFieldName('function') : null;
  const name = fn?.type === 'identifier' ? fn.text : fn?.type === 'member_expression' ? fn.childForFieldName('property')?.text : undefined;
  const defaulter = name === undefined ? undefined : defaulters.get(name);
  if (!call || !defaulter || !plausible(call, name as string)) return undefined;
  const args = callArguments(call);
  if (args.findIndex((a) => a.id === argument.id) !== defaulter.keyParam) return undefined;
  const fallback = defaulter.fallback;
  if (fallback.kind !== 'param') return fallback.kind === 'default' ? fallback : undefined;
  const given = args[fallback.defaultParam];
  if (given) return isNull(given) ? undefined : { kind: 'default', node: given };
  return fallback.omitted?.kind === 'default' ? fallback.omitted : undefined;
}
