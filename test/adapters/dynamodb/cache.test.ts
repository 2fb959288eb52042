import { CACHE_TTL_DAYS } from '../../../lambdas/adapters/dynamodb/cache';
import { useDynalite } from '../../helpers/dynalite';

const db = useDynalite();

describe('immutable object cache', () => {
  test('keeps an object by key, returns it decoded, and a second put writes nothing new', async () => {
    const { store, scan } = await db.freshTable();
    const arn = 'arn:aws:ecs:eu-west-1:222222222222:task-definition/checkout-api:143';
    expect(await store.getCached('ecs-task-definition', arn)).toBeUndefined();
    const td = {
      family: 'checkout-api',
      revision: 143,
      containerDefinitions: [{ name: 'api', environment: [{ name: 'A', value: 'x'.repeat(50_000) }] }],
    };
    await store.putCached('ecs-task-definition', arn, td);
    expect(await store.getCached('ecs-task-definition', arn)).toEqual(td);
    await store.putCached('ecs-task-definition', arn, { changed: true });
    expect(await store.getCached('ecs-task-definition', arn)).toEqual(td);
    const items = await scan();
    expect(items).toHaveLength(1);
    // Kept for a while, not for ever: the table's TTL removes it after CACHE_TTL_DAYS.
    const now = Date.now() / 1000;
    expect(items[0]!.expiresAt).toBeGreaterThan(now + CACHE_TTL_DAYS * 86_400 - 60);
    expect(items[0]!.expiresAt).toBeLessThan(now + CACHE_TTL_DAYS * 86_400 + 60);
  });
});
