import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { coalesceEngineWrites } from '../../../lambdas/adapters/dynamodb/coalesced-writes';
import { DynamoDbStore, ensureTable } from '../../../lambdas/adapters/dynamodb/dynamodb-store';
import { engineClient } from '../../../lambdas/adapters/dynamodb/engine-client';
import { startEmbeddedDynamoDb } from '../../../lambdas/adapters/dynamodb/embedded-dynamodb';
import { engineLevelClass } from '../../../lambdas/adapters/dynamodb/inline-reads';
import '../../helpers/dynalite';
import { ESTATE, T2, state } from './fixtures';

// Coalesced engine writes (one LevelDB batch a turn) against the plain semantics they replace: each
// write applied in the order it was made, each answered once it is written.

interface Level {
  open(): Promise<void>;
  close(): Promise<void>;
  put(key: string, value: string): Promise<void>;
  del(key: string): Promise<void>;
  batch(ops: Array<{ type: 'put'; key: string; value: string } | { type: 'del'; key: string }>): Promise<void>;
  getSync(key: string): string | undefined;
  _batch(ops: unknown[], options: unknown): Promise<void>;
}

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'drift-coalesced-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const Level = engineLevelClass() as unknown as { new (p: string): Level; prototype: Level };

type Op = { del: true; key: string } | { del: false; key: string; value: string };
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ del: fc.constant(true as const), key: fc.constantFrom('a', 'b', 'c') }),
  fc.record({ del: fc.constant(false as const), key: fc.constantFrom('a', 'b', 'c'), value: fc.string({ maxLength: 5 }) }),
);

describe('coalesced engine writes', () => {
  test('writes made in one turn end as the same writes made one after another would, each readable once answered', async () => {
    coalesceEngineWrites();
    coalesceEngineWrites();
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { maxLength: 12 }), async (ops) => {
        const db = new Level(path.join(dir, `p${++n}`));
        await db.open();
        try {
          const model = new Map<string, string>();
          await Promise.all(
            ops.map(async (op) => {
              if (op.del) model.delete(op.key);
              else model.set(op.key, op.value);
              const done = op.del ? db.del(op.key) : db.put(op.key, op.value);
              await done;
              // Answered: its batch is in LevelDB (later writes of the same turn may be there too).
              if (!op.del && ops.filter((o) => o.key === op.key).at(-1) === op) expect(db.getSync(op.key)).toBe(op.value);
            }),
          );
          for (const key of ['a', 'b', 'c']) expect(db.getSync(key)).toBe(model.get(key));
        } finally {
          await db.close();
        }
      }),
      { numRuns: 40 },
    );
  });

  test("a batch made in a turn keeps its place among that turn's writes", async () => {
    coalesceEngineWrites();
    const db = new Level(path.join(dir, 'batch-order'));
    await db.open();
    try {
      await Promise.all([
        db.put('a', '1'),
        db.batch([
          { type: 'del', key: 'a' },
          { type: 'put', key: 'b', value: '2' },
        ]),
        db.put('b', '3'),
      ]);
      expect([db.getSync('a'), db.getSync('b')]).toEqual([undefined, '3']);
    } finally {
      await db.close();
    }
  });

  test("a turn's writes go to LevelDB as one batch", async () => {
    coalesceEngineWrites();
    const db = new Level(path.join(dir, 'one-batch'));
    await db.open();
    const batches = jest.spyOn(Level.prototype, '_batch');
    try {
      await Promise.all([db.put('a', '1'), db.put('b', '2'), db.del('a'), db.put('c', '3')]);
      expect(batches).toHaveBeenCalledTimes(1);
      expect([db.getSync('a'), db.getSync('b'), db.getSync('c')]).toEqual([undefined, '2', '3']);
    } finally {
      batches.mockRestore();
      await db.close();
    }
  });

  test('conditional writes through the engine, many at once, still decide one at a time', async () => {
    const engine = await startEmbeddedDynamoDb(path.join(dir, 'store'));
    const client = engineClient(engine);
    try {
      await ensureTable(client, 'drift');
      const store = new DynamoDbStore({ client, table: 'drift', batchWrites: true });
      const first = await Promise.all(Array.from({ length: 12 }, () => store.writeFindingState(state(), undefined)));
      expect(first.filter(Boolean)).toHaveLength(1);
      const next = await Promise.all(
        Array.from({ length: 12 }, (_, i) => store.writeFindingState(state({ version: 2, lastChangedAt: T2, firstSeen: `${i}` }), 1)),
      );
      expect(next.filter(Boolean)).toHaveLength(1);
      const won = next.indexOf(true);
      expect(await store.getFindingState(ESTATE, 'f-1')).toEqual(state({ version: 2, lastChangedAt: T2, firstSeen: `${won}` }));
    } finally {
      client.destroy();
      await engine.close();
    }
  });
});
