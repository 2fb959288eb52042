/**
 * `fn` over `items`, at most `limit` at a time, the results in the items' order. For store writes
 * that are independent of one another (one item each): in sequence, a first run of a big estate
 * waits for thousands of round trips one after the other. The first failure stops what has not
 * started and is thrown once what had started has ended.
 */
export async function mapLimited<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async (): Promise<void> => {
    while (!failure && next < items.length) {
      const i = next++;
      try {
        results[i] = await fn(items[i] as T, i);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failure) throw failure.error;
  return results;
}
