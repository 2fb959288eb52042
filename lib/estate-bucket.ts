import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import type { SeedFile } from './estate-files';
import { EstateSeeding } from './estate-seeding';
import { acknowledge } from './nag';

import { ESTATES_PREFIX, RUNS_PREFIX, SEED_PREFIX } from '../lambdas/adapters/s3/bucket-layout';

export interface EstateBucketProps {
  /** The estate files and baselines `cdk deploy` seeds under `estates/` (`seedFiles`): nothing else. */
  seedFiles: SeedFile[];
  /** The repository root: the seeding function's entry file is found from it. */
  projectRoot: string;
  /** Days a run's reports and intermediate snapshots are kept under `runs/`. */
  runRetentionDays?: number;
}

/** The installation's versioned bucket: estate files under `estates/` (seeded at deploy), run outputs under `runs/`. */
export class EstateBucket extends Construct {
  readonly bucket: Bucket;
  /** What seeds `estates/` at deploy (absent when the installation has no estate file to seed). */
  readonly seeding?: EstateSeeding;

  constructor(scope: Construct, id: string, props: EstateBucketProps) {
    super(scope, id);
    const logs = new Bucket(this, 'AccessLogs', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ expiration: Duration.days(365) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    acknowledge(logs, 'AwsSolutions-S1', 'This is the access-log bucket of the estate bucket; logging it to itself would loop.');

    this.bucket = new Bucket(this, 'Bucket', {
      versioned: true,
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      serverAccessLogsBucket: logs,
      serverAccessLogsPrefix: 'estate-bucket/',
      lifecycleRules: [
        {
          id: 'runs',
          prefix: RUNS_PREFIX,
          expiration: Duration.days(props.runRetentionDays ?? 90),
          noncurrentVersionExpiration: Duration.days(7),
        },
        // Every published estate version is kept a year: each run records the version it audited.
        { id: 'estate-versions', prefix: ESTATES_PREFIX, noncurrentVersionExpiration: Duration.days(365) },
        // The deploy's staging, one object per file content (`seed/{sha256}`): each deploy's sync rewrites them.
        { id: 'seed-staging', prefix: SEED_PREFIX, noncurrentVersionExpiration: Duration.days(1) },
        { id: 'abort-uploads', abortIncompleteMultipartUploadAfter: Duration.days(1) },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });

    if (props.seedFiles.length) {
      this.seeding = new EstateSeeding(this, 'Seeding', {
        bucket: this.bucket,
        seedFiles: props.seedFiles,
        projectRoot: props.projectRoot,
      });
    }
  }
}
