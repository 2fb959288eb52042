import type { ValueType } from '../values/types';
import { describeType } from './format-quantity';
import { printRule } from './print-rule';
import { keysOf, type RuleNode } from './rule-ast';
import { arithmeticType, boolType, compareType, RULE_TYPE_OF, RULE_TYPES, unaryType, type RuleType, type TypeResult } from './rule-types';

/** A key's declared type; undefined when it has none (its values are read as they are written). */
export type DeclaredTypes = (key: string) => ValueType | undefined;

/** One part of a rule that cannot be evaluated whatever the values of its keys. */
export interface RuleTypeProblem {
  /** The part, as source text. */
  expression: string;
  error: string;
  /** `cannot add a size to a duration: db.timeout + cache.size (db.timeout is duration, cache.size is bytes)` */
  message: string;
}

type Types = ReadonlySet<RuleType>;
const ANY: Types = new Set(RULE_TYPES);
const BOOL: Types = new Set(['bool']);

/**
 * The results of an operation over every type (or pair of types) its operands may have, asked of
 * the evaluator's own table. A problem only when none works: an untyped key may be any type, so it
 * never raises a false one.
 */
function outcome(results: readonly TypeResult[]): { types: Types } | { error: string } {
  const out = new Set<RuleType>();
  let error: string | undefined;
  for (const r of results) {
    if (r.ok) out.add(r.type);
    else error ??= r.error;
  }
  return out.size ? { types: out } : { error: error as string };
}

const pairs = (a: Types, b: Types, op: (x: RuleType, y: RuleType) => TypeResult): TypeResult[] =>
  [...a].flatMap((x) => [...b].map((y) => op(x, y)));

const phrase = (types: Types): string => [...types].map(describeType).join(' or ');

/**
 * Type-checks a parsed rule against the declared types of its keys: the problems the evaluator
 * would meet in every environment, found before any value is read. Both branches of `&&`, `||` and
 * `?:` are checked, as either may run.
 */
export function typeCheckRule(ast: RuleNode, declared: DeclaredTypes): RuleTypeProblem[] {
  const problems: RuleTypeProblem[] = [];
  const report = (node: RuleNode, error: string): Types => {
    const typed = keysOf(node).flatMap((k) => {
      const t = declared(k);
      return t ? [`${k} is ${t}`] : [];
    });
    const expression = printRule(node);
    problems.push({ expression, error, message: `${error}: ${expression}${typed.length ? ` (${typed.join(', ')})` : ''}` });
    // What follows is judged as if this part could be anything, so one mistake is reported once.
    return ANY;
  };
  const settle = (node: RuleNode, r: { types: Types } | { error: string }): Types => ('types' in r ? r.types : report(node, r.error));
  const asBool = (node: RuleNode, what: string): void => {
    settle(node, outcome([...walk(node)].map((x) => boolType(x, what))));
  };

  const walk = (node: RuleNode): Types => {
    switch (node.kind) {
      case 'literal':
        return new Set([node.value.type]);
      case 'key': {
        const t = declared(node.key);
        return t ? new Set([RULE_TYPE_OF[t]]) : ANY;
      }
      case 'unary':
        return settle(node, outcome([...walk(node.arg)].map((x) => unaryType(node.op, x))));
      case 'arithmetic': {
        const left = walk(node.left);
        const right = walk(node.right);
        return settle(node, outcome(pairs(left, right, (x, y) => arithmeticType(node.op, x, y))));
      }
      case 'comparison': {
        const left = walk(node.left);
        const right = walk(node.right);
        return settle(node, outcome(pairs(left, right, (x, y) => compareType(node.op, x, y))));
      }
      case 'logical':
        asBool(node.left, `"${node.op}"`);
        asBool(node.right, `"${node.op}"`);
        return BOOL;
      case 'conditional': {
        asBool(node.test, 'the condition before "?"');
        return new Set([...walk(node.then), ...walk(node.else)]);
      }
    }
  };

  const result = walk(ast);
  if (!result.has('bool')) {
    problems.push({
      expression: printRule(ast),
      error: `a rule must be true or false, but this one gives ${phrase(result)}`,
      message: `a rule must be true or false, but this one gives ${phrase(result)}`,
    });
  }
  return problems;
}
