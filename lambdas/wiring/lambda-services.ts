import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SNSClient } from '@aws-sdk/client-sns';
import { DynamoDbStore } from '../adapters/dynamodb/dynamodb-store';
import { StoreTaskDefinitionCache } from '../adapters/live/ecs/store-task-definition-cache';
import { LiveSourceCollector } from '../adapters/live/live-collector';
import { LimiterRegistry } from '../adapters/live/rate-limiter';
import { S3EstateSource } from '../adapters/s3/s3-estate-source';
import { S3Objects } from '../adapters/s3/s3-objects';
import { S3RunArtifacts } from '../adapters/s3/s3-run-artifacts';
import { SlackDigestSink } from '../adapters/slack/slack-digest-sink';
import { webhookFromSecretsManager } from '../adapters/slack/webhook-secret';
import { SnsPublisher } from '../adapters/sns/sns-publisher';
import type { Estate } from '../core/estate/model';
import type { Fingerprinter } from '../core/fingerprint';
import { secretPolicy } from '../core/sources/context';
import type { AuditRunDeps } from '../use-cases/audit-run';
import type { NotifyRunDeps } from '../use-cases/notify-run';
import type { PlanRunDeps } from '../use-cases/plan-run';
import type { SourceCollector } from '../use-cases/ports';
import { sourceKey } from '../use-cases/record-audit';
import { declaredSecrets } from '../use-cases/snapshot-environment';
import type { SnapshotTargetDeps } from '../use-cases/snapshot-target';
import { AwsClientFactory } from './aws-clients';
import { fingerprinterFromSecretsManager } from './lambda-fingerprint-key';
import { count, logger } from './lambda-observability';

/** What the stack gives every function, by environment variable. */
export interface LambdaConfig {
  table: string;
  bucket: string;
  topicArn: string;
  slackSecretArn: string;
  fingerprintSecretArn: string;
  /** The function's region: environments that declare none live here. */
  region: string;
  /** Optional: a base URL that serves the bucket's `runs/` (the digest links reports under it). */
  reportBaseUrl?: string;
}

/** A required variable is missing. Names the variables, never a value. */
export class LambdaConfigError extends Error {
  override name = 'LambdaConfigError';
}

const REQUIRED = {
  table: 'DRIFT_TABLE',
  bucket: 'DRIFT_BUCKET',
  topicArn: 'DRIFT_TOPIC_ARN',
  slackSecretArn: 'DRIFT_SLACK_SECRET_ARN',
  fingerprintSecretArn: 'DRIFT_FINGERPRINT_SECRET_ARN',
  region: 'AWS_REGION',
} as const;

/** Reads the functions' configuration from the environment. */
export function lambdaConfig(env: NodeJS.ProcessEnv): LambdaConfig {
  const missing = Object.values(REQUIRED).filter((name) => !env[name]);
  if (missing.length) throw new LambdaConfigError(`missing environment variable(s): ${missing.join(', ')}`);
  const get = (k: keyof typeof REQUIRED): string => env[REQUIRED[k]] as string;
  const base = env.DRIFT_REPORT_BASE_URL?.replace(/\/+$/, '');
  return {
    table: get('table'),
    bucket: get('bucket'),
    topicArn: get('topicArn'),
    slackSecretArn: get('slackSecretArn'),
    fingerprintSecretArn: get('fingerprintSecretArn'),
    region: get('region'),
    ...(base ? { reportBaseUrl: base } : {}),
  };
}

/** Clients and adapters built once per container (cold start), shared by its invocations. */
export interface LambdaServices {
  config: LambdaConfig;
  store: DynamoDbStore;
  estates: S3EstateSource;
  artifacts: S3RunArtifacts;
  secrets: SecretsManagerClient;
  publisher: SnsPublisher;
  fingerprinter(): Promise<Fingerprinter>;
  collectorFor(estate: Estate): SourceCollector;
}

/** In Lambda, recorded `from:` sources have no files to read. */
const recordedRefused: SourceCollector = {
  collect: async (_spec, label) => ({ source: label, observations: [], dangling: [], errors: [`${label.label}: recorded sources are read by the CLI`] }),
};

let clock: () => Date = () => new Date();

/** Replaces the clock of every use case (tests drive runs on chosen days). */
export function useClock(now: () => Date): void {
  clock = now;
}
const now = (): Date => clock();

function build(env: NodeJS.ProcessEnv): LambdaServices {
  const config = lambdaConfig(env);
  const objects = new S3Objects(new S3Client({}), config.bucket);
  const store = new DynamoDbStore({ client: new DynamoDBClient({}), table: config.table });
  const secrets = new SecretsManagerClient({});
  const aws = new AwsClientFactory();
  // One limiter per account and region: a Map iteration owns its target's budget.
  const limiters = new LimiterRegistry();
  return {
    config,
    store,
    estates: new S3EstateSource(objects),
    artifacts: new S3RunArtifacts(objects),
    secrets,
    publisher: new SnsPublisher({ sns: new SNSClient({}), topicArn: config.topicArn }),
    fingerprinter: fingerprinterFromSecretsManager(secrets, config.fingerprintSecretArn),
    collectorFor: (estate) =>
      new LiveSourceCollector(recordedRefused, {
        clients: (target) => aws.for(target),
        limiters,
        previous: async (environment, label) => (await store.loadSnapshot(estate.name, environment, sourceKey(label)))?.observations,
        taskDefinitions: new StoreTaskDefinitionCache(store, secretPolicy(declaredSecrets(estate))),
        defaultRegion: config.region,
        now,
        onCalls: (label, calls) => logger.debug('source calls', { estate: estate.name, source: label, calls }),
      }),
  };
}

let built: LambdaServices | undefined;

/** The container's services, built on first use. */
export const lambdaServices = (): LambdaServices => (built ??= build(process.env));

export const planRunDeps = (): PlanRunDeps => {
  const s = lambdaServices();
  return { estates: s.estates, defaultRegion: s.config.region, now };
};

export const snapshotTargetDeps = (): SnapshotTargetDeps => {
  const s = lambdaServices();
  return { estates: s.estates, artifacts: s.artifacts, collectorFor: s.collectorFor, fingerprinter: s.fingerprinter, defaultRegion: s.config.region, count };
};

export const auditRunDeps = (): AuditRunDeps => {
  const s = lambdaServices();
  return { estates: s.estates, artifacts: s.artifacts, store: s.store, defaultRegion: s.config.region, now, count };
};

/** Per invocation: the webhook secret is read at most once per invocation, and only when a digest is due. */
export const notifyRunDeps = (): NotifyRunDeps => {
  const s = lambdaServices();
  const webhook = webhookFromSecretsManager(s.secrets, s.config.slackSecretArn);
  const base = s.config.reportBaseUrl;
  return {
    estates: s.estates,
    artifacts: s.artifacts,
    store: s.store,
    publisher: s.publisher,
    digestSink: async () => new SlackDigestSink({ url: await webhook() }),
    ...(base ? { reportUrl: (runId: string, estate: string) => `${base}/${s.artifacts.reportKey(runId, estate)}` } : {}),
    now,
    onDeliveryError: (channel, estate, error) => logger.warn('delivery failed; it is tried again next run', { channel, estate, error: error.name, detail: error.message }),
    count,
  };
};
