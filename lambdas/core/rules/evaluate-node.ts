import type { RuleNode, RuleValue } from './rule-ast';
import { arithmetic, compare, unary, type OpResult } from './rule-ops';
import { boolType } from './rule-types';

/** The typed values of a rule's keys in one environment. */
export type RuleEnv = ReadonlyMap<string, RuleValue>;

function asBool(r: OpResult, what: string): OpResult {
  if (!r.ok) return r;
  const t = boolType(r.value.type, what);
  return t.ok ? r : t;
}

/**
 * Evaluates our AST over known values. `&&`, `||` and `?:` short-circuit as in JavaScript, so a
 * guard like `n == 0 || total / n < 5s` works.
 */
export function evaluateNode(node: RuleNode, env: RuleEnv): OpResult {
  switch (node.kind) {
    case 'literal':
      return { ok: true, value: node.value };
    case 'key': {
      const value = env.get(node.key);
      return value ? { ok: true, value } : { ok: false, error: `no value for key ${node.key}` };
    }
    case 'unary': {
      const arg = evaluateNode(node.arg, env);
      return arg.ok ? unary(node.op, arg.value) : arg;
    }
    case 'arithmetic':
    case 'comparison': {
      const left = evaluateNode(node.left, env);
      if (!left.ok) return left;
      const right = evaluateNode(node.right, env);
      if (!right.ok) return right;
      return node.kind === 'arithmetic' ? arithmetic(node.op, left.value, right.value) : compare(node.op, left.value, right.value);
    }
    case 'logical': {
      const left = asBool(evaluateNode(node.left, env), `"${node.op}"`);
      if (!left.ok || left.value.value === (node.op === '||')) return left;
      return asBool(evaluateNode(node.right, env), `"${node.op}"`);
    }
    case 'conditional': {
      const test = asBool(evaluateNode(node.test, env), 'the condition before "?"');
      if (!test.ok) return test;
      return evaluateNode(test.value.value ? node.then : node.else, env);
    }
  }
}
