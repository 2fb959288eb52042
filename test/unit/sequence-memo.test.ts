import fc from 'fast-check';
import { SlotMemos } from '../../lambdas/core/sequence-memo';

/** Memos over one slot whose lookup counts its calls. */
function counted(): { memos: SlotMemos<string, string>; calls: () => number } {
  let calls = 0;
  const asked = new Set<string>();
  const memos = new SlotMemos<string, string>(
    (k) => {
      calls++;
      asked.add(k);
      return `v(${k})`;
    },
    () => asked.size,
  );
  return { memos, calls: () => calls };
}

const pass = (memos: SlotMemos<string, string>, keys: string[], slot = 's'): string[] => {
  const memo = memos.open(slot);
  return keys.map((k) => memo.get(k));
};

const keys = (n: number, from = 0) => Array.from({ length: n }, (_, i) => `k${i + from}`);

describe('SlotMemos', () => {
  it('always answers as the lookup does, whatever the passes', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'e'), { maxLength: 30 }), { maxLength: 6 }), (passes) => {
        const { memos } = counted();
        for (const p of passes) expect(pass(memos, p)).toEqual(p.map((k) => `v(${k})`));
      }),
    );
  });

  it('looks up nothing again for a pass that repeats the first', () => {
    const { memos, calls } = counted();
    pass(memos, keys(1000));
    expect(calls()).toBe(1000);
    pass(memos, keys(1000));
    pass(memos, keys(1000));
    expect(calls()).toBe(1000);
  });

  it('keeps the thread past a key the pass lacks or adds, or one it changes', () => {
    const { memos, calls } = counted();
    pass(memos, keys(100));
    const lacking = keys(100).filter((k) => k !== 'k40');
    const adding = [...keys(60), 'new', ...keys(40, 60)];
    const changing = keys(100).map((k) => (k === 'k70' ? 'other' : k));
    for (const p of [lacking, adding, changing]) pass(memos, p);
    // One lookup for the added key, one for the changed one: nothing else lost the thread.
    expect(calls()).toBe(102);
  });

  it('finds its place again after a run of changed keys, and follows a pass in another order', () => {
    const { memos, calls } = counted();
    pass(memos, keys(100));
    pass(
      memos,
      keys(100).map((k) => (k === 'k50' || k === 'k51' ? `${k}x` : k)),
    );
    // The two changed keys, and k52 after them, out of the thread's reach: looked up once to tell it
    // from a new key, then found among the first pass's positions, which serve every pass after.
    expect(calls()).toBe(103);
    pass(memos, keys(100).reverse());
    expect(calls()).toBe(103);
  });

  it("looks up only a pass's own keys among the first's, and never needs the first pass's positions", () => {
    const { memos, calls } = counted();
    pass(memos, keys(1000));
    // Every twentieth key this pass's own, as 5% of an environment's keys may be.
    const own = keys(1000).flatMap((k, i) => (i % 20 === 7 ? [k, `own${i}`] : [k]));
    const positions = jest.spyOn(Map.prototype, 'set');
    expect(pass(memos, own)).toEqual(own.map((k) => `v(${k})`));
    expect(calls()).toBe(1050);
    // No table of the first pass's 1,000 positions was built.
    expect(positions.mock.calls.length).toBeLessThan(1000);
    positions.mockRestore();
  });

  it('keeps slots apart, and lets a pass that read nothing be followed by one that records', () => {
    const { memos, calls } = counted();
    pass(memos, [], 'a');
    pass(memos, keys(10), 'a');
    pass(memos, keys(10), 'b');
    expect(calls()).toBe(20);
    pass(memos, keys(10), 'a');
    expect(calls()).toBe(20);
  });
});
