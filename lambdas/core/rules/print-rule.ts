import type { RuleNode } from './rule-ast';

// jsep's precedences, so a printed expression parses back to the same tree.
const PRECEDENCE: Record<string, number> = {
  '||': 1,
  '&&': 2,
  '==': 6,
  '!=': 6,
  '<': 7,
  '<=': 7,
  '>': 7,
  '>=': 7,
  '+': 9,
  '-': 9,
  '*': 10,
  '/': 10,
  '%': 10,
};
const CONDITIONAL = 0.5;
const UNARY = 20;

function precedence(node: RuleNode): number {
  switch (node.kind) {
    case 'literal':
    case 'key':
      return Infinity;
    case 'unary':
      return UNARY;
    case 'conditional':
      return CONDITIONAL;
    default:
      return PRECEDENCE[node.op] as number;
  }
}

const wrap = (node: RuleNode, min: number): string => (precedence(node) < min ? `(${printRule(node)})` : printRule(node));

/** An expression as source text, with only the parentheses it needs. */
export function printRule(node: RuleNode): string {
  switch (node.kind) {
    case 'literal':
      return node.raw;
    case 'key':
      return node.key;
    case 'unary':
      return `${node.op}${wrap(node.arg, UNARY)}`;
    case 'conditional':
      return `${wrap(node.test, CONDITIONAL + 0.1)} ? ${printRule(node.then)} : ${printRule(node.else)}`;
    default: {
      const p = PRECEDENCE[node.op] as number;
      // Left-associative: a right operand of equal precedence needs parentheses.
      return `${wrap(node.left, p)} ${node.op} ${wrap(node.right, p + 0.1)}`;
    }
  }
}
