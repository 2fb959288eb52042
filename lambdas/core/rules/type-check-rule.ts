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
const NONE: Types = new Set();
const ANY: Types = new Set(RULE_TYPES);

/**
 * What a part of a rule may give. `sure`: types it gives on some run, each of which must then work
 * wherever it goes (`a ? 2s : b > 1` gives a duration whenever `a` holds, so it is no rule). `maybe`:
 * the types a key without a declared type may have, one of them, unknown which: there a problem is
 * only when none works, so an untyped key never raises a false one.
 */
interface Typed {
  sure: Types;
  maybe: Types;
}

const sure = (...types: RuleType[]): Typed => ({ sure: new Set(types), maybe: NONE });
/** What a part is judged as once it was reported: anything, so one mistake is reported once. */
const UNKNOWN: Typed = { sure: NONE, maybe: ANY };

/** Every way of picking one item of each list, in order. */
const product = <T>(lists: ReadonlyArray<readonly T[]>): T[][] =>
  lists.reduce<T[][]>((picked, list) => picked.flatMap((p) => list.map((x) => [...p, x])), [[]]);

/** The cases of an operand: each sure type on its own, and its maybe types as one lenient group. */
const cases = (o: Typed): Array<{ types: RuleType[]; lenient: boolean }> => [
  ...[...o.sure].map((t) => ({ types: [t], lenient: false })),
  ...(o.maybe.size ? [{ types: [...o.maybe], lenient: true }] : []),
];

/**
 * An operation over every case of its operands, asked of the evaluator's own table: each case
 * must have a type (pair of types) that works, which for sure types alone is the one. The first
 * failing case's reason, or what the operation gives (a maybe where a maybe took part).
 */
function apply(operands: readonly Typed[], op: (types: readonly RuleType[]) => TypeResult): Typed | { error: string } {
  const out = { sure: new Set<RuleType>(), maybe: new Set<RuleType>() };
  for (const picked of product(operands.map(cases))) {
    const gives = picked.some((c) => c.lenient) ? out.maybe : out.sure;
    let error: string | undefined;
    let worked = false;
    for (const r of product(picked.map((c) => c.types)).map(op)) {
      if (!r.ok) error ??= r.error;
      else {
        worked = true;
        gives.add(r.type);
      }
    }
    if (!worked) return { error: error as string };
  }
  return out;
}

const phrase = (types: Iterable<RuleType>): string => [...types].map(describeType).join(' or ');

/**
 * Type-checks a parsed rule against the declared types of its keys: the problems the evaluator
 * would meet, found before any value is read. Both branches of `&&`, `||` and `?:` are checked, as
 * either may run, and each branch of a `?:` must give what its place needs.
 */
export function typeCheckRule(ast: RuleNode, declared: DeclaredTypes): RuleTypeProblem[] {
  const problems: RuleTypeProblem[] = [];
  const report = (node: RuleNode, error: string): Typed => {
    const typed = keysOf(node).flatMap((k) => {
      const t = declared(k);
      return t ? [`${k} is ${t}`] : [];
    });
    const expression = printRule(node);
    problems.push({ expression, error, message: `${error}: ${expression}${typed.length ? ` (${typed.join(', ')})` : ''}` });
    return UNKNOWN;
  };
  const settle = (node: RuleNode, r: Typed | { error: string }): Typed => ('error' in r ? report(node, r.error) : r);
  const asBool = (node: RuleNode, what: string): void => {
    settle(
      node,
      apply([walk(node)], (t) => boolType(t[0] as RuleType, what)),
    );
  };

  const walk = (node: RuleNode): Typed => {
    switch (node.kind) {
      case 'literal':
        return sure(node.value.type);
      case 'key': {
        const t = declared(node.key);
        return t ? sure(RULE_TYPE_OF[t]) : UNKNOWN;
      }
      case 'unary':
        return settle(
          node,
          apply([walk(node.arg)], (t) => unaryType(node.op, t[0] as RuleType)),
        );
      case 'arithmetic': {
        const operands = [walk(node.left), walk(node.right)];
        return settle(
          node,
          apply(operands, (t) => arithmeticType(node.op, t[0] as RuleType, t[1] as RuleType)),
        );
      }
      case 'comparison': {
        const operands = [walk(node.left), walk(node.right)];
        return settle(
          node,
          apply(operands, (t) => compareType(node.op, t[0] as RuleType, t[1] as RuleType)),
        );
      }
      case 'logical':
        asBool(node.left, `"${node.op}"`);
        asBool(node.right, `"${node.op}"`);
        return sure('bool');
      case 'conditional': {
        asBool(node.test, 'the condition before "?"');
        const then = walk(node.then);
        const otherwise = walk(node.else);
        return { sure: new Set([...then.sure, ...otherwise.sure]), maybe: new Set([...then.maybe, ...otherwise.maybe]) };
      }
    }
  };

  const result = walk(ast);
  const notBool = [...result.sure].filter((t) => t !== 'bool');
  const neverBool = !result.sure.has('bool') && !result.maybe.has('bool');
  if (notBool.length || neverBool) {
    const gives = notBool.length ? notBool : [...result.maybe];
    const error = `a rule must be true or false, but this one ${neverBool ? 'gives' : 'can give'} ${phrase(gives)}`;
    problems.push({ expression: printRule(ast), error, message: error });
  }
  return problems;
}
