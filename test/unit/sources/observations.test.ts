import fc from 'fast-check';
import type { Observation } from '../../../lambdas/core/model';
import { ObservationSet } from '../../../lambdas/core/sources/observations';
import { testContext } from '../../helpers/context';

describe('ObservationSet', () => {
  it('keeps the last observation of each key, in the order keys were last set, as a Map that deletes before it sets', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom('a', 'b', 'c', 'd', ''), fc.string({ maxLength: 3 })), { maxLength: 30 }), (sets) => {
        const ctx = testContext();
        const set = new ObservationSet(ctx);
        const reference = new Map<string, Observation>();
        sets.forEach(([key, text], i) => {
          set.set(key, key.toUpperCase(), { kind: 'text', text }, `line ${i}`);
          if (key === '') return;
          reference.delete(key);
          reference.set(key, {
            key,
            rawKey: key.toUpperCase(),
            value: { kind: 'text', text },
            origin: { source: ctx.source, location: `line ${i}` },
          });
        });
        expect(set.list()).toEqual([...reference.values()]);
      }),
      { numRuns: 300 },
    );
  });
});
