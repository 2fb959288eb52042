import type { PutItemCommandInput } from '@aws-sdk/client-dynamodb';
import { DynamoDbStore } from '../../../lambdas/adapters/dynamodb/dynamodb-store';
import { embeddedClient } from '../../../lambdas/adapters/dynamodb/embedded-dynamodb';
import { useDynalite } from '../../helpers/dynalite';
import { ESTATE, T1, T2, T3, run } from './fixtures';

const dynalite = useDynalite();

describe('runs and the latest run', () => {
  test('a started run is recorded but is not the latest; completing it makes it the latest', async () => {
    const { store } = await dynalite.freshTable();
    expect(await store.latestRun(ESTATE)).toBeUndefined();
    const started = run('run-1', T1, { status: 'started', finishedAt: undefined, counts: undefined });
    await store.putRun(started);
    expect(await store.getRun(ESTATE, 'run-1')).toEqual(started);
    expect(await store.latestRun(ESTATE)).toBeUndefined();
    await store.putRun(run('run-1', T1));
    expect(await store.getRun(ESTATE, 'run-1')).toEqual(run('run-1', T1));
    expect(await store.latestRun(ESTATE)).toEqual(run('run-1', T1));
    expect(await store.getRun(ESTATE, 'nope')).toBeUndefined();
  });

  test('a run that started earlier never replaces a later latest, even when it finishes last', async () => {
    const { store } = await dynalite.freshTable();
    await store.putRun(run('run-3', T3));
    await store.putRun(run('run-2', T2, { finishedAt: '2026-11-27T00:00:00.000Z' }));
    expect((await store.latestRun(ESTATE))?.runId).toBe('run-3');
    expect((await store.getRun(ESTATE, 'run-2'))?.status).toBe('complete');
    await store.putRun(run('run-4', '2026-11-27T02:00:00Z'));
    expect((await store.latestRun(ESTATE))?.runId).toBe('run-4');
  });

  test('a tie on start time goes to the greater run id', async () => {
    const { store } = await dynalite.freshTable();
    await store.putRun(run('run-b', T1));
    await store.putRun(run('run-a', T1));
    expect((await store.latestRun(ESTATE))?.runId).toBe('run-b');
  });

  test('a completed run is final: a retry keeps the first completion, in the record and as the latest', async () => {
    const { store } = await dynalite.freshTable();
    await store.putRun(run('run-1', T1));
    const retried = run('run-1', T1, { counts: { findings: 3, suppressed: 0, opened: 0, resolved: 0, changed: 0 } });
    await store.putRun(retried);
    expect(await store.getRun(ESTATE, 'run-1')).toEqual(run('run-1', T1));
    expect(await store.latestRun(ESTATE)).toEqual(run('run-1', T1));
  });

  test('a retry after a crash between the record and the latest pointer completes the pointer with the first record', async () => {
    const { store, table } = await dynalite.freshTable();
    const crashing = embeddedClient(dynalite.endpoint);
    crashing.middlewareStack.add(
      (next) => async (args) => {
        if ((args.input as PutItemCommandInput).Item?.itemType?.S === 'latest-run') throw new Error('crash');
        return next(args);
      },
      { step: 'initialize' },
    );
    await expect(new DynamoDbStore({ client: crashing, table }).putRun(run('run-1', T1))).rejects.toThrow('crash');
    crashing.destroy();
    expect(await store.latestRun(ESTATE)).toBeUndefined();
    await store.putRun(run('run-1', T1, { counts: { findings: 3, suppressed: 0, opened: 0, resolved: 0, changed: 0 } }));
    expect(await store.latestRun(ESTATE)).toEqual(run('run-1', T1));
  });

  test('a late retry of the start does not turn a complete run back into a started one', async () => {
    const { store } = await dynalite.freshTable();
    await store.putRun(run('run-1', T1));
    await store.putRun(run('run-1', T1, { status: 'started', finishedAt: undefined, counts: undefined }));
    expect(await store.getRun(ESTATE, 'run-1')).toEqual(run('run-1', T1));
  });

  test('estates do not see each other', async () => {
    const { store } = await dynalite.freshTable();
    await store.putRun(run('run-1', T1, { estate: 'other-estate' }));
    expect(await store.latestRun(ESTATE)).toBeUndefined();
    expect(await store.getRun(ESTATE, 'run-1')).toBeUndefined();
  });
});
