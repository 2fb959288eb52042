import { evaluateNode, type RuleEnv } from './evaluate-node';
import { formatRuleValue } from './format-quantity';
import { keysOf, type RuleNode } from './rule-ast';
import { printRule } from './print-rule';

function valueOf(node: RuleNode, env: RuleEnv): string {
  const r = evaluateNode(node, env);
  return r.ok ? formatRuleValue(r.value) : '?';
}

function keyValues(node: RuleNode, env: RuleEnv): string {
  return keysOf(node)
    .map((k) => `${k} = ${valueOf({ kind: 'key', key: k }, env)}`)
    .join(', ');
}

// One side of a comparison: a literal as written, a key with its value, else the value and its keys.
function side(node: RuleNode, env: RuleEnv): string {
  if (node.kind === 'literal') return node.raw;
  if (node.kind === 'key') return `${node.key} = ${valueOf(node, env)}`;
  const keys = keyValues(node, env);
  return `${printRule(node)} = ${valueOf(node, env)}${keys ? ` (${keys})` : ''}`;
}

/**
 * Why an expression that evaluated to false is false, with the values substituted:
 * `a * b = 300s (a = 60s, b = 5), not <= 120s`.
 */
export function explainFailure(node: RuleNode, env: RuleEnv): string {
  switch (node.kind) {
    case 'comparison':
      return `${side(node.left, env)}, not ${node.op} ${side(node.right, env)}`;
    case 'logical': {
      if (node.op === '&&') {
        const left = evaluateNode(node.left, env);
        return explainFailure(left.ok && left.value.value === false ? node.left : node.right, env);
      }
      return `${explainFailure(node.left, env)}; and ${explainFailure(node.right, env)}`;
    }
    case 'conditional': {
      const test = evaluateNode(node.test, env);
      const taken = test.ok && test.value.value === true;
      return `${printRule(node.test)} is ${taken}, and ${explainFailure(taken ? node.then : node.else, env)}`;
    }
    case 'key':
      return `${node.key} is false`;
    default: {
      const keys = keyValues(node, env);
      return `${printRule(node)} is false${keys ? ` (${keys})` : ''}`;
    }
  }
}
