import fc from 'fast-check';
import type { Observation } from '../../../lambdas/core/model';
import {
  ObservationSet,
  originOf,
  placedObservation,
  sortedByLocation,
  plainObservation,
  withValue,
  type OriginMeta,
} from '../../../lambdas/core/sources/observations';
import { Interner } from '../../../lambdas/core/sources/interner';
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

describe('ObservationSet through an interner', () => {
  type Call = [list: 0 | 1, key: string, text: string, expanded: boolean];
  const calls = fc.array(
    fc.tuple(fc.constantFrom<0 | 1>(0, 1), fc.constantFrom('a', 'b', 'c', 'd', 'e', ''), fc.string({ maxLength: 3 }), fc.boolean()),
    { maxLength: 40 },
  );
  /** Two lists, filled in the order `sets` says, both of one interner (or none): what each holds and what each `set` said. */
  const filled = (sets: readonly Call[], intern: Interner | undefined) => {
    const ctx = (slot: string) => ({ ...testContext(), ...(intern ? { intern: intern.forSource(slot) } : {}) });
    const lists = [new ObservationSet(ctx('0:ecs')), new ObservationSet(ctx('1:ecs'))];
    const said = sets.map(([list, key, text, expanded], i) => {
      const set = lists[list] as ObservationSet;
      const replaced = set.set(key, key.toUpperCase(), { kind: 'text', text }, `line ${i}`);
      if (expanded) set.expandedInto(key);
      return replaced;
    });
    return { said, lists: lists.map((l) => l.list()) };
  };

  it('keeps, says and marks what it does without one, whatever the order two lists are filled in', () => {
    fc.assert(
      fc.property(calls, (sets) => {
        expect(filled(sets, new Interner())).toEqual(filled(sets, undefined));
      }),
      { numRuns: 300 },
    );
  });

  it("tells a repeated key by the key's record while its list is the one open, with no table of its own", () => {
    const intern = new Interner();
    const listOf = () => new ObservationSet({ ...testContext(), intern: intern.forSource('0:ecs') });
    // An earlier environment's list: the keys are the interner's now, as in every environment after the first.
    const earlier = listOf();
    for (const key of ['a', 'b', 'c']) earlier.set(key, key, { kind: 'text', text: '1' }, key);
    const set = listOf();
    const made = jest.spyOn(Map.prototype, 'set');
    for (const key of ['a', 'b', 'c']) expect(set.set(key, key, { kind: 'text', text: '1' }, key)).toBe(false);
    expect(made).not.toHaveBeenCalled();
    expect(set.set('b', 'B', { kind: 'text', text: '2' }, 'B')).toBe(true);
    made.mockRestore();
    expect(set.list().map((o) => o.rawKey)).toEqual(['a', 'c', 'B']);
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

describe('placedObservation', () => {
  const ctx = testContext();
  const place = { source: ctx.source, at: 'env/prod.env:' };
  const plain: Observation = {
    key: 'db.host',
    rawKey: 'DB_HOST',
    value: { kind: 'text', text: 'db.internal' },
    origin: { source: ctx.source, location: 'env/prod.env:12' },
  };

  it('makes its origin from the place and its own part of the location, with no field of its own for it', () => {
    const o = placedObservation('db.host', 'DB_HOST', plain.value, place, 12);
    expect(o.origin).toStrictEqual(plain.origin);
    expect(Object.prototype.hasOwnProperty.call(o, 'origin')).toBe(false);
  });

  it('is the plain observation it stands for, field for field, once made plain; a plain one is itself', () => {
    const o = placedObservation('db.host', 'DB_HOST', plain.value, place, 12);
    expect(plainObservation(o)).toStrictEqual(plain);
    expect(plainObservation(plain)).toBe(plain);
  });

  it("gives the place's meta to its origin, as originOf does", () => {
    const meta = { version: 4, modifiedAt: '2026-11-01T00:00:00.000Z' };
    const o = placedObservation('db.host', 'DB_HOST', plain.value, { source: ctx.source, at: '', ...meta }, 'taskdef api:4 DB_HOST');
    expect(Object.entries(o.origin)).toStrictEqual(Object.entries(originOf(ctx, 'taskdef api:4 DB_HOST', meta)));
  });

  it('serialises as the plain observation, with a reference and expandedInto where set', () => {
    const o = placedObservation('db.host', 'DB_HOST', plain.value, place, 12);
    expect(JSON.stringify(o)).toBe(JSON.stringify(plain));
    o.ref = { kind: 'ssm-parameter', target: '/prod/db/host' };
    o.expandedInto = true;
    expect(JSON.stringify(o)).toBe(JSON.stringify({ ...plain, ref: o.ref, expandedInto: true }));
  });

  it('compares in tests as the plain observation it stands for, and differs where that does', () => {
    const o = placedObservation('db.host', 'DB_HOST', plain.value, place, 12);
    expect(o).toEqual(plain);
    expect(plain).toEqual(o);
    expect(o).not.toEqual({ ...plain, origin: { ...plain.origin, location: 'env/prod.env:13' } });
    expect(placedObservation('db.host', 'DB_HOST', plain.value, place, 13)).not.toEqual(plain);
  });

  it('compares strictly under toStrictEqual, and with every field it holds', () => {
    const o = placedObservation('db.host', 'DB_HOST', plain.value, place, 12);
    expect(o).toStrictEqual(plain);
    // toStrictEqual tells a field set to undefined from one that is absent, in the origin as anywhere else.
    expect(o).not.toStrictEqual({ ...plain, origin: { ...plain.origin, version: undefined } });
    expect(o).not.toStrictEqual({ ...plain, value: { ...plain.value, typed: undefined } });
    const unset = placedObservation('db.host', 'DB_HOST', plain.value, place, 12);
    unset.ref = undefined;
    expect(unset).not.toStrictEqual(plain);
    expect(unset).toEqual(plain);
    // A field its serialised form leaves out is still one the comparison sees.
    const extra = Object.assign(placedObservation('db.host', 'DB_HOST', plain.value, place, 12), { stray: 1 });
    expect(extra).not.toEqual(plain);
  });

  it('loses its origin when spread, and withValue copies it whole with another value', () => {
    const o = placedObservation('db.host', 'DB_HOST', plain.value, place, 12);
    expect('origin' in { ...o }).toBe(false);
    const secret = { kind: 'secret', fingerprint: 'f', keyId: 'k' } as const;
    expect(withValue(o, secret)).toStrictEqual({ ...plain, value: secret });
  });
});

describe('sortedByLocation', () => {
  it('orders by location as a comparison sort would, keeping the order of equal locations', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom('a', 'b', 'c'), fc.nat(3)), { maxLength: 30 }), (rows) => {
        const ctx = testContext();
        const place = { source: ctx.source, at: 'f#' };
        const observations = rows.map(([tail, n], i) =>
          placedObservation(`k${i}`, `K${n}`, { kind: 'text', text: String(i) }, place, tail),
        );
        const reference = [...observations].sort((a, b) =>
          a.origin.location < b.origin.location ? -1 : a.origin.location > b.origin.location ? 1 : 0,
        );
        expect(sortedByLocation(observations).map((o) => o.key)).toEqual(reference.map((o) => o.key));
      }),
    );
  });
});
