import { Readable } from 'node:stream';
import { ApplicationAutoScalingClient, type ScalableTarget } from '@aws-sdk/client-application-auto-scaling';
import { ECSClient, type Service, type TaskDefinition } from '@aws-sdk/client-ecs';
import { S3Client, type GetObjectCommandOutput } from '@aws-sdk/client-s3';
import type { SourceParseResult } from '../../../../lambdas/core/sources/result';

/** The secret of the environment file: it must never appear in what the collector returns. */
export const CANARY = 'CANARY-s3cr3t-7f1e';
export const ENV_FILE_ARN = 'arn:aws:s3:::staging-config/api/api.env';
export const ENV_FILE_TEXT = `# api settings\nDB_PASSWORD=${CANARY}\nFEATURE_SEARCH=on\nLOG_LEVEL=WARN\n`;
export const CLUSTER_ARN = 'arn:aws:ecs:us-east-1:111111111111:cluster/staging';

const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'dummy-secret-access-key' };

/** Real SDK clients with dummy credentials; `extra` is merged into each client's config. */
export function realClients(extra: { maxAttempts?: number } = {}): {
  ecs: ECSClient;
  autoscaling: ApplicationAutoScalingClient;
  s3: S3Client;
} {
  const config = { region: 'us-east-1', credentials, ...extra };
  return { ecs: new ECSClient(config), autoscaling: new ApplicationAutoScalingClient(config), s3: new S3Client(config) };
}

export const taskDefinitionArn = (revision: number): string => `arn:aws:ecs:us-east-1:111111111111:task-definition/api-server:${revision}`;

/** DescribeTaskDefinition's `taskDefinition`, as the SDK returns it (dates as Date). */
export function sdkTaskDefinition(revision = 7): TaskDefinition {
  return {
    taskDefinitionArn: taskDefinitionArn(revision),
    family: 'api-server',
    revision,
    cpu: '1024',
    memory: '2048',
    status: 'ACTIVE',
    registeredAt: new Date('2026-11-01T10:00:00.000Z'),
    registeredBy: 'arn:aws:sts::111111111111:assumed-role/deploy/ci',
    containerDefinitions: [
      {
        name: 'api',
        image: 'api:1.2.3',
        cpu: 512,
        memory: 1024,
        environment: [
          { name: 'LOG_LEVEL', value: 'INFO' },
          { name: 'DB_TIMEOUT', value: '10s' },
        ],
        environmentFiles: [{ type: 's3', value: ENV_FILE_ARN }],
        secrets: [{ name: 'API_TOKEN', valueFrom: 'arn:aws:ssm:us-east-1:111111111111:parameter/staging/api/token' }],
      },
      { name: 'log-router', image: 'fluent-bit', cpu: 0, essential: false },
    ],
  };
}

/** One service of DescribeServices, as the SDK returns it. */
export function sdkService(revision = 7, extra: Partial<Service> = {}): Service {
  return {
    serviceArn: 'arn:aws:ecs:us-east-1:111111111111:service/staging/api-server',
    serviceName: 'api-server',
    clusterArn: CLUSTER_ARN,
    status: 'ACTIVE',
    desiredCount: 3,
    runningCount: 3,
    taskDefinition: taskDefinitionArn(revision),
    createdAt: new Date('2025-01-02T03:04:05.000Z'),
    deployments: [
      { id: 'ecs-svc/1', status: 'PRIMARY', taskDefinition: taskDefinitionArn(revision), createdAt: new Date('2026-11-01T10:05:00.000Z') },
    ],
    ...extra,
  };
}

export const sdkTarget = (): ScalableTarget => ({
  ServiceNamespace: 'ecs',
  ResourceId: 'service/staging/api-server',
  ScalableDimension: 'ecs:service:DesiredCount',
  MinCapacity: 2,
  MaxCapacity: 6,
  RoleARN: 'arn:aws:iam::111111111111:role/autoscaling',
  CreationTime: new Date('2025-01-02T03:10:00.000Z'),
});

/** A GetObject body as Node's SDK gives it: a stream of bytes. */
export const body = (text: string | Buffer): GetObjectCommandOutput['Body'] =>
  Readable.from([Buffer.isBuffer(text) ? text : Buffer.from(text)]) as unknown as GetObjectCommandOutput['Body'];

/** Key → the value as text, `<secret>` or `<ref target>`: what parity and comparisons see. */
export function valuesOf(result: SourceParseResult): Record<string, string> {
  const out: Record<string, string> = {};
  for (const o of result.observations) {
    const v = o.value;
    out[o.key] = v.kind === 'text' ? v.text : v.kind === 'ref' ? `<ref ${v.target}>` : `<${v.kind}>`;
  }
  return out;
}
