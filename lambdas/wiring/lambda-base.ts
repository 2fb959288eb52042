import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { DynamoDbStore } from '../adapters/dynamodb/dynamodb-store';
import { S3EstateSource } from '../adapters/s3/s3-estate-source';
import { S3Objects } from '../adapters/s3/s3-objects';
import { S3RunArtifacts } from '../adapters/s3/s3-run-artifacts';
import { lambdaConfig, type LambdaConfig } from './lambda-config';
import { sdkHttp, timeoutsFrom } from './timeouts';

// Each function imports only the wiring it needs, so each bundle holds only the clients it uses.
// Everything here is built once per container (cold start) and shared by its invocations.

// The annotation tells esbuild a `once(…)` call has no effect until its result is called, so a
// function whose wiring never uses `store` bundles no DynamoDB client. esbuild honours it only for
// calls in the same file: the clients several functions share are made here.
/** Builds a value on first use and keeps it for the container's life. */
export const once = /* @__NO_SIDE_EFFECTS__ */ <T>(make: () => T): (() => T) => {
  let value: T | undefined;
  return () => (value ??= make());
};

export const config = once((): LambdaConfig => lambdaConfig(process.env));

/** Connection, request and per-source timeouts (defaults, or DRIFT_*_TIMEOUT_MS). */
export const timeouts = once(() => timeoutsFrom(process.env));
/** Every AWS client of the functions waits a bounded time for an answer. */
export const http = (): ReturnType<typeof sdkHttp> => sdkHttp(timeouts());

/** The estate files and the run's files in the bucket. */
export const bucket = once(() => {
  const objects = new S3Objects(new S3Client(http()), config().bucket);
  return { estates: new S3EstateSource(objects), artifacts: new S3RunArtifacts(objects), objects };
});

/** The DynamoDB store. */
export const store = once(() => new DynamoDbStore({ client: new DynamoDBClient(http()), table: config().table }));

export const secretsClient = once(() => new SecretsManagerClient(http()));
