import {
  BatchWriteItemCommand,
  CreateTableCommand,
  DeleteItemCommand,
  DescribeTableCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  ScanCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { embeddedConfig, withoutLoopbackNeedless, type EmbeddedDynamoDb } from './embedded-dynamodb';
import { fromWire, toWire } from './engine-wire';

/**
 * The item operations a store run sends thousands of, and the table operations it starts with: the
 * engine's HTTP handler throws a storage error (a damaged data file) out of a callback, where it
 * takes the process down, while the direct path rejects with it. Everything else takes the SDK's own path.
 */
const DIRECT = new Map<unknown, string>([
  [DescribeTableCommand, 'DescribeTable'],
  [CreateTableCommand, 'CreateTable'],
  [GetItemCommand, 'GetItem'],
  [PutItemCommand, 'PutItem'],
  [UpdateItemCommand, 'UpdateItem'],
  [DeleteItemCommand, 'DeleteItem'],
  [BatchWriteItemCommand, 'BatchWriteItem'],
  [QueryCommand, 'Query'],
  [ScanCommand, 'Scan'],
]);

/**
 * The CLI's client for the embedded engine in this process: item reads and writes go to the engine's
 * validations and actions as DynamoDB's wire protocol carries them, skipping the SDK's middleware
 * (endpoint resolution, retries, serde by schema) and the engine's HTTP handling, which were most of
 * each request's time in a big first run's thousands; other commands (tables) take the SDK's path,
 * as with `embeddedClient`. Callers see the SDK's outputs and error names.
 */
export function engineClient(engine: EmbeddedDynamoDb): DynamoDBClient {
  const client = withoutLoopbackNeedless(new DynamoDBClient(embeddedConfig(engine)));
  const viaSdk = client.send.bind(client) as (...args: unknown[]) => unknown;
  const direct = async (operation: string, input: object): Promise<object> => {
    const out = await engine.call(operation, toWire(input));
    return { $metadata: { httpStatusCode: 200 }, ...fromWire(out) };
  };
  const send = (...args: unknown[]): unknown => {
    const [command, optionsOrCb, cb] = args as [{ input: object }, unknown, unknown];
    const operation = DIRECT.get(command.constructor);
    // A callback-style call keeps the SDK's path: nothing here makes one.
    if (!operation || typeof optionsOrCb === 'function' || cb !== undefined) return viaSdk(...args);
    return direct(operation, command.input);
  };
  client.send = send as DynamoDBClient['send'];
  return client;
}
