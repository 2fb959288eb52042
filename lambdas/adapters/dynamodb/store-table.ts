import { setTimeout as sleep } from 'node:timers/promises';
import {
  BatchWriteItemCommand,
  DeleteItemCommand,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  ScanCommand,
  UpdateItemCommand,
  type AttributeValue,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import type { StoreStats } from '../../ports/audit-store';
import { assertItemSize, itemBytes } from './item-size';
import type { TableKey } from './keys';

export type Item = Record<string, unknown>;

/** A condition or update expression with its placeholders. */
export interface Expression {
  expression: string;
  names?: Record<string, string>;
  values?: Record<string, unknown>;
}

export interface QueryOptions {
  pk: string;
  /** Only items whose sort key (of the index, if any) is at or after this. */
  from?: string;
  /** Only items whose sort key begins with this (not with `from`). */
  prefix?: string;
  index?: { name: string; sortKey: string };
}

/** BatchWriteItem's limits: 25 items and 16 MB a request. */
const BATCH_ITEMS = 25;
const BATCH_BYTES = 15 * 1024 * 1024;
const BATCH_ATTEMPTS = 8;

const isConditionFailure = (err: unknown): boolean => err instanceof Error && err.name === 'ConditionalCheckFailedException';

const readUnitsOf = (bytes: number): number => Math.max(1, Math.ceil(bytes / 4096));
const writeUnitsOf = (bytes: number): number => Math.max(1, Math.ceil(bytes / 1024));

type Attributes = Record<string, AttributeValue>;

const toAttributes = (o: object): Attributes => marshall(o, { removeUndefinedValues: true });
const fromAttributes = (a: Attributes): Item => unmarshall(a);
const valuesOf = (values: Record<string, unknown> | undefined): Attributes | undefined =>
  values && Object.keys(values).length > 0 ? toAttributes(values) : undefined;

/**
 * The one table: conditional writes as booleans, every page read, every unit counted. It marshals
 * items itself rather than wrapping the client in a document client, which would rewrite the
 * translation settings of every document client sharing that client.
 */
export class StoreTable {
  private readonly counts: StoreStats = { reads: 0, writes: 0, readUnits: 0, writeUnits: 0 };

  constructor(
    private readonly client: DynamoDBClient,
    readonly name: string,
    /** Unconditional puts go in BatchWriteItem requests: the CLI's embedded store (the functions' roles do not grant it). */
    private readonly batchWrites = false,
  ) {}

  /** A strongly consistent read of one item. */
  async get(key: TableKey): Promise<Item | undefined> {
    const out = await this.client.send(
      new GetItemCommand({ TableName: this.name, Key: toAttributes(key), ConsistentRead: true, ReturnConsumedCapacity: 'TOTAL' }),
    );
    const item = out.Item ? fromAttributes(out.Item) : undefined;
    this.read(out.ConsumedCapacity?.CapacityUnits, () => (item ? itemBytes(item) : 0));
    return item;
  }

  /** Puts an item; with a condition, false when the condition does not hold. Oversized items throw. */
  async put(item: Item, condition?: Expression): Promise<boolean> {
    const bytes = assertItemSize(item);
    return this.write(bytes, () =>
      this.client.send(
        new PutItemCommand({
          TableName: this.name,
          Item: toAttributes(item),
          ReturnConsumedCapacity: 'TOTAL',
          ...conditionParams(condition),
        }),
      ),
    );
  }

  /**
   * Puts items that need no condition (snapshot chunks, change records: each key written once, or
   * rewritten the same): with `batchWrites`, in BatchWriteItem requests of up to 25, retrying what
   * the engine leaves unprocessed; else one PutItem each. Oversized items throw before anything is sent.
   */
  async batchPut(items: readonly Item[]): Promise<void> {
    if (!this.batchWrites) {
      for (const item of items) await this.put(item);
      return;
    }
    const sized = items.map((item) => ({ item, bytes: assertItemSize(item) }));
    for (let at = 0; at < sized.length;) {
      const batch: typeof sized = [];
      let bytes = 0;
      while (at < sized.length && batch.length < BATCH_ITEMS && (batch.length === 0 || bytes + sized[at]!.bytes <= BATCH_BYTES)) {
        bytes += sized[at]!.bytes;
        batch.push(sized[at++]!);
      }
      let pending = batch.map(({ item }) => ({ PutRequest: { Item: toAttributes(item) } }));
      for (let attempt = 0; pending.length; attempt++) {
        if (attempt === BATCH_ATTEMPTS) throw new Error(`${pending.length} items stayed unprocessed after ${BATCH_ATTEMPTS} batch writes`);
        if (attempt > 0) await sleep(25 * 2 ** attempt);
        this.counts.writes += 1;
        const out = await this.client.send(
          new BatchWriteItemCommand({ RequestItems: { [this.name]: pending }, ReturnConsumedCapacity: 'TOTAL' }),
        );
        const units = out.ConsumedCapacity?.reduce((n, c) => n + (c.CapacityUnits ?? 0), 0);
        const left = out.UnprocessedItems?.[this.name] ?? [];
        this.counts.writeUnits += units ?? batch.reduce((n, b) => n + writeUnitsOf(b.bytes), 0);
        pending = left.flatMap((r) => (r.PutRequest?.Item ? [{ PutRequest: { Item: r.PutRequest.Item } }] : []));
      }
    }
  }

  /** Updates an existing item; false when the condition does not hold. */
  async update(key: TableKey, update: Expression, condition: Expression): Promise<boolean> {
    return this.write(0, () =>
      this.client.send(
        new UpdateItemCommand({
          TableName: this.name,
          Key: toAttributes(key),
          UpdateExpression: update.expression,
          ConditionExpression: condition.expression,
          ExpressionAttributeNames: { ...update.names, ...condition.names },
          ExpressionAttributeValues: valuesOf({ ...update.values, ...condition.values }),
          ReturnConsumedCapacity: 'TOTAL',
        }),
      ),
    );
  }

  /** Deletes an item; false when the condition does not hold. */
  async delete(key: TableKey, condition?: Expression): Promise<boolean> {
    return this.write(0, () =>
      this.client.send(
        new DeleteItemCommand({
          TableName: this.name,
          Key: toAttributes(key),
          ReturnConsumedCapacity: 'TOTAL',
          ...conditionParams(condition),
        }),
      ),
    );
  }

  /** Every item of one partition (or one index partition), in sort-key order, page by page. */
  query(opts: QueryOptions): AsyncGenerator<Item> {
    const sortKey = opts.index?.sortKey ?? 'sk';
    const range =
      opts.from !== undefined
        ? { condition: ' AND #sk >= :sk', value: opts.from }
        : opts.prefix !== undefined
          ? { condition: ' AND begins_with(#sk, :sk)', value: opts.prefix }
          : undefined;
    return this.pages((start) =>
      this.client.send(
        new QueryCommand({
          TableName: this.name,
          IndexName: opts.index?.name,
          KeyConditionExpression: `#pk = :pk${range?.condition ?? ''}`,
          ExpressionAttributeNames: { '#pk': 'pk', ...(range ? { '#sk': sortKey } : {}) },
          ExpressionAttributeValues: valuesOf({ ':pk': opts.pk, ...(range ? { ':sk': range.value } : {}) }),
          ConsistentRead: true,
          ExclusiveStartKey: start,
          ReturnConsumedCapacity: 'TOTAL',
        }),
      ),
    );
  }

  /** Every item of the table that matches a filter, page by page (eventually consistent: only for housekeeping). */
  scan(filter: Expression): AsyncGenerator<Item> {
    return this.pages((start) =>
      this.client.send(
        new ScanCommand({
          TableName: this.name,
          FilterExpression: filter.expression,
          ExpressionAttributeNames: filter.names,
          ExpressionAttributeValues: valuesOf(filter.values),
          ExclusiveStartKey: start,
          ReturnConsumedCapacity: 'TOTAL',
        }),
      ),
    );
  }

  /** Follows LastEvaluatedKey through every page of a Query or Scan, counting what it reads. */
  private async *pages(
    send: (
      start: Attributes | undefined,
    ) => Promise<{ Items?: Attributes[]; LastEvaluatedKey?: Attributes; ConsumedCapacity?: { CapacityUnits?: number } }>,
  ): AsyncGenerator<Item> {
    let start: Attributes | undefined;
    do {
      const out = await send(start);
      const items = (out.Items ?? []).map(fromAttributes);
      this.read(out.ConsumedCapacity?.CapacityUnits, () => items.reduce((n, i) => n + itemBytes(i), 0));
      yield* items;
      start = out.LastEvaluatedKey;
    } while (start);
  }

  /** Requests and capacity units so far. */
  stats(): StoreStats {
    return { ...this.counts };
  }

  /** `bytes` is sized only when the engine reports no units: sizing every item read is most of a big query's client time. */
  private read(units: number | undefined, bytes: () => number): void {
    this.counts.reads += 1;
    this.counts.readUnits += units ?? readUnitsOf(bytes());
  }

  private async write(bytes: number, send: () => Promise<{ ConsumedCapacity?: { CapacityUnits?: number } }>): Promise<boolean> {
    this.counts.writes += 1;
    try {
      const out = await send();
      this.counts.writeUnits += out.ConsumedCapacity?.CapacityUnits ?? writeUnitsOf(bytes);
      return true;
    } catch (err) {
      // DynamoDB bills a failed conditional write as if it had written.
      if (isConditionFailure(err)) {
        this.counts.writeUnits += writeUnitsOf(bytes);
        return false;
      }
      throw err;
    }
  }
}

function conditionParams(condition: Expression | undefined): object {
  if (!condition) return {};
  return {
    ConditionExpression: condition.expression,
    ExpressionAttributeNames: condition.names,
    ExpressionAttributeValues: valuesOf(condition.values),
  };
}

/** Attributes every item carries besides its domain fields. */
const INFRA = ['pk', 'sk', 'itemType', 'expiresAt'];

/** The domain object an item holds: the item minus its keys, type tag, TTL and the named extras. */
export function domainOf<T>(item: Item, ...extra: string[]): T {
  const out: Item = { ...item };
  for (const k of [...INFRA, ...extra]) delete out[k];
  return out as T;
}
