import { BYTE_UNITS, DURATION_UNITS } from '../values/units';
import type { ArithmeticOp, ComparisonOp, Quantity, RuleValue } from './rule-ast';
import { arithmeticType, compareType, unaryType } from './rule-types';

/** An operation's result; `mixed` marks a plain number meeting a duration or size (worth a hint). */
export type OpResult = { ok: true; value: RuleValue } | { ok: false; error: string; mixed?: boolean };

const ok = (value: RuleValue): OpResult => ({ ok: true, value });
const fail = (error: string): OpResult => ({ ok: false, error });

// Sums like 0.1 + 0.2 must still equal 0.3: values this close are the same value.
function compareNumbers(a: number, b: number): number {
  if (Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b))) return 0;
  return a < b ? -1 : 1;
}

// The finer of two display units, so `1m + 30s` shows as `90s`.
function finerUnit(a: Quantity, b: Quantity): string | undefined {
  const table = a.type === 'bytes' ? BYTE_UNITS : DURATION_UNITS;
  if (a.unit === undefined || table[a.unit] === undefined) return b.unit;
  if (b.unit === undefined || table[b.unit] === undefined) return a.unit;
  return (table[a.unit] as number) <= (table[b.unit] as number) ? a.unit : b.unit;
}

function quantity(type: Quantity['type'], value: number, unit?: string): OpResult {
  if (!Number.isFinite(value)) return fail('number out of range');
  return ok(type === 'number' ? { type, value } : { type, value, unit });
}

/**
 * `+ - * / %` following dimensions: duration × number is a duration, duration ÷ duration a number.
 * The result's type comes from arithmeticType, the table the type checker reads too.
 */
export function arithmetic(op: ArithmeticOp, a: RuleValue, b: RuleValue): OpResult {
  const t = arithmeticType(op, a.type, b.type);
  if (!t.ok) return t;
  // arithmeticType admits only numbers, durations and sizes.
  const x = a as Quantity;
  const y = b as Quantity;
  const type = t.type as Quantity['type'];
  switch (op) {
    case '+':
    case '-':
      return quantity(type, op === '+' ? x.value + y.value : x.value - y.value, finerUnit(x, y));
    case '*':
      return quantity(type, x.value * y.value, x.type === 'number' ? y.unit : x.unit);
    case '/':
    case '%':
      if (compareNumbers(y.value, 0) === 0) return fail(op === '/' ? 'division by zero' : 'modulo by zero');
      if (op === '%') return quantity(type, x.value % y.value, y.type === 'number' ? x.unit : finerUnit(x, y));
      return quantity(type, x.value / y.value, x.unit);
  }
}

const ORDERED: Record<ComparisonOp, (c: number) => boolean> = {
  '<': (c) => c < 0,
  '<=': (c) => c <= 0,
  '>': (c) => c > 0,
  '>=': (c) => c >= 0,
  '==': (c) => c === 0,
  '!=': (c) => c !== 0,
};

/** Comparisons between values of one type; strings order by code unit, bools only (in)equal. */
export function compare(op: ComparisonOp, a: RuleValue, b: RuleValue): OpResult {
  const t = compareType(op, a.type, b.type);
  if (!t.ok) return t;
  let c: number;
  if (a.type === 'bool') {
    c = a.value === b.value ? 0 : 1;
  } else if (a.type === 'string') {
    const s = b.value as string;
    c = a.value === s ? 0 : a.value < s ? -1 : 1;
  } else {
    c = compareNumbers(a.value, b.value as number);
  }
  return ok({ type: 'bool', value: ORDERED[op](c) });
}

/** `!` on a bool, `-` on a number or quantity. */
export function unary(op: '!' | '-', v: RuleValue): OpResult {
  const t = unaryType(op, v.type);
  if (!t.ok) return t;
  if (v.type === 'bool') return ok({ type: 'bool', value: !v.value });
  const q = v as Quantity;
  return quantity(q.type, -q.value, q.unit);
}
