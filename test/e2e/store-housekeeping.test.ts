import { rmSync } from 'node:fs';
import * as path from 'node:path';
import { DynamoDbStore } from '../../lambdas/adapters/dynamodb/dynamodb-store';
import { embeddedClient, startEmbeddedDynamoDb } from '../../lambdas/adapters/dynamodb/embedded-dynamodb';
import { copyOfExamples, drift } from '../helpers/cli';
import { ESTATE, event } from '../adapters/dynamodb/fixtures';

const T1 = new Date('2026-11-24T02:00:00Z');
const T2 = new Date('2026-11-25T02:00:00Z');

/** The example estate's embedded store, opened between two runs. */
async function withStore<T>(dir: string, use: (store: DynamoDbStore) => Promise<T>): Promise<T> {
  const engine = await startEmbeddedDynamoDb(path.join(dir, '.drift', 'store'));
  const client = embeddedClient(engine);
  try {
    return await use(new DynamoDbStore({ client, table: 'drift' }));
  } finally {
    client.destroy();
    await engine.close();
  }
}

describe("drift audit's daily prune of the embedded store", () => {
  let dir = '';
  afterEach(() => {
    jest.restoreAllMocks();
    rmSync(dir, { recursive: true, force: true });
  });

  test("runs before the run writes, so its scan reads none of the run's own items; what expired is still deleted", async () => {
    dir = copyOfExamples();
    // What the store holds when the prune's scan reads it: the snapshots stored so far.
    const scanned: number[] = [];
    const prune = DynamoDbStore.prototype.pruneExpired;
    jest.spyOn(DynamoDbStore.prototype, 'pruneExpired').mockImplementation(async function (this: DynamoDbStore, now: Date) {
      scanned.push((await this.snapshotHashes(ESTATE)).size);
      return prune.call(this, now);
    });

    expect((await drift(['audit', '--format', 'json'], { cwd: dir, now: T1 })).code).toBe(1);
    const stored = await withStore(dir, async (store) => {
      // An event of July: expired (90 days) by the next day's run.
      await store.appendEvent(ESTATE, event('from-july', '2026-07-01T00:00:00.000Z'));
      return (await store.snapshotHashes(ESTATE)).size;
    });
    expect(stored).toBeGreaterThan(0);
    // The first run's prune read an empty store, not the snapshots that run stored.
    expect(scanned).toEqual([0]);

    expect((await drift(['audit', '--format', 'json'], { cwd: dir, now: T2 })).code).toBe(1);
    // The next day's prune read what the first run stored, and deleted the July event, not the run's own.
    expect(scanned).toEqual([0, stored]);
    const events = await withStore(dir, (store) => store.listEvents(ESTATE));
    expect(events.map((e) => e.eventId)).not.toContain('from-july');
    expect(events.length).toBeGreaterThan(0);
  });
});
