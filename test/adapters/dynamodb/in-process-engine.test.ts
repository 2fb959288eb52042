import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { GetItemCommand, ScanCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDbStore, ensureTable } from '../../../lambdas/adapters/dynamodb/dynamodb-store';
import {
  embeddedClient,
  LOOPBACK_NEEDLESS,
  startEmbeddedDynamoDb,
  type EmbeddedDynamoDb,
} from '../../../lambdas/adapters/dynamodb/embedded-dynamodb';
import { ESTATE, T1, T2, change, noise, observation, snapshot, state } from './fixtures';

// One engine of its own: the in-process client needs the engine object, not an endpoint.
let dir = '';
let engine: EmbeddedDynamoDb;
let inProcess: DynamoDBClient;
let overHttp: DynamoDBClient;
let tables = 0;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'drift-in-process-'));
  engine = await startEmbeddedDynamoDb(dir);
  inProcess = embeddedClient(engine);
  overHttp = embeddedClient(engine.endpoint);
});

afterAll(async () => {
  inProcess.destroy();
  overHttp.destroy();
  await engine.close();
  rmSync(dir, { recursive: true, force: true });
});

async function freshStores() {
  const table = `in-process-${++tables}`;
  await ensureTable(inProcess, table);
  return {
    table,
    mine: new DynamoDbStore({ client: inProcess, table, batchWrites: true }),
    http: new DynamoDbStore({ client: overHttp, table }),
  };
}

describe('the embedded engine, in this process', () => {
  test('a client handed the engine reads and writes what a client over HTTP sees, conditions included', async () => {
    const { mine, http } = await freshStores();
    expect(await mine.writeFindingState(state(), undefined)).toBe(true);
    expect(await http.getFindingState(ESTATE, 'f-1')).toEqual(state());
    // The condition fails in the engine and comes back as `false`, as over HTTP.
    expect(await mine.writeFindingState(state(), undefined)).toBe(false);
    expect(await http.writeFindingState(state({ version: 2, lastChangedAt: T2 }), 1)).toBe(true);
    expect(await mine.getFindingState(ESTATE, 'f-1')).toEqual(state({ version: 2, lastChangedAt: T2 }));
  });

  test('an engine error reaches the caller as the same named error', async () => {
    const lost = new DynamoDbStore({ client: inProcess, table: 'no-such-table' });
    await expect(lost.getRun(ESTATE, 'run-1')).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });

  test('batched puts: a snapshot of many chunks and 60 change records, every item written', async () => {
    const { table, mine, http } = await freshStores();
    const changes = Array.from({ length: 60 }, (_, i) => change(`key.${i}`, T1, 'run-1'));
    await mine.appendChanges(ESTATE, changes);
    for (const c of [changes[0]!, changes[59]!]) expect(await http.history(ESTATE, c.environment, c.key)).toEqual([c]);
    // Values that hardly compress: a snapshot of several chunks of 300 KB, one batch.
    const noisy = Array.from({ length: 4_000 }, (_, i) => observation(`k${i}`, { kind: 'text', text: noise(1_000, i) }));
    const saved = snapshot('h1', noisy, { observedAt: T1 });
    await mine.saveSnapshot(ESTATE, saved, new Date(T1));
    expect(await http.loadSnapshot(ESTATE, saved.environment, saved.sourceKey)).toEqual(saved);
    const chunks = await overHttp.send(
      new ScanCommand({
        TableName: table,
        Select: 'COUNT',
        FilterExpression: 'itemType = :t',
        ExpressionAttributeValues: { ':t': { S: 'snapshot-chunk' } },
      }),
    );
    expect(chunks.Count).toBeGreaterThan(1);
  });

  test('the client puts its middleware in order once per command type, not on every request', async () => {
    const { mine, http } = await freshStores();
    await mine.writeFindingState(state(), undefined);
    const resolved = jest.spyOn(GetItemCommand.prototype, 'resolveMiddleware');
    try {
      // A fresh client, so no GetItem has been sent on it yet.
      const client = embeddedClient(engine);
      const { table } = await freshStores();
      const store = new DynamoDbStore({ client, table });
      await store.writeFindingState(state(), undefined);
      for (let i = 0; i < 3; i++) expect(await store.getFindingState(ESTATE, 'f-1')).toEqual(state());
      expect(resolved).toHaveBeenCalledTimes(1);
      client.destroy();
    } finally {
      resolved.mockRestore();
    }
    expect(await http.getFindingState(ESTATE, 'f-1')).toEqual(state());
  });

  test('the client goes without the user-agent and trace-id steps, and still reads and writes', async () => {
    const { table } = await freshStores();
    for (const client of [inProcess, overHttp]) {
      const steps = client.middlewareStack.identify().join('\n');
      for (const name of LOOPBACK_NEEDLESS) expect(steps).not.toContain(name);
      expect(steps).toContain('retryMiddleware');
    }
    const store = new DynamoDbStore({ client: inProcess, table });
    expect(await store.writeFindingState(state(), undefined)).toBe(true);
    expect(await store.getFindingState(ESTATE, 'f-1')).toEqual(state());
  });
});
