import type { ValueType } from '../values/types';
import { describeType } from './format-quantity';
import type { ArithmeticOp, ComparisonOp, RuleValue } from './rule-ast';

/** The type of a value inside a rule: a dimension (number, duration, size), a bool or a string. */
export type RuleType = RuleValue['type'];

export const RULE_TYPES: readonly RuleType[] = ['number', 'duration', 'bytes', 'bool', 'string'];

/**
 * What a key of each declared type is inside a rule. The evaluator reads values through this table
 * (readKeyValue) and the type checker types keys with it, so the two cannot disagree.
 */
export const RULE_TYPE_OF: Readonly<Record<ValueType, RuleType>> = {
  int: 'number',
  number: 'number',
  cpu: 'number', // a number of cores
  duration: 'duration',
  bytes: 'bytes',
  bool: 'bool',
  string: 'string',
  url: 'string',
  json: 'string',
};

/** The type an operation gives, or why it cannot; `mixed` marks a plain number meeting a duration or size. */
export type TypeResult = { ok: true; type: RuleType } | { ok: false; error: string; mixed?: boolean };

const ok = (type: RuleType): TypeResult => ({ ok: true, type });
const fail = (error: string, mixed = false): TypeResult => ({ ok: false, error, mixed });

const isDimension = (t: RuleType): boolean => t !== 'bool' && t !== 'string';
const isMixed = (a: RuleType, b: RuleType): boolean =>
  (a === 'number' && isDimension(b) && b !== 'number') || (b === 'number' && isDimension(a) && a !== 'number');

/**
 * The dimensions of `+ - * / %`: like adds to like, a duration or size scales by a number, and a
 * duration divided by a duration is a number. The evaluator and the type checker both ask this.
 */
export function arithmeticType(op: ArithmeticOp, a: RuleType, b: RuleType): TypeResult {
  if (!isDimension(a)) return fail(`"${op}" needs numbers, durations or sizes, not ${describeType(a)}`);
  if (!isDimension(b)) return fail(`"${op}" needs numbers, durations or sizes, not ${describeType(b)}`);
  switch (op) {
    case '+':
    case '-': {
      if (a === b) return ok(a);
      const verb = op === '+' ? `add ${describeType(b)} to` : `subtract ${describeType(b)} from`;
      return fail(`cannot ${verb} ${describeType(a)}`, isMixed(a, b));
    }
    case '*':
      if (a !== 'number' && b !== 'number') return fail(`cannot multiply ${describeType(a)} by ${describeType(b)}`);
      return ok(a === 'number' ? b : a);
    case '/':
    case '%':
      if (b !== 'number' && a !== b) return fail(`cannot divide ${describeType(a)} by ${describeType(b)}`, isMixed(a, b));
      return ok(op === '/' && a === b ? 'number' : a);
  }
}

/** Comparisons are between values of one type; bools only with `==` and `!=`. */
export function compareType(op: ComparisonOp, a: RuleType, b: RuleType): TypeResult {
  if (a !== b) return fail(`cannot compare ${describeType(a)} with ${describeType(b)}`, isMixed(a, b));
  if (a === 'bool' && op !== '==' && op !== '!=') return fail(`bools can only be compared with == and !=, not "${op}"`);
  return ok('bool');
}

/** `!` on a bool, `-` on a number, duration or size. */
export function unaryType(op: '!' | '-', a: RuleType): TypeResult {
  if (op === '!') return a === 'bool' ? ok('bool') : fail(`"!" needs a bool, not ${describeType(a)}`);
  return isDimension(a) ? ok(a) : fail(`"-" needs a number, duration or size, not ${describeType(a)}`);
}

/** `&&`, `||` and the condition of `?:` take bools. */
export const boolType = (a: RuleType, what: string): TypeResult =>
  a === 'bool' ? ok('bool') : fail(`${what} needs a bool, not ${describeType(a)}`);
