import { BYTE_UNITS, DURATION_UNITS } from '../values/units';
import { describeType } from './format-quantity';
import { isQuantity, type ArithmeticOp, type ComparisonOp, type Quantity, type RuleValue } from './rule-ast';

/** An operation's result; `mixed` marks a plain number meeting a duration or size (worth a hint). */
export type OpResult = { ok: true; value: RuleValue } | { ok: false; error: string; mixed?: boolean };

const ok = (value: RuleValue): OpResult => ({ ok: true, value });
const fail = (error: string, mixed = false): OpResult => ({ ok: false, error, mixed });
const isMixed = (a: RuleValue, b: RuleValue): boolean =>
  (a.type === 'number' && isQuantity(b) && b.type !== 'number') || (b.type === 'number' && isQuantity(a) && a.type !== 'number');

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

function arithmeticOf(op: ArithmeticOp, a: Quantity, b: Quantity): OpResult {
  const mixed = isMixed(a, b);
  switch (op) {
    case '+':
    case '-':
      if (a.type !== b.type) {
        const verb = op === '+' ? `add ${describeType(b.type)} to` : `subtract ${describeType(b.type)} from`;
        return fail(`cannot ${verb} ${describeType(a.type)}`, mixed);
      }
      return quantity(a.type, op === '+' ? a.value + b.value : a.value - b.value, finerUnit(a, b));
    case '*':
      if (a.type !== 'number' && b.type !== 'number') {
        return fail(`cannot multiply ${describeType(a.type)} by ${describeType(b.type)}`);
      }
      return a.type === 'number' ? quantity(b.type, a.value * b.value, b.unit) : quantity(a.type, a.value * b.value, a.unit);
    case '/':
    case '%': {
      if (b.type !== 'number' && a.type !== b.type) {
        return fail(`cannot divide ${describeType(a.type)} by ${describeType(b.type)}`, mixed);
      }
      if (compareNumbers(b.value, 0) === 0) return fail(op === '/' ? 'division by zero' : 'modulo by zero');
      if (op === '%') return quantity(a.type, a.value % b.value, b.type === 'number' ? a.unit : finerUnit(a, b));
      return a.type === b.type ? quantity('number', a.value / b.value) : quantity(a.type, a.value / b.value, a.unit);
    }
  }
}

/** `+ - * / %` following dimensions: duration × number is a duration, duration ÷ duration a number. */
export function arithmetic(op: ArithmeticOp, a: RuleValue, b: RuleValue): OpResult {
  if (!isQuantity(a)) return fail(`"${op}" needs numbers, durations or sizes, not ${describeType(a.type)}`);
  if (!isQuantity(b)) return fail(`"${op}" needs numbers, durations or sizes, not ${describeType(b.type)}`);
  return arithmeticOf(op, a, b);
}

const ORDERED: Record<ComparisonOp, (c: number) => boolean> = {
  '<': (c) => c < 0, '<=': (c) => c <= 0, '>': (c) => c > 0, '>=': (c) => c >= 0, '==': (c) => c === 0, '!=': (c) => c !== 0,
};

/** Comparisons between values of one type; strings order by code unit, bools only (in)equal. */
export function compare(op: ComparisonOp, a: RuleValue, b: RuleValue): OpResult {
  if (a.type !== b.type) return fail(`cannot compare ${describeType(a.type)} with ${describeType(b.type)}`, isMixed(a, b));
  let c: number;
  if (a.type === 'bool') {
    if (op !== '==' && op !== '!=') return fail(`bools can only be compared with == and !=, not "${op}"`);
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
  if (op === '!') return v.type === 'bool' ? ok({ type: 'bool', value: !v.value }) : fail(`"!" needs a bool, not ${describeType(v.type)}`);
  return isQuantity(v) ? quantity(v.type, -v.value, v.unit) : fail(`"-" needs a number, duration or size, not ${describeType(v.type)}`);
}
