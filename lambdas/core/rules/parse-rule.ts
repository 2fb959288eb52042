import type jsep from 'jsep';
import { canonicalKey } from '../keys';
import { parseWithQuantities, QUANTITY_NODE, type QuantityNode } from './jsep-quantities';
import { ARITHMETIC_OPS, COMPARISON_OPS, keysOf, type ArithmeticOp, type CompiledRule, type ComparisonOp, type RuleNode } from './rule-ast';
import { DriftError } from '../errors';

export type { CompiledRule, RuleNode } from './rule-ast';
export type ParsedRule = { ok: true; rule: CompiledRule } | { ok: false; error: string; index?: number };

export const MAX_RULE_LENGTH = 2000;
export const MAX_RULE_DEPTH = 64;

const SYNONYMS: Record<string, string> = { '===': '==', '!==': '!=' };
const SEGMENT = /^[a-z][a-z0-9]*$/;
const RESERVED: ReadonlySet<string> = new Set([
  'this',
  'new',
  'typeof',
  'void',
  'delete',
  'in',
  'instanceof',
  'function',
  'return',
  'var',
  'let',
  'const',
  'class',
  'import',
  'export',
  'yield',
  'await',
  'async',
  'super',
  'with',
  'eval',
  'arguments',
  'null',
  'undefined',
  'nan',
  'infinity',
]);

class RuleSyntaxError extends DriftError {
  override name = 'RuleSyntaxError';
  // Caught here and returned as the rule's problem; never reaches a driver.
  readonly userFacing = false;
}
const reject = (message: string): never => {
  throw new RuleSyntaxError(message);
};

// jsep recurses once per bracket level; refusing deep brackets first keeps it far from the stack limit.
function bracketDepth(expression: string): number {
  let depth = 0;
  let max = 0;
  let quote = '';
  for (let i = 0; i < expression.length; i++) {
    const c = expression[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '(' || c === '[') max = Math.max(max, ++depth);
    else if (c === ')' || c === ']') depth--;
  }
  return max;
}

function keyName(node: jsep.Expression): string {
  const segments: string[] = [];
  let n = node;
  while (n.type === 'MemberExpression') {
    const m = n as jsep.MemberExpression;
    if (m.computed) reject('computed access like a[b] is not supported: name keys with dots (db.pool.size)');
    if (m.optional) reject('optional chaining (?.) is not supported');
    if (m.property.type !== 'Identifier') reject('a key name is identifiers joined with dots');
    segments.unshift((m.property as jsep.Identifier).name);
    n = m.object;
  }
  if (n.type === 'ThisExpression') reject('"this" is not supported in rules');
  if (n.type !== 'Identifier') reject(`property access is only for key names; ${describe(n)} has no properties`);
  segments.unshift((n as jsep.Identifier).name);
  // Only a bare word can be mistaken for JavaScript; `enable.new.checkout` is an ordinary key.
  if (segments.length === 1 && RESERVED.has(segments[0]!.toLowerCase())) reject(`"${segments[0]}" is not supported in rules`);
  const key = segments.join('.');
  if (segments.every((s) => SEGMENT.test(s))) return key;
  const canonical = canonicalKey(key);
  const fixable = segments.every((s) => /^[A-Za-z][A-Za-z0-9_]*$/.test(s)) && canonical.split('.').every((s) => SEGMENT.test(s));
  return reject(
    fixable
      ? `key names are canonical: write "${canonical}", not "${key}"`
      : `"${key}" is not a key name: use lowercase letters and digits joined with dots`,
  );
}

function describe(node: jsep.Expression): string {
  const names: Record<string, string> = {
    CallExpression: 'a function call',
    ThisExpression: '"this"',
    ArrayExpression: 'an array',
    Compound: 'more than one expression',
    SequenceExpression: 'a comma sequence',
    Literal: 'a literal',
  };
  return names[node.type] ?? `a ${node.type}`;
}

function convert(node: jsep.Expression, depth: number): RuleNode {
  if (depth > MAX_RULE_DEPTH) reject(`the rule is nested deeper than ${MAX_RULE_DEPTH} levels`);
  const next = depth + 1;
  switch (node.type) {
    case QUANTITY_NODE: {
      const q = node as QuantityNode;
      return { kind: 'literal', value: q.value, raw: q.raw };
    }
    case 'Literal': {
      const { value, raw } = node as jsep.Literal;
      if (typeof value === 'string') return { kind: 'literal', value: { type: 'string', value }, raw };
      if (typeof value === 'boolean') return { kind: 'literal', value: { type: 'bool', value }, raw };
      return reject(`${raw} is not supported in rules`);
    }
    case 'Identifier':
    case 'MemberExpression': {
      return { kind: 'key', key: keyName(node) };
    }
    case 'UnaryExpression': {
      const u = node as jsep.UnaryExpression;
      if (u.operator !== '!' && u.operator !== '-') reject(`unary operator "${u.operator}" is not supported`);
      return { kind: 'unary', op: u.operator as '!' | '-', arg: convert(u.argument, next) };
    }
    case 'BinaryExpression': {
      const b = node as jsep.BinaryExpression;
      const op = SYNONYMS[b.operator] ?? b.operator;
      const left = convert(b.left, next);
      const right = convert(b.right, next);
      if (op === '&&' || op === '||') return { kind: 'logical', op, left, right };
      if ((COMPARISON_OPS as readonly string[]).includes(op)) return { kind: 'comparison', op: op as ComparisonOp, left, right };
      if ((ARITHMETIC_OPS as readonly string[]).includes(op)) return { kind: 'arithmetic', op: op as ArithmeticOp, left, right };
      return reject(`operator "${b.operator}" is not supported`);
    }
    case 'ConditionalExpression': {
      const c = node as jsep.ConditionalExpression;
      return { kind: 'conditional', test: convert(c.test, next), then: convert(c.consequent, next), else: convert(c.alternate, next) };
    }
    case 'Compound': {
      if ((node as jsep.Compound).body.length === 0) return reject('expected an expression');
      const idents = (node as jsep.Compound).body.filter((n) => n.type === 'Identifier') as jsep.Identifier[];
      const word = idents.find((n) => RESERVED.has(n.name.toLowerCase()));
      return reject(word ? `"${word.name}" is not supported in rules` : 'a rule is one expression: is an operator missing?');
    }
    default:
      return reject(`${describe(node)} is not supported in rules`);
  }
}

/**
 * A syntax error without what it would quote of a string: jsep quotes the rest of an unclosed one
 * (`Unclosed quote after "ghp_…`), a credential the estate refuses by position, never by value.
 */
const withoutStringText = (error: string): string =>
  error.startsWith('Unclosed quote') ? 'Unclosed quote: a string has no closing quote' : error;

/** Parses a rule's `assert` expression into our own typed AST, or says clearly why it cannot. */
export function parseRule(expression: string): ParsedRule {
  if (typeof expression !== 'string' || expression.trim() === '') return { ok: false, error: 'the rule is empty' };
  if (expression.length > MAX_RULE_LENGTH) {
    return { ok: false, error: `the rule is ${expression.length} characters long; the limit is ${MAX_RULE_LENGTH}` };
  }
  if (bracketDepth(expression) > MAX_RULE_DEPTH) {
    return { ok: false, error: `the rule is nested deeper than ${MAX_RULE_DEPTH} levels` };
  }
  let tree: jsep.Expression;
  try {
    tree = parseWithQuantities(expression);
  } catch (e) {
    const err = e as { description?: unknown; index?: unknown; message?: unknown };
    if (e instanceof RangeError) return { ok: false, error: `the rule is nested deeper than ${MAX_RULE_DEPTH} levels` };
    const error = withoutStringText(typeof err.description === 'string' ? err.description : String(err.message ?? e));
    return typeof err.index === 'number' ? { ok: false, error, index: err.index } : { ok: false, error };
  }
  try {
    const ast = convert(tree, 1);
    return { ok: true, rule: { expression, ast, keys: keysOf(ast) } };
  } catch (e) {
    if (e instanceof RuleSyntaxError) return { ok: false, error: e.message };
    if (e instanceof RangeError) return { ok: false, error: `the rule is nested deeper than ${MAX_RULE_DEPTH} levels` };
    throw e;
  }
}
