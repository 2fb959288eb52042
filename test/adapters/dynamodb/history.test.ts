import { useDynalite } from '../../helpers/dynalite';
import { ESTATE, T1, T2, T3, change } from './fixtures';

const dynalite = useDynalite();

describe('value history', () => {
  test('oldest first, whatever the order written; a retried change lands on the same record', async () => {
    const { store } = await dynalite.freshTable();
    await store.appendChanges(ESTATE, [change('db.timeout', T3, 'run-3', { before: '60s', after: '30s' })]);
    await store.appendChanges(ESTATE, [change('db.timeout', T1, 'run-1'), change('api.port', T1, 'run-1')]);
    await store.appendChanges(ESTATE, [change('db.timeout', T1, 'run-1')]);
    await store.appendChanges(ESTATE, [change('db.timeout', '2026-11-25T02:00:00Z', 'run-2', { before: null, after: '60s' })]);
    const changes = await store.history(ESTATE, 'production-us', 'db.timeout');
    expect(changes.map((c) => [c.at, c.runId, c.before, c.after])).toEqual([
      [T1, 'run-1', '10s', '60s'],
      ['2026-11-25T02:00:00Z', 'run-2', null, '60s'],
      [T3, 'run-3', '60s', '30s'],
    ]);
    expect(changes[0]).toEqual(change('db.timeout', T1, 'run-1'));
  });

  test('one run may see a key change in two sources: both are kept', async () => {
    const { store } = await dynalite.freshTable();
    await store.appendChanges(ESTATE, [
      change('db.timeout', T2, 'run-2'),
      change('db.timeout', T2, 'run-2', { source: { type: 'ecs', location: 'api:7 DB_TIMEOUT' } }),
    ]);
    expect((await store.history(ESTATE, 'production-us', 'db.timeout')).map((c) => c.source.type).sort()).toEqual(['ecs', 'ssm']);
  });

  test('keys, environments and estates are separate histories, even with separators in their names', async () => {
    const { store } = await dynalite.freshTable();
    await store.appendChanges(ESTATE, [change('a#b', T1, 'run-1'), change('a', T1, 'run-1', { environment: 'production-us#b' })]);
    expect(await store.history(ESTATE, 'production-us', 'a#b')).toHaveLength(1);
    expect(await store.history(ESTATE, 'production-us#b', 'a')).toHaveLength(1);
    expect(await store.history(ESTATE, 'staging', 'a#b')).toEqual([]);
    expect(await store.history('other', 'production-us', 'a#b')).toEqual([]);
  });

  test("keys too long for DynamoDB's key limits have their own history, each apart (a 3,000-character key failed every write)", async () => {
    const { store } = await dynalite.freshTable();
    const long = (end: string) => `${'é.'.repeat(1500)}${end}`;
    await store.appendChanges(ESTATE, [change(long('a'), T1, 'run-1'), change(long('b'), T2, 'run-2')]);
    expect((await store.history(ESTATE, 'production-us', long('a'))).map((c) => [c.key, c.runId])).toEqual([[long('a'), 'run-1']]);
    expect((await store.history(ESTATE, 'production-us', long('b'))).map((c) => [c.key, c.runId])).toEqual([[long('b'), 'run-2']]);
  });
});
