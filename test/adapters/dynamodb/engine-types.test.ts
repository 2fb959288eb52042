import { createRequire } from 'node:module';
import fc from 'fast-check';
import { checkedTypes, type TypeSpec } from '../../../lambdas/adapters/dynamodb/engine-types';
import { encodedBytes, toWire } from '../../../lambdas/adapters/dynamodb/engine-wire';

// checkedTypes against the engine's own type check (dynalite's checkTypes), on requests of every item
// operation the store sends, well formed or not: where it answers, the engine answers the same copy.

const engine = createRequire(require.resolve('dynalite'));
const validations = engine('./validations') as { checkTypes(data: object, types: object): Record<string, unknown> };
const typesOf = (operation: string): Record<string, TypeSpec> =>
  (engine(`./validations/${operation}`) as { types: Record<string, TypeSpec> }).types;

const OPERATIONS = ['putItem', 'updateItem', 'deleteItem', 'getItem', 'batchWriteItem', 'query', 'scan', 'describeTable', 'createTable'];

/** The engine's own answer: its copy, or its error. */
function plain(data: unknown, types: object): { out?: unknown; error?: string } {
  try {
    return { out: validations.checkTypes(structuredClone(data) as object, types) };
  } catch (err) {
    return { error: (err as Error).message };
  }
}

const base64 = fc.uint8Array({ maxLength: 12 }).map((b) => Buffer.from(b).toString('base64'));
const text = fc.string({ maxLength: 6 });

/** Attribute values, mostly well formed, some the engine converts or refuses. */
const { value: attributeValue } = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.record({ S: text }),
    fc.record({ N: fc.integer().map(String) }),
    fc.record({ B: base64 }),
    fc.record({ BOOL: fc.boolean() }),
    fc.record({ NULL: fc.constant(true) }),
    fc.record({ SS: fc.array(text, { maxLength: 3 }) }),
    fc.record({ NS: fc.array(fc.integer().map(String), { maxLength: 3 }) }),
    fc.record({ BS: fc.array(base64, { maxLength: 3 }) }),
    fc.record({ L: fc.array(tie('value'), { maxLength: 3 }) }),
    fc.record({ M: fc.dictionary(text, tie('value'), { maxKeys: 3 }) }),
    // What the engine converts or refuses: a boolean spelt as text, bytes that are not base64, a
    // number where text goes, two members, a null member, none, anything at all.
    fc.record({ BOOL: fc.constantFrom('true', 'no', 'maybe') }),
    fc.record({ B: fc.constantFrom('abc', 'ab=c', '====', 'YQ==') }),
    fc.record({ S: fc.integer() }),
    fc.record({ S: text, N: fc.constant('1') }),
    fc.record({ S: fc.constant(null) }),
    fc.constant(null),
    fc.anything({ maxDepth: 2 }),
  ),
}));

const item = fc.dictionary(fc.constantFrom('pk', 'sk', 'itemType', 'data', 'version', 'finding'), attributeValue, { maxKeys: 5 });

/** A request for one operation: its members from the operation's types (plus an unknown one), values fitting or not. */
const request = (types: Record<string, TypeSpec>) =>
  fc.dictionary(
    fc.constantFrom(...Object.keys(types), 'NotAMember'),
    fc.oneof(
      text,
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      item,
      fc.record({ drift: fc.array(fc.record({ PutRequest: fc.record({ Item: item }) }), { maxLength: 3 }) }),
      fc.record({ drift: fc.array(fc.record({ DeleteRequest: fc.record({ Key: item }) }), { maxLength: 2 }) }),
      fc.array(fc.record({ AttributeName: text, KeyType: fc.constantFrom('HASH', 'RANGE') }), { maxLength: 2 }),
      fc.record({ ReadCapacityUnits: fc.oneof(fc.integer(), fc.double()), WriteCapacityUnits: fc.integer() }),
      fc.anything({ maxDepth: 2 }),
    ),
    { maxKeys: 6 },
  );

describe("checkedTypes: the engine's type check, its types read once", () => {
  test.each(OPERATIONS)(
    '%s: where it answers, the engine gives the same copy (members in the same order); it never changes its input',
    (operation) => {
      const types = typesOf(operation);
      fc.assert(
        fc.property(request(types), (data) => {
          const before = structuredClone(data);
          const fast = checkedTypes(data, types);
          expect(data).toEqual(before);
          if (fast === undefined) return;
          const engineAnswer = plain(data, types);
          expect(engineAnswer.error).toBeUndefined();
          expect(fast).toEqual(engineAnswer.out);
          expect(JSON.stringify(fast)).toBe(JSON.stringify(engineAnswer.out));
        }),
        { numRuns: 300 },
      );
    },
  );

  test('answers for what the store sends: a finding state, a batch of snapshot chunks, a query', () => {
    const state = {
      TableName: 'drift',
      Item: {
        pk: { S: 'E#checkout-api#F' },
        sk: { S: 'f-1' },
        version: { N: '1' },
        finding: { M: { values: { M: { staging: { S: '10s' }, prod: { NULL: true } } }, tags: { L: [{ S: 'a' }, { BOOL: false }] } } },
      },
      ConditionExpression: 'attribute_not_exists(pk)',
      ReturnConsumedCapacity: 'TOTAL',
    };
    const chunks = {
      RequestItems: {
        drift: [0, 1].map((i) => ({ PutRequest: { Item: { pk: { S: 'E#x#SNAPC#a' }, sk: { S: `0000${i}` }, data: { B: 'AAEC' } } } })),
      },
      ReturnConsumedCapacity: 'TOTAL',
    };
    const query = {
      TableName: 'drift',
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': 'pk' },
      ExpressionAttributeValues: { ':pk': { S: 'E#x#F' } },
      ConsistentRead: true,
      Limit: 10.7,
    };
    for (const [operation, data] of [
      ['putItem', state],
      ['batchWriteItem', chunks],
      ['query', query],
    ] as const) {
      const types = typesOf(operation);
      const fast = checkedTypes(data, types);
      expect(fast).toBeDefined();
      expect(JSON.stringify(fast)).toBe(JSON.stringify(plain(data, types).out));
    }
  });

  test("bytes toWire encodes pass the engine's test of base64 unrun, and give the engine's copy", () => {
    const types = typesOf('putItem');
    const bytes = fc.uint8Array({ maxLength: 64 });
    fc.assert(
      fc.property(bytes, fc.array(bytes, { minLength: 1, maxLength: 3 }), (b, bs) => {
        const wire = toWire({
          TableName: 'drift',
          Item: { pk: { S: 'p' }, data: { B: b }, set: { BS: bs }, deep: { M: { x: { B: b } } } },
        });
        const made = encodedBytes(wire)!;
        expect([...made].sort()).toEqual([...new Set([b, ...bs].map((x) => Buffer.from(x).toString('base64')))].sort());
        // The engine's own test (read and written back the same) holds for each.
        for (const text of made) expect(Buffer.from(text, 'base64').toString('base64')).toBe(text);
        expect(JSON.stringify(checkedTypes(wire, types, made))).toBe(JSON.stringify(plain(wire, types).out));
      }),
    );
    // Run only for what toWire did not make: none decoded here, one there.
    const wire = toWire({ TableName: 'drift', Item: { data: { B: Buffer.from('chunk') } } });
    const decode = jest.spyOn(Buffer, 'from');
    try {
      expect(checkedTypes(wire, types, encodedBytes(wire))).toBeDefined();
      expect(decode).not.toHaveBeenCalled();
      expect(checkedTypes({ TableName: 'drift', Item: { data: { B: 'abd=' } } }, types, encodedBytes(wire))).toBeUndefined();
      expect(decode).toHaveBeenCalledWith('abd=', 'base64');
    } finally {
      decode.mockRestore();
    }
    expect(encodedBytes(toWire({ TableName: 'drift', Item: { pk: { S: 'p' } } }))).toBeUndefined();
  });

  test('leaves to the engine what it would convert or refuse, which then says so', () => {
    const types = typesOf('putItem');
    // A list with a hole: the engine's copy keeps the hole.
    const holed: unknown[] = [];
    holed[1] = { S: 'a' };
    for (const value of [{ BOOL: 'true' }, { B: 'abc' }, { S: 5 }, [], 'x', { L: holed }]) {
      const data = { TableName: 'drift', Item: { pk: value } };
      expect(checkedTypes(data, types)).toBeUndefined();
    }
    expect(plain({ TableName: 'drift', Item: { pk: { B: 'abc' } } }, types).error).toMatch(/Base64/);
    expect(plain({ TableName: 'drift', Item: { pk: { BOOL: 'true' } } }, types).out).toEqual({
      TableName: 'drift',
      Item: { pk: { BOOL: true } },
    });
  });
});
