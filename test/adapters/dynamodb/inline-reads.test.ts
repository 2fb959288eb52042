import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DynamoDbStore, ensureTable } from '../../../lambdas/adapters/dynamodb/dynamodb-store';
import { embeddedClient, startEmbeddedDynamoDb } from '../../../lambdas/adapters/dynamodb/embedded-dynamodb';
import { engineLevelClass, inlineEngineReads } from '../../../lambdas/adapters/dynamodb/inline-reads';
import { ESTATE, T2, state } from './fixtures';

interface Level {
  open(): Promise<void>;
  close(): Promise<void>;
  put(key: string, value: string): Promise<void>;
  get(key: string): Promise<string | undefined>;
  _getSync(key: unknown, options: unknown): unknown;
}

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'drift-inline-reads-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('inline engine reads', () => {
  test('a read answers through a promise with what the lookup finds, present or absent', async () => {
    expect(inlineEngineReads()).toBe(true);
    // Idempotent: a second engine in the process does not wrap the reads again.
    expect(inlineEngineReads()).toBe(true);
    const Level = engineLevelClass() as unknown as new (p: string) => Level;
    const db = new Level(dir);
    await db.open();
    const lookups = jest.spyOn(Level.prototype, '_getSync');
    try {
      await db.put('k', 'v');
      const read = db.get('k');
      expect(read).toBeInstanceOf(Promise);
      expect(await read).toBe('v');
      expect(await db.get('missing')).toBeUndefined();
      expect(lookups).toHaveBeenCalledTimes(2);
    } finally {
      lookups.mockRestore();
      await db.close();
    }
  });

  test('conditional writes through the engine still decide on the item they read', async () => {
    const engine = await startEmbeddedDynamoDb(path.join(dir, 'store'));
    const client = embeddedClient(engine);
    const lookups = jest.spyOn(engineLevelClass().prototype as Level, '_getSync');
    try {
      await ensureTable(client, 'drift');
      const store = new DynamoDbStore({ client, table: 'drift', batchWrites: true });
      expect(await store.writeFindingState(state(), undefined)).toBe(true);
      expect(await store.writeFindingState(state(), undefined)).toBe(false);
      expect(await store.writeFindingState(state({ version: 4, lastChangedAt: T2 }), 3)).toBe(false);
      expect(await store.writeFindingState(state({ version: 2, lastChangedAt: T2 }), 1)).toBe(true);
      expect(await store.getFindingState(ESTATE, 'f-1')).toEqual(state({ version: 2, lastChangedAt: T2 }));
      expect(lookups).toHaveBeenCalled();
    } finally {
      lookups.mockRestore();
      client.destroy();
      await engine.close();
    }
  });
});
