import { mapLimited } from '../../lambdas/use-cases/map-limited';

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('mapLimited', () => {
  it("keeps the items' order whatever order they finish in, with at most `limit` in flight", async () => {
    let inFlight = 0;
    let most = 0;
    const out = await mapLimited([5, 1, 4, 2, 3, 0, 6], 3, async (n, i) => {
      most = Math.max(most, ++inFlight);
      for (let k = 0; k < n; k++) await tick();
      inFlight--;
      return `${i}:${n}`;
    });
    expect(out).toEqual(['0:5', '1:1', '2:4', '3:2', '4:3', '5:0', '6:6']);
    expect(most).toBe(3);
  });

  it('starts nothing more after a failure, lets what started finish, then throws it', async () => {
    const started: number[] = [];
    const finished: number[] = [];
    const run = mapLimited([0, 1, 2, 3, 4, 5], 2, async (n) => {
      started.push(n);
      await tick();
      if (n === 1) throw new Error('write refused');
      await tick();
      finished.push(n);
      return n;
    });
    await expect(run).rejects.toThrow('write refused');
    // 1 failed before 0 finished: nothing started after it, and 0 still ended before the throw.
    expect(started).toEqual([0, 1]);
    expect(finished).toEqual([0]);
  });

  it('does nothing for no items', async () => {
    expect(await mapLimited([], 4, async () => 1)).toEqual([]);
  });
});
