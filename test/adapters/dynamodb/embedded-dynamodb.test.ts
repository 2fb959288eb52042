import { spawn, type ChildProcess } from 'node:child_process';
import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DynamoDbStore, ensureTable } from '../../../lambdas/adapters/dynamodb/dynamodb-store';
import { embeddedClient, startEmbeddedDynamoDb } from '../../../lambdas/adapters/dynamodb/embedded-dynamodb';
import { isUserFacing } from '../../../lambdas/core/errors';
// For its side effect: the AWS SDK's Node version warning off, as in every store test.
import '../../helpers/dynalite';
import { ESTATE, T1, run } from './fixtures';

const REPO = path.resolve(__dirname, '../../..');
let dir = '';

beforeEach(() => {
  dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'drift-embedded-')), '.drift', 'store');
});
afterEach(() => rmSync(path.dirname(path.dirname(dir)), { recursive: true, force: true }));

/** A store session on the folder: start, use, stop. */
async function withStore<T>(use: (store: DynamoDbStore) => Promise<T>): Promise<T> {
  const engine = await startEmbeddedDynamoDb(dir);
  const client = embeddedClient(engine.endpoint);
  try {
    await ensureTable(client, 'drift');
    return await use(new DynamoDbStore({ client, table: 'drift' }));
  } finally {
    client.destroy();
    await engine.close();
  }
}

/** Another process holding the folder the way a running drift would: dynalite on it. */
async function holdInAnotherProcess(): Promise<ChildProcess> {
  const script = `require('dynalite')({ path: ${JSON.stringify(dir)} }).listen(0, '127.0.0.1', () => setTimeout(() => console.log('up'), 200))`;
  const child = spawn(process.execPath, ['-e', script], { cwd: REPO, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout?.once('data', () => resolve());
    child.once('exit', (code) => reject(new Error(`holder exited with ${code}`)));
  });
  return child;
}

describe('the embedded DynamoDB engine', () => {
  test('listens on 127.0.0.1 and keeps what was written across restarts (folders created as needed)', async () => {
    const engine = await startEmbeddedDynamoDb(dir);
    expect(engine.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    await engine.close();
    await withStore((store) => store.putRun(run('run-1', T1)));
    expect(await withStore((store) => store.latestRun(ESTATE))).toEqual(run('run-1', T1));
  });

  test('a folder in use by this process is refused with a clear error', async () => {
    const engine = await startEmbeddedDynamoDb(dir);
    try {
      await expect(startEmbeddedDynamoDb(dir)).rejects.toThrow(`the embedded store in ${dir} is in use by another drift process`);
    } finally {
      await engine.close();
    }
    await startEmbeddedDynamoDb(dir).then((e) => e.close());
  });

  // Starts a few milliseconds apart, on a folder with a store in it: a start can pass the lock check
  // while another engine's LevelDB is still opening. The loser used to start anyway and hang on its
  // first request ("Database is closed").
  test('engines started a moment apart on one folder: one opens it, every other is refused at start', async () => {
    await startEmbeddedDynamoDb(dir).then((e) => e.close());
    for (let round = 0; round < 5; round++) {
      const starts = await Promise.allSettled(
        Array.from({ length: 8 }, (_, i) => new Promise((r) => setTimeout(r, i * 2)).then(() => startEmbeddedDynamoDb(dir))),
      );
      const started = starts.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
      const refused = starts.flatMap((s) => (s.status === 'rejected' ? [(s.reason as Error).message] : []));
      try {
        expect(started).toHaveLength(1);
        expect(refused).toEqual(refused.map(() => `the embedded store in ${dir} is in use by another drift process`));
        const client = embeddedClient(started[0]!.endpoint);
        try {
          await ensureTable(client, 'drift');
        } finally {
          client.destroy();
        }
      } finally {
        for (const e of started) await e.close();
      }
    }
  });

  test.each([
    ['CURRENT names a manifest that is not there', 'CURRENT', 'MANIFEST-999999\n'],
    ['the manifest is garbage', 'MANIFEST-000004', 'CANARY garbage, not a LevelDB manifest'],
  ])("a damaged store (%s) is the user's to see: what to do, not an internal error", async (_, file, text) => {
    await startEmbeddedDynamoDb(dir).then((e) => e.close());
    const name = file.startsWith('MANIFEST') ? (readdirSync(dir).find((f) => f.startsWith('MANIFEST-')) as string) : file;
    writeFileSync(path.join(dir, name), text);
    const err = await startEmbeddedDynamoDb(dir).catch((e: unknown) => e);
    expect(isUserFacing(err)).toBe(true);
    expect((err as Error).message).toMatch(new RegExp(`^the embedded store in ${dir} cannot be opened \\(LevelDB: .+\\); .*--no-store`));
    expect((err as Error).message).not.toContain('CANARY');
  });

  test("a file where the store's folder belongs is the user's to move, not an internal error", async () => {
    mkdirSync(path.dirname(dir), { recursive: true });
    writeFileSync(dir, 'not a folder');
    const err = await startEmbeddedDynamoDb(dir).catch((e: unknown) => e);
    expect(isUserFacing(err)).toBe(true);
    expect((err as Error).message).toBe(
      `${dir} is not a folder (ENOTDIR): move that file away, keep history in DynamoDB (--store dynamodb:TABLE), or audit with --no-store, which writes nothing`,
    );
  });

  test('a folder in use by another process is refused with a clear error, and free again once it stops', async () => {
    await startEmbeddedDynamoDb(dir).then((e) => e.close());
    const holder = await holdInAnotherProcess();
    try {
      await expect(startEmbeddedDynamoDb(dir)).rejects.toMatchObject({
        name: 'EmbeddedStoreLockedError',
        message: `the embedded store in ${dir} is in use by another drift process`,
      });
    } finally {
      const exited = new Promise((resolve) => holder.once('exit', resolve));
      holder.kill();
      await exited;
    }
    expect(await withStore((store) => store.latestRun(ESTATE))).toBeUndefined();
  });
});

describe('ensureTable', () => {
  test('is idempotent, and refuses a table without the events index', async () => {
    const engine = await startEmbeddedDynamoDb(dir);
    const client = embeddedClient(engine.endpoint);
    try {
      await ensureTable(client, 'drift');
      await ensureTable(client, 'drift');
      await client.send(
        new CreateTableCommand({
          TableName: 'bare',
          BillingMode: 'PAY_PER_REQUEST',
          AttributeDefinitions: [
            { AttributeName: 'pk', AttributeType: 'S' },
            { AttributeName: 'sk', AttributeType: 'S' },
          ],
          KeySchema: [
            { AttributeName: 'pk', KeyType: 'HASH' },
            { AttributeName: 'sk', KeyType: 'RANGE' },
          ],
        }),
      );
      await expect(ensureTable(client, 'bare')).rejects.toThrow('table bare has no local secondary index events-by-time');
    } finally {
      client.destroy();
      await engine.close();
    }
  });
});
