/** The dimensions a rule can do arithmetic in: plain numbers, durations (ms) and sizes (bytes). */
export type Dimension = 'number' | 'duration' | 'bytes';

/**
 * A typed value inside a rule. `unit` is only a display hint (the unit it was written in), so a
 * result reads `300s` when its operands were written in seconds; it never affects a comparison.
 */
export type RuleValue =
  { type: Dimension; value: number; unit?: string } | { type: 'bool'; value: boolean } | { type: 'string'; value: string };

export type Quantity = Extract<RuleValue, { type: Dimension }>;

export const ARITHMETIC_OPS = ['+', '-', '*', '/', '%'] as const;
export const COMPARISON_OPS = ['<', '<=', '>', '>=', '==', '!='] as const;
export type ArithmeticOp = (typeof ARITHMETIC_OPS)[number];
export type ComparisonOp = (typeof COMPARISON_OPS)[number];
export type LogicalOp = '&&' | '||';

/** Our own AST: only what a rule may say, so nothing else can reach the interpreter. */
export type RuleNode =
  | { kind: 'literal'; value: RuleValue; raw: string }
  | { kind: 'key'; key: string }
  | { kind: 'unary'; op: '!' | '-'; arg: RuleNode }
  | { kind: 'arithmetic'; op: ArithmeticOp; left: RuleNode; right: RuleNode }
  | { kind: 'comparison'; op: ComparisonOp; left: RuleNode; right: RuleNode }
  | { kind: 'logical'; op: LogicalOp; left: RuleNode; right: RuleNode }
  | { kind: 'conditional'; test: RuleNode; then: RuleNode; else: RuleNode };

export type CompiledRule = {
  expression: string;
  ast: RuleNode;
  /** Canonical keys referenced, deduplicated, in order of appearance. */
  keys: string[];
};

/** The keys a (sub)expression reads, deduplicated, in order of appearance. */
export function keysOf(node: RuleNode, into: string[] = []): string[] {
  switch (node.kind) {
    case 'literal':
      break;
    case 'key':
      if (!into.includes(node.key)) into.push(node.key);
      break;
    case 'unary':
      keysOf(node.arg, into);
      break;
    case 'conditional':
      keysOf(node.test, into);
      keysOf(node.then, into);
      keysOf(node.else, into);
      break;
    default:
      keysOf(node.left, into);
      keysOf(node.right, into);
  }
  return into;
}
