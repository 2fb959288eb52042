import { eachPage, eachPageOrError, EndlessPagingError } from '../../../lambdas/adapters/live/paging';

/** A listing of `pages` pages whose tokens are `t1`, `t2`, …; the last page has none. */
const listing = (pages: number) => async (token: string | undefined) => {
  const n = token ? Number(token.slice(1)) : 0;
  return { items: [n], next: n + 1 < pages ? `t${n + 1}` : undefined };
};

describe('eachPage', () => {
  test('reads every page in order until one carries no token', async () => {
    const seen: number[] = [];
    await expect(
      eachPage(
        listing(4),
        (p) => p.next,
        (p) => seen.push(...p.items),
      ),
    ).resolves.toBe(true);
    expect(seen).toEqual([0, 1, 2, 3]);
  });

  test('stops at a page token given twice, having used each page once', async () => {
    const tokens = ['a', 'b', 'a'];
    let calls = 0;
    const read = async () => ({ next: tokens[calls++] });
    await expect(
      eachPage(
        read,
        (p) => p.next,
        () => undefined,
      ),
    ).rejects.toThrow(new EndlessPagingError('the service gave the same page token twice'));
    expect(calls).toBe(3);
  });

  test('stops after `max` pages of fresh tokens', async () => {
    let calls = 0;
    const read = async () => ({ next: `t${calls++}` });
    await expect(
      eachPage(
        read,
        (p) => p.next,
        () => undefined,
        5,
      ),
    ).rejects.toThrow('still paging after 5 pages');
    expect(calls).toBe(5);
  });

  test('a read that gave up (undefined) ends the listing as not read', async () => {
    const read = async (token: string | undefined) => (token ? undefined : { next: 'x' });
    await expect(
      eachPage(
        read,
        (p) => p.next,
        () => undefined,
      ),
    ).resolves.toBe(false);
  });

  test('eachPageOrError makes endless paging one error line naming the call', async () => {
    const errors: string[] = [];
    const read = async () => ({ next: 'same' });
    await expect(
      eachPageOrError(
        'ecs ListTasks on a/b',
        errors,
        read,
        (p) => p.next,
        () => undefined,
      ),
    ).resolves.toBe(false);
    expect(errors).toEqual(['ecs ListTasks on a/b: the service gave the same page token twice']);
  });
});
