import { createRequire } from 'node:module';
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DynamoDbStore, ensureTable } from '../../../lambdas/adapters/dynamodb/dynamodb-store';
import { embeddedClient, startEmbeddedDynamoDb } from '../../../lambdas/adapters/dynamodb/embedded-dynamodb';
import { parsedOnce, type ParseCondition } from '../../../lambdas/adapters/dynamodb/parsed-conditions';
import { ESTATE, T2, state } from './fixtures';

// The engine's own request validation (validateExpressions), which parses a request's condition
// through its condition parser: run with the parser as it is (the plain path) and with parsedOnce in
// front of it, the same requests must get the same trees and the same errors.
const engine = createRequire(require.resolve('dynalite'));
const conditions = engine('./db/conditionParser') as { parse: ParseCondition };
const validations = engine('./validations') as { validateExpressions(data: Record<string, unknown>): string | undefined };

type Request = {
  ConditionExpression: string;
  UpdateExpression?: string;
  ExpressionAttributeNames?: object;
  ExpressionAttributeValues?: object;
};

/** What the engine makes of a request: its error, else the condition's tree. */
function validated(request: Request, parse: ParseCondition): { error?: string; condition?: unknown } {
  const plain = conditions.parse;
  conditions.parse = parse;
  try {
    const data: Record<string, unknown> = structuredClone(request);
    const error = validations.validateExpressions(data);
    return error === undefined ? { condition: data._condition } : { error };
  } finally {
    conditions.parse = plain;
  }
}

const N = (n: number) => ({ N: String(n) });

const REQUESTS: Request[] = [
  { ConditionExpression: 'attribute_not_exists(pk)' },
  { ConditionExpression: 'attribute_not_exists(pk)' },
  {
    ConditionExpression: '#version = :expected AND #changed <= :mine',
    ExpressionAttributeNames: { '#version': 'version', '#changed': 'changedMs' },
    ExpressionAttributeValues: { ':expected': N(1), ':mine': N(5) },
  },
  {
    ConditionExpression: '#version = :expected AND #changed <= :mine',
    ExpressionAttributeNames: { '#version': 'version', '#changed': 'changedMs' },
    ExpressionAttributeValues: { ':expected': N(2), ':mine': N(5) },
  },
  {
    ConditionExpression: '#version = :expected AND #changed <= :mine',
    ExpressionAttributeNames: { '#version': 'version', '#changed': 'changedMs' },
    ExpressionAttributeValues: { ':expected': N(1), ':mine': N(5) },
  },
  // A name and a value the condition does not use: refused, though a request alike was parsed before it.
  { ConditionExpression: '#v = :v', ExpressionAttributeNames: { '#v': 'version' }, ExpressionAttributeValues: { ':v': N(1) } },
  { ConditionExpression: '#v = :v', ExpressionAttributeNames: { '#v': 'version', '#x': 'x' }, ExpressionAttributeValues: { ':v': N(1) } },
  { ConditionExpression: '#v = :v', ExpressionAttributeNames: { '#v': 'version' }, ExpressionAttributeValues: { ':v': N(1), ':w': N(2) } },
  { ConditionExpression: '#v = :v', ExpressionAttributeNames: { '#v': 'version' }, ExpressionAttributeValues: { ':v': N(1) } },
  // Errors, each time they are asked: a function the engine does not know, a syntax error, a placeholder not given.
  { ConditionExpression: 'no_such_function(pk)' },
  { ConditionExpression: 'no_such_function(pk)' },
  { ConditionExpression: 'attribute_not_exists(' },
  { ConditionExpression: 'attribute_not_exists(' },
  { ConditionExpression: '#missing = :v', ExpressionAttributeValues: { ':v': N(1) } },
];

describe('parsedOnce: the engine parses each condition once per spelling', () => {
  test('the same trees and the same errors as the plain parse, request after request', () => {
    const once = parsedOnce(conditions.parse);
    for (const request of REQUESTS) expect(validated(request, once)).toEqual(validated(request, conditions.parse));
    expect(validated(REQUESTS[6]!, once).error).toMatch(/unused in expressions: keys: \{#x\}/);
    expect(validated(REQUESTS[7]!, once).error).toMatch(/unused in expressions: keys: \{:w\}/);
    expect(validated(REQUESTS[9]!, once).error).toMatch(/Invalid function name/);
    expect(validated(REQUESTS[11]!, once).error).toMatch(/Syntax error/);
  });

  test('a spelling parsed once is not parsed again; another value, an error or a key condition is', () => {
    const parse = jest.fn(conditions.parse);
    const once = parsedOnce(parse);
    for (const request of REQUESTS) validated(request, once);
    // attribute_not_exists(pk); the version condition with (1, 5) and (2, 5); #v = :v as given and with
    // #x, with :w (unused ones are the engine's check after the parse); each error twice.
    expect(parse).toHaveBeenCalledTimes(1 + 2 + 3 + 2 + 2 + 1);
    parse.mockClear();
    const key = { context: { isKeyCondition: true, attrNames: { '#pk': 'pk' }, attrVals: { ':pk': { S: 'a' } } } };
    once('#pk = :pk', key);
    once('#pk = :pk', { context: { ...key.context } });
    expect(parse).toHaveBeenCalledTimes(2);
  });

  test('marks the placeholders the condition uses, whatever an update expression parsed before it used', () => {
    const once = parsedOnce(conditions.parse);
    const names = { '#v': 'version' };
    const values = { ':v': N(1) };
    // The update takes #v and :v first; a put on the same condition then needs the condition to take them.
    const update: Request = {
      UpdateExpression: 'SET #v = :v',
      ConditionExpression: '#v = :v',
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    };
    const put: Request = { ConditionExpression: '#v = :v', ExpressionAttributeNames: names, ExpressionAttributeValues: values };
    for (const request of [update, put, update]) expect(validated(request, once)).toEqual(validated(request, conditions.parse));
    expect(validated(put, once)).toEqual({ condition: expect.any(Object) });
  });

  test('keeps a bounded number of spellings', () => {
    const parse = jest.fn(conditions.parse);
    const once = parsedOnce(parse, 2);
    const at = (n: number): Request => ({
      ConditionExpression: '#v = :v',
      ExpressionAttributeNames: { '#v': 'v' },
      ExpressionAttributeValues: { ':v': N(n) },
    });
    for (const n of [1, 2, 3, 1, 3]) expect(validated(at(n), once)).toEqual(validated(at(n), conditions.parse));
    // Full at the third: forgotten, then 1 parsed again, 3 kept.
    expect(parse).toHaveBeenCalledTimes(4);
  });
});

describe('conditional writes through the embedded engine, conditions parsed once', () => {
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'drift-parsed-conditions-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('decide on the item each write reads, whatever the writes before them', async () => {
    const engine = await startEmbeddedDynamoDb(path.join(dir, 'store'));
    const client = embeddedClient(engine);
    try {
      await ensureTable(client, 'drift');
      const store = new DynamoDbStore({ client, table: 'drift', batchWrites: true });
      for (const id of ['f-1', 'f-2']) {
        expect(await store.writeFindingState(state({ id }), undefined)).toBe(true);
        expect(await store.writeFindingState(state({ id }), undefined)).toBe(false);
      }
      expect(await store.clearPendingEvent(ESTATE, 'f-1', 2)).toBe(false);
      expect(await store.clearPendingEvent(ESTATE, 'f-1', 1)).toBe(true);
      expect(await store.clearPendingEvent(ESTATE, 'f-2', 1)).toBe(true);
      expect(await store.writeFindingState(state({ version: 4, lastChangedAt: T2 }), 3)).toBe(false);
      expect(await store.writeFindingState(state({ version: 2, lastChangedAt: T2 }), 1)).toBe(true);
      expect(await store.writeFindingState(state({ version: 2, lastChangedAt: T2 }), 1)).toBe(false);
      expect(await store.writeFindingState(state({ id: 'f-2', version: 2, lastChangedAt: T2 }), 1)).toBe(true);
      expect(await store.getFindingState(ESTATE, 'f-1')).toEqual(state({ version: 2, lastChangedAt: T2 }));
    } finally {
      client.destroy();
      await engine.close();
    }
  });
});
