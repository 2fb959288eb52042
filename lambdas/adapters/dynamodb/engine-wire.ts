import type { AttributeValue } from '@aws-sdk/client-dynamodb';

type Wire = Record<string, unknown>;

/** A copy of the value with its bytes as base64 (each string made added to `made`) and its undefined members left out. */
function base64Bytes(v: unknown, made: Set<string>): unknown {
  // isView, not instanceof: bytes made in another realm (a Buffer in a test's sandbox) are bytes too.
  if (ArrayBuffer.isView(v)) {
    const text = Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64');
    made.add(text);
    return text;
  }
  if (Array.isArray(v)) return v.map((x: unknown) => base64Bytes(x, made));
  if (v === null || typeof v !== 'object') return v;
  const out: Wire = {};
  for (const k of Object.keys(v)) if ((v as Wire)[k] !== undefined) out[k] = base64Bytes((v as Wire)[k], made);
  return out;
}

const ENCODED = Symbol('drift.encodedBytes');

/**
 * A command's input as DynamoDB's JSON protocol carries it, as an object: bytes (B, BS) as base64,
 * undefined left out; a copy, which the engine may change as it validates it.
 */
export function toWire(input: object): Wire {
  const made = new Set<string>();
  const wire = base64Bytes(input, made) as Wire;
  // Out of sight of the engine (a symbol, not enumerable): what encodedBytes reads.
  if (made.size > 0) Object.defineProperty(wire, ENCODED, { value: made });
  return wire;
}

/**
 * The base64 strings `toWire` made of the input's bytes: Buffer's own encoding, which reads back the
 * same, so they pass the engine's test of base64 (read and written back) without it being run.
 */
export const encodedBytes = (wire: object): ReadonlySet<string> | undefined => (wire as { [ENCODED]?: Set<string> })[ENCODED];

/** Bytes as the SDK hands them out: a plain Uint8Array, not a Buffer. */
const bytes = (b64: string): Uint8Array => {
  const b = Buffer.from(b64, 'base64');
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
};

function attributeValue(v: Wire): AttributeValue {
  if (typeof v.B === 'string') return { B: bytes(v.B) };
  if (Array.isArray(v.BS)) return { BS: (v.BS as string[]).map(bytes) };
  if (Array.isArray(v.L)) return { L: (v.L as Wire[]).map(attributeValue) };
  if (v.M && typeof v.M === 'object') return { M: attributeMap(v.M as Wire) };
  return v as unknown as AttributeValue;
}

function attributeMap(m: Wire): Record<string, AttributeValue> {
  const out: Record<string, AttributeValue> = {};
  for (const k of Object.keys(m)) out[k] = attributeValue(m[k] as Wire);
  return out;
}

type WriteRequest = { PutRequest?: { Item: Wire }; DeleteRequest?: { Key: Wire } };

const writeRequest = (r: WriteRequest): WriteRequest => ({
  ...(r.PutRequest ? { PutRequest: { Item: attributeMap(r.PutRequest.Item) } } : {}),
  ...(r.DeleteRequest ? { DeleteRequest: { Key: attributeMap(r.DeleteRequest.Key) } } : {}),
});

/** A table description as the SDK gives it: its `…DateTime` members (epoch seconds on the wire) as Dates, at any depth. */
function tableTimes(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(tableTimes);
  if (v === null || typeof v !== 'object') return v;
  const out: Wire = {};
  for (const [k, x] of Object.entries(v)) out[k] = k.endsWith('DateTime') && typeof x === 'number' ? new Date(x * 1000) : tableTimes(x);
  return out;
}

/**
 * An item operation's output (GetItem, PutItem, UpdateItem, DeleteItem, Query, Scan, BatchWriteItem)
 * from the protocol's JSON to the SDK's shape: bytes back from base64, wherever items and keys are;
 * and a table operation's (DescribeTable, CreateTable), its times as Dates.
 */
export function fromWire(out: Wire): Wire {
  const res: Wire = {};
  // What JSON would have carried: no undefined members.
  for (const k of Object.keys(out)) if (out[k] !== undefined) res[k] = out[k];
  for (const k of ['Item', 'Attributes', 'LastEvaluatedKey'] as const) if (out[k]) res[k] = attributeMap(out[k] as Wire);
  if (Array.isArray(out.Items)) res.Items = (out.Items as Wire[]).map(attributeMap);
  for (const k of ['Table', 'TableDescription'] as const) if (out[k]) res[k] = tableTimes(out[k]);
  if (out.UnprocessedItems) {
    const tables = out.UnprocessedItems as Record<string, WriteRequest[]>;
    res.UnprocessedItems = Object.fromEntries(Object.entries(tables).map(([t, rs]) => [t, rs.map(writeRequest)]));
  }
  return res;
}
