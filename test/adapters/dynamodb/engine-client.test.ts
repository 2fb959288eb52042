import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import {
  BatchWriteItemCommand,
  DeleteItemCommand,
  DescribeTableCommand,
  ListTablesCommand,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  ScanCommand,
  UpdateItemCommand,
  type AttributeValue,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { DynamoDbStore, ensureTable } from '../../../lambdas/adapters/dynamodb/dynamodb-store';
import { embeddedClient, startEmbeddedDynamoDb, type EmbeddedDynamoDb } from '../../../lambdas/adapters/dynamodb/embedded-dynamodb';
import { engineClient } from '../../../lambdas/adapters/dynamodb/engine-client';
// For its side effect: the AWS SDK's Node version warning off, as in every store test.
import '../../helpers/dynalite';
import { ESTATE, T1, observation, snapshot, state } from './fixtures';

// The engine client's fast path (item operations straight to the engine's validations and actions)
// against its reference (the SDK's client on the same engine): the same outputs and the same errors.

let dir = '';
let engine: EmbeddedDynamoDb;
let sdk: DynamoDBClient;
let fast: DynamoDBClient;
const TABLE = 'drift';

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'drift-engine-client-'));
  engine = await startEmbeddedDynamoDb(dir);
  sdk = embeddedClient(engine);
  fast = engineClient(engine);
  await ensureTable(sdk, TABLE);
});

afterAll(async () => {
  sdk.destroy();
  fast.destroy();
  await engine.close();
  rmSync(dir, { recursive: true, force: true });
});

const name = fc.stringMatching(/^[a-z][a-z0-9]{0,6}$/);
const bytes = fc.uint8Array({ minLength: 1, maxLength: 40 }).map((b) => Uint8Array.from(b));
const { value } = fc.letrec<{ value: AttributeValue }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({ S: fc.string() }),
    fc.record({ N: fc.integer().map(String) }),
    fc.record({ B: bytes }),
    fc.record({ BOOL: fc.boolean() }),
    fc.constant({ NULL: true }),
    fc.record({ SS: fc.uniqueArray(fc.string({ minLength: 1 }), { minLength: 1, maxLength: 4 }) }),
    fc.record({ NS: fc.uniqueArray(fc.integer(), { minLength: 1, maxLength: 4 }).map((ns) => ns.map(String)) }),
    fc.record({ BS: fc.uniqueArray(bytes, { minLength: 1, maxLength: 3, selector: (b) => Buffer.from(b).toString('hex') }) }),
    fc.record({ L: fc.array(tie('value'), { maxLength: 3 }) }),
    fc.record({ M: fc.dictionary(name, tie('value'), { maxKeys: 3 }) }),
  ) as fc.Arbitrary<AttributeValue>,
}));
const attributes = fc.dictionary(
  name.filter((n) => n !== 'pk' && n !== 'sk'),
  value,
  { maxKeys: 5 },
);

const withoutMetadata = (out: object): object => {
  const { $metadata: _, ...rest } = out as { $metadata?: unknown };
  return rest;
};

/** What each client answers to the same command, made fresh for each (the SDK may annotate its input). */
async function both(make: () => { input: object; constructor: unknown }): Promise<[object, object]> {
  const send = (c: DynamoDBClient) => c.send(make() as never) as Promise<object>;
  return [withoutMetadata(await send(fast)), withoutMetadata(await send(sdk))];
}

const failureOf = (p: Promise<unknown>): Promise<{ name: string; message: string }> =>
  p.then(
    () => ({ name: 'none', message: '' }),
    (err: Error) => ({ name: err.name, message: err.message }),
  );

describe('engineClient, the embedded engine without the SDK in between', () => {
  test('puts, gets, queries and scans random items as the SDK client does, bytes included', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(attributes, async (attrs) => {
        const pk = `prop-${++n}`;
        const item = { pk: { S: pk }, sk: { S: 'A' }, ...attrs };
        const writer = n % 2 ? fast : sdk;
        await writer.send(new PutItemCommand({ TableName: TABLE, Item: item, ReturnConsumedCapacity: 'TOTAL' }));
        const key = { pk: { S: pk }, sk: { S: 'A' } };
        const [got, expected] = await both(
          () => new GetItemCommand({ TableName: TABLE, Key: key, ConsistentRead: true, ReturnConsumedCapacity: 'TOTAL' }),
        );
        expect(got).toEqual(expected);
        expect((got as { Item: unknown }).Item).toEqual(item);
        const query = () =>
          new QueryCommand({
            TableName: TABLE,
            KeyConditionExpression: '#pk = :pk',
            ExpressionAttributeNames: { '#pk': 'pk' },
            ExpressionAttributeValues: { ':pk': { S: pk } },
            ReturnConsumedCapacity: 'TOTAL',
          });
        const [queried, viaSdk] = await both(query);
        expect(queried).toEqual(viaSdk);
      }),
      { numRuns: 60 },
    );
    const [scanned, viaSdk] = await both(() => new ScanCommand({ TableName: TABLE, Limit: 7, ReturnConsumedCapacity: 'TOTAL' }));
    expect(scanned).toEqual(viaSdk);
    expect((scanned as { LastEvaluatedKey?: unknown }).LastEvaluatedKey).toBeDefined();
  });

  test('updates, deletes and batch writes leave what the SDK client reads back, with the same answers', async () => {
    const key = (sk: string) => ({ pk: { S: 'writes' }, sk: { S: sk } });
    const batch = await fast.send(
      new BatchWriteItemCommand({
        RequestItems: { [TABLE]: ['a', 'b', 'c'].map((sk) => ({ PutRequest: { Item: { ...key(sk), data: { B: Buffer.from(sk) } } } })) },
        ReturnConsumedCapacity: 'TOTAL',
      }),
    );
    expect(batch.UnprocessedItems).toEqual({});
    expect(batch.ConsumedCapacity?.[0]?.CapacityUnits).toBe(3);
    const updated = await fast.send(
      new UpdateItemCommand({
        TableName: TABLE,
        Key: key('a'),
        UpdateExpression: 'SET #n = :n',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#n': 'n' },
        ExpressionAttributeValues: { ':n': { N: '7' } },
        ReturnValues: 'ALL_NEW',
      }),
    );
    expect(updated.Attributes).toEqual({ ...key('a'), data: { B: new Uint8Array(Buffer.from('a')) }, n: { N: '7' } });
    const deleted = await fast.send(new DeleteItemCommand({ TableName: TABLE, Key: key('b'), ReturnValues: 'ALL_OLD' }));
    expect(deleted.Attributes).toEqual({ ...key('b'), data: { B: new Uint8Array(Buffer.from('b')) } });
    const left = await sdk.send(
      new QueryCommand({ TableName: TABLE, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': { S: 'writes' } } }),
    );
    expect(left.Items?.map((i) => i.sk?.S)).toEqual(['a', 'c']);
  });

  test('an engine error reaches the caller named and worded as through the SDK', async () => {
    const cases = [
      () =>
        new PutItemCommand({
          TableName: TABLE,
          Item: { pk: { S: 'writes' }, sk: { S: 'c' } },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      () => new GetItemCommand({ TableName: 'no-such-table', Key: { pk: { S: 'x' }, sk: { S: 'y' } } }),
      () => new PutItemCommand({ TableName: TABLE, Item: { pk: { S: 'x' } } }),
      () => new QueryCommand({ TableName: TABLE, KeyConditionExpression: 'pk = :missing' }),
    ];
    for (const make of cases) {
      const [mine, theirs] = await Promise.all([failureOf(fast.send(make() as never)), failureOf(sdk.send(make() as never))]);
      expect(theirs.name).not.toBe('none');
      expect(mine).toEqual(theirs);
    }
  });

  test('item operations and DescribeTable skip the SDK middleware; other commands take it', async () => {
    const resolved = [GetItemCommand, DescribeTableCommand, ListTablesCommand].map((c) => jest.spyOn(c.prototype, 'resolveMiddleware'));
    try {
      await fast.send(new GetItemCommand({ TableName: TABLE, Key: { pk: { S: 'x' }, sk: { S: 'y' } } }));
      expect((await fast.send(new DescribeTableCommand({ TableName: TABLE }))).Table?.TableName).toBe(TABLE);
      expect((await fast.send(new ListTablesCommand({}))).TableNames).toContain(TABLE);
      expect(resolved.map((spy) => spy.mock.calls.length)).toEqual([0, 0, 1]);
    } finally {
      for (const spy of resolved) spy.mockRestore();
    }
  });

  test('DescribeTable answers as through the SDK, dates as dates', async () => {
    const { $metadata: _mine, ...mine } = await fast.send(new DescribeTableCommand({ TableName: TABLE }));
    const { $metadata: _theirs, ...theirs } = await sdk.send(new DescribeTableCommand({ TableName: TABLE }));
    // The engine's members the SDK does not know (TableThroughputModeSummary) are left in.
    expect(mine).toMatchObject(theirs);
    const missing = await Promise.all(
      [fast, sdk].map((c) => c.send(new DescribeTableCommand({ TableName: 'no-such' })).catch((e: Error) => e.name)),
    );
    expect(missing).toEqual(['ResourceNotFoundException', 'ResourceNotFoundException']);
  });

  test('a store on the client keeps and reads back what it wrote, conditions included', async () => {
    const store = new DynamoDbStore({ client: fast, table: TABLE, batchWrites: true });
    const reference = new DynamoDbStore({ client: sdk, table: TABLE });
    expect(await store.writeFindingState(state(), undefined)).toBe(true);
    expect(await store.writeFindingState(state(), undefined)).toBe(false);
    expect(await reference.getFindingState(ESTATE, 'f-1')).toEqual(state());
    const saved = snapshot('h1', [observation('a', { kind: 'text', text: '1' })], { observedAt: T1 });
    await store.saveSnapshot(ESTATE, saved, new Date(T1));
    expect(await reference.loadSnapshot(ESTATE, saved.environment, saved.sourceKey)).toEqual(saved);
    expect(await store.loadSnapshot(ESTATE, saved.environment, saved.sourceKey)).toEqual(saved);
  });
});
