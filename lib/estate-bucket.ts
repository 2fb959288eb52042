import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import type { SeedFile } from './estate-files';
import { acknowledge } from './nag';

import { CODE_SCAN_FILE, ESTATES_PREFIX, RUNS_PREFIX } from '../lambdas/adapters/s3/bucket-layout';

export interface EstateBucketProps {
  /** The estate files and baselines `cdk deploy` seeds under `estates/` (`seedFiles`): nothing else. */
  seedFiles: SeedFile[];
  /** Days a run's reports and intermediate snapshots are kept under `runs/`. */
  runRetentionDays?: number;
}

/** The installation's versioned bucket: estate files under `estates/` (seeded at deploy), run outputs under `runs/`. */
export class EstateBucket extends Construct {
  readonly bucket: Bucket;

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
        { id: 'abort-uploads', abortIncompleteMultipartUploadAfter: Duration.days(1) },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });

    if (props.seedFiles.length) {
      new BucketDeployment(this, 'SeedEstates', {
        sources: props.seedFiles.map((f) => Source.data(f.key, f.text)),
        destinationBucket: this.bucket,
        destinationKeyPrefix: ESTATES_PREFIX,
        // The folders are the estates the installation was deployed with: one dropped from `estates` or
        // renamed must leave, or plan-run would go on auditing it (with no grant left for its reads).
        // The code scans only `drift publish` writes stay (a file seeded again simply overwrites).
        prune: true,
        exclude: [`*/${CODE_SCAN_FILE}`],
        memoryLimit: 256,
      });
    }
  }
}
