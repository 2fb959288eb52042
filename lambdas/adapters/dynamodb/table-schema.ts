import { setTimeout as sleep } from 'node:timers/promises';
import { CreateTableCommand, DescribeTableCommand, type DynamoDBClient, type TableDescription } from '@aws-sdk/client-dynamodb';

/** The table's shape, one source of truth for `ensureTable` and the CDK table construct. */
export const TABLE_SCHEMA = {
  partitionKey: 'pk',
  sortKey: 'sk',
  ttlAttribute: 'expiresAt',
  /** Events by time: sparse (only event items carry `atKey`), strongly consistent, same partition. */
  eventsByTime: { name: 'events-by-time', sortKey: 'atKey' },
} as const;

const WAIT_MS = 120_000;

const errorName = (err: unknown): string | undefined => (err instanceof Error ? err.name : undefined);

async function describeTable(client: DynamoDBClient, table: string): Promise<TableDescription | undefined> {
  try {
    return (await client.send(new DescribeTableCommand({ TableName: table }))).Table;
  } catch (err) {
    if (errorName(err) === 'ResourceNotFoundException') return undefined;
    throw err;
  }
}

/** A table made some other way must still have the index the event log is read through. */
function assertShape(table: string, description: TableDescription): void {
  const index = TABLE_SCHEMA.eventsByTime.name;
  if (!description.LocalSecondaryIndexes?.some((i) => i.IndexName === index)) {
    throw new Error(`table ${table} has no local secondary index ${index}: it was not created by drift's ensureTable or stack`);
  }
}

/**
 * Why `table` cannot hold drift's store, as far as DescribeTable tells before a run: it is not there.
 * Undefined when it is, or when the caller may not describe tables (a role with item access only
 * still uses the table). Other errors (no region or credentials, no connection) are thrown.
 */
export async function tableProblem(client: DynamoDBClient, table: string): Promise<string | undefined> {
  try {
    return (await describeTable(client, table)) ? undefined : `there is no table ${table} (the installation's stack makes it)`;
  } catch (err) {
    if (/AccessDenied/.test(errorName(err) ?? '')) return undefined;
    throw err;
  }
}

/** Creates the table (on-demand, pk/sk, the events index) unless it exists, and waits until it is ACTIVE. */
export async function ensureTable(client: DynamoDBClient, table: string): Promise<void> {
  const existing = await describeTable(client, table);
  if (existing) assertShape(table, existing);
  if (existing?.TableStatus === 'ACTIVE') return;
  if (!existing) {
    const { partitionKey, sortKey, eventsByTime } = TABLE_SCHEMA;
    try {
      await client.send(
        new CreateTableCommand({
          TableName: table,
          BillingMode: 'PAY_PER_REQUEST',
          AttributeDefinitions: [
            { AttributeName: partitionKey, AttributeType: 'S' },
            { AttributeName: sortKey, AttributeType: 'S' },
            { AttributeName: eventsByTime.sortKey, AttributeType: 'S' },
          ],
          KeySchema: [
            { AttributeName: partitionKey, KeyType: 'HASH' },
            { AttributeName: sortKey, KeyType: 'RANGE' },
          ],
          LocalSecondaryIndexes: [
            {
              IndexName: eventsByTime.name,
              KeySchema: [
                { AttributeName: partitionKey, KeyType: 'HASH' },
                { AttributeName: eventsByTime.sortKey, KeyType: 'RANGE' },
              ],
              Projection: { ProjectionType: 'ALL' },
            },
          ],
        }),
      );
    } catch (err) {
      // Another process created it first: fine, wait for it like for our own.
      if (errorName(err) !== 'ResourceInUseException') throw err;
    }
  }
  // DynamoDB takes seconds to create a table, the embedded engine a tick: poll soon, then back off.
  const deadline = Date.now() + WAIT_MS;
  for (let delay = 25; (await describeTable(client, table))?.TableStatus !== 'ACTIVE'; delay = Math.min(delay * 2, 5_000)) {
    if (Date.now() > deadline) throw new Error(`table ${table} did not become ACTIVE within ${WAIT_MS / 1000} s`);
    await sleep(delay);
  }
}
