import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';

/**
 * A client for a table in AWS. Imported by name from this module, not from the SDK's package: the
 * CLI's bundle is split into chunks, and a chunk holding a CommonJS package (the SDK) exports only
 * `default` to a dynamic import, so `(await import('@aws-sdk/client-dynamodb')).DynamoDBClient`
 * was undefined in the built CLI.
 */
export const dynamoDbClient = (config: DynamoDBClientConfig): DynamoDBClient => new DynamoDBClient(config);
