import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DeleteTableCommand, ScanCommand, type AttributeValue, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { DynamoDbStore, ensureTable } from '../../lambdas/adapters/dynamodb/dynamodb-store';
import { embeddedClient, startEmbeddedDynamoDb, type EmbeddedDynamoDb } from '../../lambdas/adapters/dynamodb/embedded-dynamodb';
import { SHARED_DIR, SHARED_ENDPOINT } from './shared-dynalite';

// Read when a client is built, so setting it here keeps every test's stderr clean.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

export interface TestTable {
  store: DynamoDbStore;
  table: string;
  /** Every item of the table, unmarshalled, read around the store (its stats do not move). */
  scan(): Promise<Array<Record<string, unknown>>>;
}

export interface Dynalite {
  readonly client: DynamoDBClient;
  readonly endpoint: string;
  readonly dir: string;
  /** A new, empty table (unique name) and a store on it. */
  freshTable(): Promise<TestTable>;
}

/**
 * dynalite on 127.0.0.1 for this test file: the one jest's global setup started for the whole run
 * (shared by every worker), else one of its own (beforeAll) stopped in afterAll. Each file makes its
 * own tables, named for it, and drops them when it is done, so files stay independent.
 */
export function useDynalite(): Dynalite {
  let engine: EmbeddedDynamoDb | undefined;
  let client: DynamoDBClient | undefined;
  let endpoint = '';
  let dir = '';
  const prefix = `drift-test-${randomBytes(4).toString('hex')}`;
  const tables: string[] = [];

  beforeAll(async () => {
    const shared = process.env[SHARED_ENDPOINT];
    if (shared) {
      endpoint = shared;
      dir = process.env[SHARED_DIR] ?? '';
    } else {
      dir = mkdtempSync(path.join(os.tmpdir(), 'drift-dynalite-'));
      engine = await startEmbeddedDynamoDb(dir);
      endpoint = engine.endpoint;
    }
    client = embeddedClient(endpoint);
  });

  afterAll(async () => {
    if (client && !engine) for (const table of tables) await client.send(new DeleteTableCommand({ TableName: table }));
    client?.destroy();
    if (engine) {
      await engine.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  const started = (): DynamoDBClient => {
    if (!client) throw new Error('dynalite is not started: call useDynalite() at the top of the test file');
    return client;
  };

  return {
    get client() {
      return started();
    },
    get endpoint() {
      if (!endpoint) throw new Error('dynalite is not started');
      return endpoint;
    },
    get dir() {
      return dir;
    },
    async freshTable() {
      const c = started();
      const table = `${prefix}-${tables.length + 1}`;
      tables.push(table);
      await ensureTable(c, table);
      return { store: new DynamoDbStore({ client: c, table }), table, scan: () => scanAll(c, table) };
    },
  };
}

async function scanAll(client: DynamoDBClient, table: string): Promise<Array<Record<string, unknown>>> {
  const items: Array<Record<string, unknown>> = [];
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await client.send(new ScanCommand({ TableName: table, ExclusiveStartKey: start }));
    items.push(...(page.Items ?? []).map((i) => unmarshall(i)));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}
