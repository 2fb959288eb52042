// An observation whose origin is made when asked (PlacedObservation) compares in tests as the plain
// observation it stands for: its origin is a getter of its class, not a field of its own, so jest's
// deep equality would otherwise see an object without one.
import type { Tester, TesterContext } from '@jest/expect-utils';

const isPlaced = (x: unknown): x is { toJSON(): unknown } =>
  typeof x === 'object' &&
  x !== null &&
  !Object.prototype.hasOwnProperty.call(x, 'origin') &&
  'origin' in x &&
  typeof (x as { toJSON?: unknown }).toJSON === 'function';

const placedObservations: Tester = function (this: TesterContext, a, b, testers) {
  if (!isPlaced(a) && !isPlaced(b)) return undefined;
  return this.equals(isPlaced(a) ? a.toJSON() : a, isPlaced(b) ? b.toJSON() : b, testers);
};

// @types/jest 29.5 does not declare it; jest 29.7's expect has it.
(expect as unknown as { addEqualityTesters(testers: Tester[]): void }).addEqualityTesters([placedObservations]);
