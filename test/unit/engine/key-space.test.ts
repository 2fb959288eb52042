import fc from 'fast-check';
import { effectiveConfig } from '../../../lambdas/core/engine/effective-config';
import { ConfigRow, KeyCursor, KeySpace, sharedSpace } from '../../../lambdas/core/engine/key-space';
import type { Observation, SourceSnapshot } from '../../../lambdas/core/model';
import { source } from '../../helpers/estate';

const obs = (key: string, text: string, s: SourceSnapshot): Observation => ({
  key,
  rawKey: key,
  value: { kind: 'text', text },
  origin: { source: s.source, location: key },
});

describe('ConfigRow', () => {
  it('reads as a Map filled the same way would, in the order of its key space', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom('a', 'b.c', 'd', 'e', 'f'), fc.string()), { maxLength: 40 }),
        fc.constantFrom('a', 'x'),
        (puts, probe) => {
          const space = new KeySpace();
          space.id('unrelated');
          const row = new ConfigRow(space);
          const map = new Map<string, Observation>();
          const s = source(0, {});
          for (const [key, text] of puts) {
            const o = obs(key, text, s);
            expect(row.put(space.id(key), o)).toBe(map.get(key));
            map.set(key, o);
          }
          const inSpaceOrder = [...map].sort(([a], [b]) => (space.find(a) as number) - (space.find(b) as number));
          expect(row.size).toBe(map.size);
          expect([...row]).toEqual(inSpaceOrder);
          expect([...row.keys()]).toEqual(inSpaceOrder.map(([k]) => k));
          expect([...row.values()]).toEqual(inSpaceOrder.map(([, v]) => v));
          expect(row.get(probe)).toBe(map.get(probe));
          expect(row.has(probe)).toBe(map.has(probe));
          expect(row.has('unrelated')).toBe(false);
          const seen: string[] = [];
          row.forEach((_v, k) => seen.push(k));
          expect(seen).toEqual(inSpaceOrder.map(([k]) => k));
        },
      ),
    );
  });
});

describe('effectiveConfig over a shared key space', () => {
  it('numbers each key once across environments and gives each the same winners as its own space', () => {
    const space = new KeySpace();
    const snapshot = (env: string, sets: Array<[string, string]>) => {
      const s = source(0, {});
      s.observations = sets.map(([k, v]) => obs(k, v, s));
      return { environment: env, sources: [s] };
    };
    const a = snapshot('a', [
      ['x', '1'],
      ['y', '2'],
    ]);
    const b = snapshot('b', [
      ['y', '3'],
      ['z', '4'],
      ['x', '5'],
    ]);
    const shared = [effectiveConfig(a, space), effectiveConfig(b, space)];
    expect(Array.from({ length: space.size }, (_, id) => space.keyAt(id))).toEqual(['x', 'y', 'z']);
    const sorted = (c: ReturnType<typeof effectiveConfig>) => [...c.entries].sort(([x], [y]) => x.localeCompare(y));
    expect(shared.map(sorted)).toEqual([effectiveConfig(a), effectiveConfig(b)].map(sorted));
    expect([0, 1, 2].map((id) => shared[1]?.entries.at(id)?.value)).toEqual([
      { kind: 'text', text: '5' },
      { kind: 'text', text: '3' },
      { kind: 'text', text: '4' },
    ]);
  });
});

describe('KeyCursor', () => {
  /** Numbers each pass with a cursor of its own over one space, holding every id to KeySpace.id's; returns both spaces. */
  const numbersAsKeySpace = (passes: readonly string[][]): { predicted: KeySpace; reference: KeySpace } => {
    const predicted = new KeySpace();
    const reference = new KeySpace();
    for (const keys of passes) {
      const cursor = new KeyCursor(predicted);
      for (const key of keys) expect(cursor.id(key)).toBe(reference.id(key));
    }
    return { predicted, reference };
  };

  const keyRuns = fc.array(fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'), { maxLength: 40 }), {
    maxLength: 6,
  });

  it('numbers every key as KeySpace.id does, whatever the passes and their order', () => {
    fc.assert(
      fc.property(keyRuns, (passes) => {
        const { predicted, reference } = numbersAsKeySpace(passes);
        expect(predicted.size).toBe(reference.size);
      }),
      { numRuns: 300 },
    );
  });

  it('numbers keys as KeySpace.id does through long runs of misses, and finds a thread again after them', () => {
    const names = Array.from({ length: 300 }, (_, i) => `k${i}`);
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.shuffledSubarray(names), fc.constant(names)), { minLength: 2, maxLength: 5 }), (passes) => {
        numbersAsKeySpace(passes);
      }),
      { numRuns: 50 },
    );
    // Lost in a shuffled run, then back on the thread: most of the ordered tail is numbered without a lookup.
    const space = new KeySpace();
    const first = new KeyCursor(space);
    for (const k of names) first.id(k);
    const shuffled = [...names.slice(0, 150)].reverse().filter((_, i) => i % 2 === 0);
    const cursor = new KeyCursor(space);
    for (const k of shuffled) cursor.id(k);
    const find = jest.spyOn(space, 'id');
    for (const k of names.slice(150)) cursor.id(k);
    expect(find.mock.calls.length).toBeLessThan(80);
  });

  it('follows a pass that repeats the first without looking keys up, and finds its thread again after a new key', () => {
    const space = new KeySpace();
    const keys = Array.from({ length: 100 }, (_, i) => `k${i}`);
    const first = new KeyCursor(space);
    for (const k of keys) first.id(k);
    const find = jest.spyOn(space, 'id');
    const next = new KeyCursor(space);
    expect(keys.map((k) => next.id(k))).toEqual(keys.map((_, i) => i));
    expect(find).not.toHaveBeenCalled();
    const changed = new KeyCursor(space);
    const withNew = [...keys.slice(0, 50), 'new', ...keys.slice(50)];
    expect(withNew.map((k) => changed.id(k))).toEqual([
      ...keys.slice(0, 50).map((_, i) => i),
      100,
      ...keys.slice(50).map((_, i) => 50 + i),
    ]);
    // The new key alone: the thread stays where it pointed, at the key after it.
    expect(find).toHaveBeenCalledTimes(1);
  });

  it("looks up only the keys new to the space in a pass that sets keys of its own among the first's", () => {
    const space = new KeySpace();
    const keys = Array.from({ length: 1000 }, (_, i) => `k${i}`);
    const first = new KeyCursor(space);
    for (const k of keys) first.id(k);
    // Every twentieth key this environment's own, as 5% of an estate's keys may be.
    const own = keys.flatMap((k, i) => (i % 20 === 7 ? [k, `own${i}`] : [k]));
    const find = jest.spyOn(space, 'id');
    const cursor = new KeyCursor(space);
    const reference = new KeySpace();
    for (const k of keys) reference.id(k);
    expect(own.map((k) => cursor.id(k))).toEqual(own.map((k) => reference.id(k)));
    expect(find).toHaveBeenCalledTimes(50);
  });
});

describe('KeySpace.idByHint', () => {
  const keys = fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f');
  // Hints as an interner gives them (one per key), and as another run's interner or a copied observation may carry
  // them: one hint for several keys, several for one key, hints far apart.
  const hints = fc.oneof(fc.constantFrom(0, 1, 2, 3), fc.integer({ min: 0, max: 5000 }));

  it('numbers every key as KeySpace.id does, whatever hint comes with it', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(keys, hints), { maxLength: 60 }), (calls) => {
        const hinted = new KeySpace();
        const reference = new KeySpace();
        for (const [key, hint] of calls) expect(hinted.idByHint(key, hint)).toBe(reference.id(key));
        expect(hinted.size).toBe(reference.size);
      }),
      { numRuns: 300 },
    );
  });

  it('finds a key by the hint it came with before, without looking it up, in any order', () => {
    const space = new KeySpace();
    const names = Array.from({ length: 2000 }, (_, i) => `k${i}`);
    names.forEach((k, i) => space.idByHint(k, i));
    const find = jest.spyOn(space, 'id');
    const shuffled = names.map((k, i) => [k, i] as const).reverse();
    expect(shuffled.map(([k, i]) => space.idByHint(k, i))).toEqual(shuffled.map(([, i]) => i));
    expect(find).not.toHaveBeenCalled();
    // A hint given for another key is looked up, and then kept for this one.
    expect(space.idByHint('k5', 7)).toBe(5);
    expect(find).toHaveBeenCalledTimes(1);
    expect(space.idByHint('k5', 7)).toBe(5);
    expect(find).toHaveBeenCalledTimes(1);
  });

  it('gives KeyCursor the ids of KeySpace.id for hinted and unhinted keys mixed', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.tuple(keys, fc.option(hints, { nil: undefined })), { maxLength: 30 }), { maxLength: 5 }),
        (passes) => {
          const hinted = new KeySpace();
          const reference = new KeySpace();
          for (const pass of passes) {
            const cursor = new KeyCursor(hinted);
            for (const [key, hint] of pass) expect(cursor.id(key, hint)).toBe(reference.id(key));
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('sharedSpace', () => {
  it('is the space rows share, and refuses rows of different spaces', () => {
    const space = new KeySpace();
    expect(sharedSpace([new ConfigRow(space), new ConfigRow(space)])).toBe(space);
    expect(() => sharedSpace([new ConfigRow(space), new ConfigRow(new KeySpace())])).toThrow('different key spaces');
  });
});
