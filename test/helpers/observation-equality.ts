// An observation whose origin is made when asked (placedObservation) compares in tests as the plain
// observation it stands for: its origin is inherited (placedObservation), not a field of its own, so jest's
// deep equality would otherwise see an object without one.
import type { Tester, TesterContext } from '@jest/expect-utils';

const isPlaced = (x: unknown): x is { origin: unknown } =>
  typeof x === 'object' &&
  x !== null &&
  !Object.prototype.hasOwnProperty.call(x, 'origin') &&
  'origin' in x &&
  typeof (x as { toJSON?: unknown }).toJSON === 'function';

// Every field of its own but where it is placed and its key's number (a hint, not data), and the origin: not toJSON,
// which would hide a field it does not write.
const asPlain = (x: unknown): unknown => {
  if (!isPlaced(x)) return x;
  const { place: _place, tail: _tail, keyId: _keyId, ...own } = x as { place?: unknown; tail?: unknown; keyId?: unknown };
  return { ...own, origin: x.origin };
};

// A tester is not told whether it serves toStrictEqual; that matcher alone passes jest's typeEquality.
const strict = (testers: readonly Tester[]): boolean => testers.some((t) => t.name === 'typeEquality');

const placedObservations: Tester = function (this: TesterContext, a, b, testers) {
  if (!isPlaced(a) && !isPlaced(b)) return undefined;
  return this.equals(asPlain(a), asPlain(b), testers, strict(testers));
};

// @types/jest 29.5 does not declare it; jest 29.7's expect has it.
(expect as unknown as { addEqualityTesters(testers: Tester[]): void }).addEqualityTesters([placedObservations]);
