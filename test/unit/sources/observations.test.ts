import fc from 'fast-check';
import type { Observation } from '../../../lambdas/core/model';
import { ObservationSet, originOf, type OriginMeta } from '../../../lambdas/core/sources/observations';
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

describe('originOf', () => {
  it('holds the source, the location and exactly the meta fields that are set, in one order, whichever are', () => {
    const field = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
    fc.assert(
      fc.property(
        field(fc.oneof(fc.string({ maxLength: 4 }), fc.integer())),
        field(fc.string({ maxLength: 4 })),
        field(fc.string({ maxLength: 4 })),
        fc.boolean(),
        (version, modifiedAt, modifiedBy, spelledOut) => {
          const ctx = testContext();
          // A field given as `undefined` is as good as absent.
          const meta: OriginMeta = spelledOut ? { version, modifiedAt, modifiedBy } : {};
          if (!spelledOut) {
            if (version !== undefined) meta.version = version;
            if (modifiedAt !== undefined) meta.modifiedAt = modifiedAt;
            if (modifiedBy !== undefined) meta.modifiedBy = modifiedBy;
          }
          const origin = originOf(ctx, 'at', meta);
          const expected = Object.entries({ source: ctx.source, location: 'at', version, modifiedAt, modifiedBy }).filter(
            ([, v]) => v !== undefined,
          );
          expect(Object.entries(origin)).toStrictEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('without meta, holds the source and the location only', () => {
    const ctx = testContext();
    expect(Object.keys(originOf(ctx, 'LOG_LEVEL'))).toStrictEqual(['source', 'location']);
  });
});
